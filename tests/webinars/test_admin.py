"""Editing webinars in the Wagtail admin: nested agenda, local times, drafts, publishing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from portal.webinars.models import Webinar
from tests.factories.members import UserFactory
from tests.factories.webinars import SpeakerFactory, WebinarFactory, programme_webinar
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db

ADD_URL = "wagtailsnippets_webinars_webinar:add"
EDIT_URL = "wagtailsnippets_webinars_webinar:edit"


@pytest.fixture
def editor(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "America/New_York"  # the editor's own zone differs
    profile.save()
    client.force_login(user)
    return user


def webinar_form(**overrides):
    speaker = overrides.pop("speaker", None)
    data = {
        "title": "Skills partnerships",
        "slug": "skills-partnerships",
        "summary": "Countries compare notes.",
        "introduction": rich_text("<p>Why skills partnerships matter.</p>"),
        "objectives": rich_text("<p>Understand partnerships.</p>"),
        "expected_outcomes": rich_text(""),
        "timezone": "Africa/Johannesburg",
        "local_start": "2030-04-11 11:00",
        "duration_minutes": "60",
        "display_timezones": "Africa/Nairobi",
        "capacity": "50",
        "local_registration_opens": "",
        "local_registration_closes": "",
        "reminder_schedule": "24h, 1h",
        "platform": "zoom",
        "join_url": "https://meet.example.org/j/1",
        "join_details": "",
        "recording_url": "",
        "discussion_url": "",
        "cancellation_note": "",
        "sessions": inline_formset([
            {"title": "Session 1", "description": "",
             "moderator_links": inline_formset([]),
             "items": inline_formset([
                 {"label": "", "duration_minutes": "5", "title": "Opening remarks",
                  "description": "", "sub_topics": "",
                  "speaker_links": inline_formset(
                      [{"speaker": str(speaker.pk)}] if speaker else [])},
                 {"label": "1B", "duration_minutes": "10", "title": "Introduction",
                  "description": "", "sub_topics": "Concepts\nThe series",
                  "speaker_links": inline_formset([])},
             ])},
        ]),
        "materials": inline_formset([]),
        "questions": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_admin_create_reads_local_time_in_event_zone_not_editors(client, editor):
    speaker = SpeakerFactory(name="Acquillyne Mbaka")

    response = client.post(reverse(ADD_URL), webinar_form(speaker=speaker))

    assert response.status_code == 302, response.content.decode()[:3000]
    webinar = Webinar.objects.get(slug="skills-partnerships")
    assert webinar.start == datetime(2030, 4, 11, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert webinar.live is False  # saved as a draft
    items = [item for session in webinar.sessions.all() for item in session.items.all()]
    assert [item.title for item in items] == ["Opening remarks", "Introduction"]
    assert items[0].speaker_links.get().speaker == speaker


def test_admin_edit_form_shows_the_stored_start_in_event_zone(client, editor):
    webinar = WebinarFactory(start=datetime(2030, 7, 1, 9, 0, tzinfo=ZoneInfo("UTC")),
                             timezone="Europe/Paris")

    response = client.get(reverse(EDIT_URL, args=[webinar.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="2030-07-01 11:00"' in content  # CEST, not the editor's New York time
    assert "Start (local time in Europe/Paris)" in content
    assert "CEST (GMT+2)" in content


def test_admin_publish_then_draft_keeps_live_version(client, editor):
    response = client.post(reverse(ADD_URL), webinar_form(**{"action-publish": "1"}))
    assert response.status_code == 302
    webinar = Webinar.objects.get(slug="skills-partnerships")
    assert webinar.live

    edit = webinar_form(title="A new title (draft)")
    response = client.post(reverse(EDIT_URL, args=[webinar.pk]), edit)

    assert response.status_code == 302
    webinar.refresh_from_db()
    assert webinar.title == "Skills partnerships"  # the public version is unchanged
    assert webinar.has_unpublished_changes
    assert Revision.objects.for_instance(webinar).count() == 2
    assert client.get(reverse("webinars:detail", args=[webinar.slug])).status_code == 200


def test_admin_scheduled_publishing_waits_for_go_live(client, editor):
    go_live = (timezone.now() + timedelta(days=2)).astimezone(ZoneInfo("America/New_York"))
    data = webinar_form(**{"action-publish": "1",
                           "go_live_at": go_live.strftime("%Y-%m-%d %H:%M")})

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 302
    webinar = Webinar.objects.get(slug="skills-partnerships")
    assert webinar.live is False
    assert webinar.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert client.get(reverse("webinars:detail", args=[webinar.slug])).status_code == 404


def test_admin_rejects_registration_closing_after_the_end(client, editor):
    data = webinar_form(local_registration_closes="2030-04-11 14:00")

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 200
    assert "Registration cannot close after the webinar ends." in response.content.decode()
    assert not Webinar.objects.exists()


def test_admin_refuses_an_agenda_longer_than_the_webinar(client, editor):
    data = webinar_form(duration_minutes="10")  # the agenda lasts 5 + 10 minutes

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 200
    assert ("The agenda lasts 15 minutes, longer than the webinar&#x27;s 10."
            in response.content.decode())
    assert not Webinar.objects.exists()


def test_admin_accepts_an_agenda_that_fits_once_an_item_is_deleted(client, editor):
    data = webinar_form(duration_minutes="10")
    data["sessions-0-items-1-DELETE"] = "1"  # drop the 10-minute item: 5 minutes left

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 302, page_text(response)[:2000]
    assert Webinar.objects.get().sessions.get().items.count() == 1


def test_admin_edit_form_shows_each_items_computed_times_and_zone_list(client, editor):
    webinar = programme_webinar()

    content = client.get(reverse(EDIT_URL, args=[webinar.pk])).content.decode()

    text = page_text(content)
    assert "Computed times" in text
    assert "Opening remarks (5 min) 11:00–11:05 12:00–12:05" in text
    assert "Conclusion and vote of thanks (10 min) 11:50–12:00 12:50–13:00" in text
    # Display zones are picked from the list of zones, the saved one selected.
    assert '<select name="display_timezones"' in content
    assert '<option value="Africa/Nairobi" selected>' in content


def test_admin_zone_list_saves_the_chosen_zones(client, editor):
    data = webinar_form()
    data["display_timezones"] = ["Africa/Nairobi", "Africa/Lagos"]  # two options chosen

    response = client.post(reverse(ADD_URL), data)

    assert response.status_code == 302
    assert Webinar.objects.get().display_zone_names == ["Africa/Nairobi", "Africa/Lagos"]


def test_admin_listing_shows_real_dates_in_the_event_zone(client, editor):
    WebinarFactory(title="Weeks away", start=datetime(2031, 3, 4, 9, 0,
                                                      tzinfo=ZoneInfo("UTC")))

    text = page_text(client.get(reverse("wagtailsnippets_webinars_webinar:list")))

    assert "Tue 4 Mar 2031, 11:00 SAST (GMT+2)" in text


def test_admin_preview_renders_unsaved_agenda(client, editor):
    preview_url = reverse("wagtailsnippets_webinars_webinar:preview_on_add")
    data = webinar_form()

    client.post(preview_url, data)
    response = client.get(preview_url)

    assert response.status_code == 200
    text = page_text(response)
    assert "Opening remarks" in text
    assert "11:00–11:05 SAST (GMT+2)" in text


def test_admin_listing_links_to_registrants(client, editor):
    webinar = WebinarFactory()

    response = client.get(reverse("wagtailsnippets_webinars_webinar:list"))

    assert response.status_code == 200
    assert reverse("webinars_admin:registrants", args=[webinar.pk]) in response.content.decode()


def test_admin_snippets_forbidden_to_members_without_editor_group(client):
    client.force_login(UserFactory())

    response = client.get(reverse(ADD_URL))

    assert response.status_code in (302, 403)


def test_materials_choose_pages_of_the_resource_library(client, editor):
    from portal.webinars.panels import resource_page_type

    webinar = WebinarFactory()

    content = client.get(reverse(EDIT_URL, args=[webinar.pk])).content.decode()

    assert resource_page_type() == "resources.ResourcePage"
    assert "resources.resourcepage" in content
