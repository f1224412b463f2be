"""Calendar files and feeds: RFC 5545 content, zones, UID/SEQUENCE, privacy, escaping."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from portal.webinars import services
from portal.webinars.enums import RegistrationStatus
from portal.webinars.ical import webinar_ics
from tests.factories.members import member
from tests.factories.webinars import (
    RegistrationFactory,
    SeriesFactory,
    WebinarFactory,
    programme_webinar,
)

pytestmark = pytest.mark.django_db


def parse(response_or_text):
    text = response_or_text if isinstance(response_or_text, str) else \
        response_or_text.content.decode()
    return text, Calendar.from_ical(text)


def test_public_file_has_zone_uid_sequence_and_no_join_link(client):
    webinar = programme_webinar(title="Skills Partnerships on Labour Migration",
                                join_url="https://meet.example.org/j/secret")

    response = client.get(reverse("webinars:calendar", args=[webinar.slug]))

    text, calendar = parse(response)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert calendar["METHOD"] == "PUBLISH" and calendar["VERSION"] == "2.0"
    zones = calendar.walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Africa/Johannesburg"]
    event = calendar.walk("VEVENT")[0]
    assert "DTSTART;TZID=Africa/Johannesburg:20240411T110000" in text
    assert "DTEND;TZID=Africa/Johannesburg:20240411T120000" in text
    assert event["UID"] == f"webinar-{webinar.pk}@testserver"
    assert event["SEQUENCE"] == 0 and "DTSTAMP" in event
    assert str(event["URL"]) == f"http://testserver/webinars/{webinar.slug}/"
    assert event["STATUS"] == "CONFIRMED"
    assert "11:50–12:00 3B Conclusion and vote of thanks" in str(event["DESCRIPTION"])
    assert "secret" not in text and "/join/" not in text


def test_personal_invitation_carries_the_personal_join_address():
    registration = RegistrationFactory(webinar=WebinarFactory(join_url="https://x.example/j/9"))

    text, calendar = parse(webinar_ics(registration.webinar, registration=registration,
                                       method="REQUEST"))

    event = calendar.walk("VEVENT")[0]
    assert str(event["LOCATION"]) == f"http://testserver/webinars/join/{registration.token}/"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert event["ATTENDEE"].params["PARTSTAT"] == "ACCEPTED"
    assert "x.example" not in text


def test_text_cannot_inject_calendar_lines():
    webinar = WebinarFactory(title="Evil\r\nATTENDEE:mailto:x@evil.example\r\nEND:VEVENT",
                             summary="Line one\nBEGIN:VALARM\x00;,")

    text, calendar = parse(webinar_ics(webinar))

    assert "\nATTENDEE" not in text and "\nBEGIN:VALARM" not in text
    events = calendar.walk("VEVENT")
    assert len(events) == 1 and "ATTENDEE" not in events[0]
    assert str(events[0]["SUMMARY"]) == "Evil\nATTENDEE:mailto:x@evil.example\nEND:VEVENT"
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_cancelled_webinar_stays_in_feeds_as_cancelled(client):
    WebinarFactory(title="Called off", is_cancelled=True)

    text, calendar = parse(client.get(reverse("webinars:feed")))

    assert [str(e["STATUS"]) for e in calendar.walk("VEVENT")] == ["CANCELLED"]


def test_all_feed_holds_public_live_webinars_with_refresh_hints(client):
    WebinarFactory(title="Open to all")
    WebinarFactory(title="Past one", start=timezone.now() - timedelta(days=40))
    WebinarFactory(title="Members circle", is_members_only=True)
    WebinarFactory(title="A draft", live=False)
    client.force_login(member())  # even for members: a feed URL is shared and public

    text, calendar = parse(client.get(reverse("webinars:feed")))

    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == ["Open to all",
                                                                         "Past one"]
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H" in text
    assert "X-PUBLISHED-TTL:PT1H" in text
    assert "X-WR-CALNAME" in text


def test_feed_answers_not_modified_to_a_matching_etag(client, django_capture_on_commit_callbacks):
    WebinarFactory()
    first = client.get(reverse("webinars:feed"))

    again = client.get(reverse("webinars:feed"), HTTP_IF_NONE_MATCH=first["ETag"])
    with django_capture_on_commit_callbacks(execute=True):
        WebinarFactory()
    changed = client.get(reverse("webinars:feed"), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert changed.status_code == 200


def test_series_feed_holds_only_the_series(client):
    series = SeriesFactory()
    WebinarFactory(title="In series", series=series)
    WebinarFactory(title="Outside")

    _, calendar = parse(client.get(reverse("webinars:series_feed", args=[series.slug])))

    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["In series"]


def test_personal_feed_has_registrations_with_join_links_and_revocable_token(client):
    user = member()
    mine = RegistrationFactory(user=user, email=user.email,
                               webinar=WebinarFactory(title="Mine"))
    RegistrationFactory(user=user, email=user.email, status=RegistrationStatus.CANCELLED,
                        webinar=WebinarFactory(title="Dropped"))
    RegistrationFactory(webinar=WebinarFactory(title="Someone else's"))
    token = services.feed_token_get_or_create(user=user).token
    url = reverse("webinars:personal_feed", args=[token])

    response = client.get(url)

    text, calendar = parse(response)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Mine", "Dropped"}
    assert events["Dropped"]["STATUS"] == "CANCELLED"
    assert f"/webinars/join/{mine.token}/" in str(events["Mine"]["LOCATION"])
    assert "no-store" in response["Cache-Control"]
    services.feed_token_reset(user=user)
    assert client.get(url).status_code == 404


def test_feed_token_reset_view_needs_login_and_post(client):
    user = member()
    old = services.feed_token_get_or_create(user=user).token
    url = reverse("webinars:feed_token_reset")

    assert client.post(url).status_code == 302  # to the login page
    client.force_login(user)
    assert client.get(url).status_code == 405
    response = client.post(url, {"next": "https://evil.example/"})

    assert response["Location"] == reverse("members:dashboard")
    assert services.feed_token_get_or_create(user=user).token != old


def test_registration_file_is_publish_with_personal_join_link(client):
    registration = RegistrationFactory()

    text, calendar = parse(client.get(
        reverse("webinars:registration_ics", args=[registration.token])))

    assert calendar["METHOD"] == "PUBLISH"
    assert f"/webinars/join/{registration.token}/" in text


def test_dst_zone_file_declares_daylight_rules():
    webinar = WebinarFactory(start=datetime(2030, 7, 1, 9, 0, tzinfo=ZoneInfo("UTC")),
                             timezone="Europe/Paris")

    text, calendar = parse(webinar_ics(webinar))

    assert "DTSTART;TZID=Europe/Paris:20300701T110000" in text
    zone = calendar.walk("VTIMEZONE")[0]
    assert {component.name for component in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_calendar_links_use_utc_times(client):
    webinar = programme_webinar()

    content = client.get(reverse("webinars:detail", args=[webinar.slug])).content.decode()

    assert "dates=20240411T090000Z%2F20240411T100000Z" in content


def test_built_feed_follows_every_change(client, django_capture_on_commit_callbacks):
    from portal.webinars import services

    with django_capture_on_commit_callbacks(execute=True):
        webinar = WebinarFactory(title="Kept fresh")
        WebinarFactory(title="Another", sequence=5)
    _, before = parse(client.get(reverse("webinars:feed")))

    with django_capture_on_commit_callbacks(execute=True):
        services.webinar_after_publish(webinar=webinar)  # records the calendar state
        webinar.refresh_from_db()
        webinar.is_cancelled = True
        webinar.save()
        services.webinar_after_publish(webinar=webinar)  # raises SEQUENCE
    _, cancelled = parse(client.get(reverse("webinars:feed")))

    events = {str(e["SUMMARY"]): e for e in before.walk("VEVENT")}
    assert events["Kept fresh"].get("STATUS") != "CANCELLED"
    events = {str(e["SUMMARY"]): e for e in cancelled.walk("VEVENT")}
    assert events["Kept fresh"]["STATUS"] == "CANCELLED"
    assert events["Kept fresh"]["SEQUENCE"] == 1 and events["Another"]["SEQUENCE"] == 5


# --- feeds built by the worker, in a bounded window ------------------------------------------

@pytest.fixture
def worker_builds_feeds(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued_feed_builds() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__endswith="build_calendar_feeds_task").count()


def test_a_request_never_builds_a_feed(client, worker_builds_feeds):
    from portal.webinars.feeds import feeds_build

    WebinarFactory(title="Kept for the worker")
    waiting = client.get(reverse("webinars:feed"))
    assert waiting.status_code == 503 and waiting["Retry-After"] == "60"
    client.get(reverse("webinars:feed"))
    assert queued_feed_builds() == 1  # asked once, however many clients come

    feeds_build()  # what the worker runs
    built = client.get(reverse("webinars:feed"))
    assert built.status_code == 200 and "Kept for the worker" in built.content.decode()


def test_a_burst_of_changes_asks_for_one_build(worker_builds_feeds,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            WebinarFactory(title=f"Part {number}")
    assert queued_feed_builds() == 1


def test_feeds_cover_a_year_back_and_older_webinars_go_to_a_yearly_archive(client):
    now = timezone.now()
    WebinarFactory(title="Next month", start=now + timedelta(days=30))
    WebinarFactory(title="Last spring", start=now - timedelta(days=200))
    old = WebinarFactory(title="Long ago", start=now - timedelta(days=800))

    current = client.get(reverse("webinars:feed")).content.decode()
    archive = client.get(reverse("webinars:year_feed", args=[old.start.year]))
    assert "Next month" in current and "Last spring" in current
    assert "Long ago" not in current
    assert archive.status_code == 200 and "Long ago" in archive.content.decode()
    assert "Next month" not in archive.content.decode()
    assert client.get(reverse("webinars:year_feed", args=[1999])).status_code == 404


def test_french_feeds_are_built_in_french(client):
    WebinarFactory(title="Skills partnerships")
    english = client.get(reverse("webinars:feed")).content.decode()
    french = client.get("/fr" + reverse("webinars:feed")).content.decode()
    assert "Webinars of the community of practice" in english
    assert "Webinaires de la communauté de pratique" in french
