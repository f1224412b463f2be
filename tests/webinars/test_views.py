"""Public pages: listing, series, the webinar page with its agenda and status line."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from portal.core.models import Language, Theme
from portal.webinars.selectors import listing_facets
from tests.factories.members import member
from tests.factories.webinars import (
    MaterialFactory,
    RegistrationFactory,
    SeriesFactory,
    SpeakerFactory,
    WebinarFactory,
    add_agenda,
    programme_webinar,
)
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


def detail(client, webinar, **kwargs):
    return client.get(reverse("webinars:detail", args=[webinar.slug]), **kwargs)


def test_index_lists_upcoming_and_past_live_webinars_only(client):
    upcoming = WebinarFactory(title="Coming soon")
    past = WebinarFactory(title="Long ago", start=timezone.now() - timedelta(days=30))
    WebinarFactory(title="Still a draft", live=False)

    response = client.get(reverse("webinars:index"))

    text = page_text(response)
    assert response.status_code == 200
    assert upcoming.title in text and past.title in text
    assert "Still a draft" not in text
    assert text.index("Coming soon") < text.index("Past webinars") < text.index("Long ago")


def test_index_hides_members_only_webinars_from_visitors(client):
    WebinarFactory(title="Members circle", is_members_only=True)

    assert "Members circle" not in page_text(client.get(reverse("webinars:index")))
    client.force_login(member())
    assert "Members circle" in page_text(client.get(reverse("webinars:index")))


def test_index_filters_by_series_theme_and_language(client):
    series = SeriesFactory(title="Skills and Labour Migration", slug="skills-migration")
    theme = Theme.objects.get(slug="recognition-portability")
    french = Language.objects.get(code="fr")
    matching = WebinarFactory(title="Matching one", series=series, language=french)
    matching.themes.add(theme)
    matching.save()  # parental relations are written on save
    WebinarFactory(title="Other one")

    for query in ({"series": "skills-migration"}, {"theme": theme.slug}, {"language": "fr"}):
        text = page_text(client.get(reverse("webinars:index"), query))
        assert "Matching one" in text and "Other one" not in text, query


def test_index_offers_only_the_choices_a_visible_webinar_has(client):
    public_series = SeriesFactory(title="Open series", slug="open-series")
    circle_series = SeriesFactory(title="Circle series", slug="circle-series")
    draft_series = SeriesFactory(title="Draft series", slug="draft-series")
    SeriesFactory(title="Empty series", slug="empty-series")
    english, french, portuguese = (Language.objects.get(code=code) for code in ("en", "fr", "pt"))
    themes = list(Theme.objects.order_by("slug")[:3])
    for series, language, theme, fields in (
            (public_series, english, themes[0], {}),
            (circle_series, french, themes[1], {"is_members_only": True}),
            (draft_series, portuguese, themes[2], {"live": False})):
        webinar = WebinarFactory(series=series, language=language, **fields)
        webinar.themes.add(theme)
        webinar.save()

    def offered(user):
        facets = listing_facets(user=user)
        return ({series.slug for series in facets["series"]},
                {theme.slug for theme in facets["themes"]},
                {language.code for language in facets["languages"]})

    assert offered(AnonymousUser()) == ({"open-series"}, {themes[0].slug}, {"en"})
    assert offered(member()) == ({"open-series", "circle-series"},
                                 {themes[0].slug, themes[1].slug}, {"en", "fr"})
    text = page_text(client.get(reverse("webinars:index")))
    assert "Open series" in text and "Circle series" not in text
    assert "Draft series" not in text and "Empty series" not in text


def test_series_page_shows_its_webinars_and_feed(client):
    series = SeriesFactory(title="Skills and Labour Migration")
    WebinarFactory(title="In the series", series=series)
    WebinarFactory(title="Elsewhere")

    response = client.get(reverse("webinars:series", args=[series.slug]))

    text = page_text(response)
    assert "In the series" in text and "Elsewhere" not in text
    assert reverse("webinars:series_feed", args=[series.slug]) in response.content.decode()


def _agenda_html(response) -> str:
    html = response.content.decode()
    return html[html.index('<table class="agenda'):html.index("</table>")]


def test_detail_shows_agenda_in_event_and_display_zones(client):
    webinar = programme_webinar()

    text = page_text(detail(client, webinar))

    assert "11:00–11:05 SAST (GMT+2)" in text
    assert "12:00–12:05 EAT (GMT+3)" in text
    assert "Acquillyne Mbaka" in text and "Skills Development Officer" in text
    assert "Moderator: Moderator One (GIZ)" in text
    assert "11 April 2024, 11:00–12:00 SAST (GMT+2)" in text


def test_detail_leaves_the_viewer_column_to_the_browser_whatever_the_cookie(client):
    webinar = programme_webinar()

    plain = detail(client, webinar)
    client.cookies["portal_tz"] = "Europe/London"
    with_cookie = detail(client, webinar)

    # The agenda is the same for everyone (cacheable); the browser fills "your time" from
    # the UTC instants each row carries.
    assert _agenda_html(plain) == _agenda_html(with_cookie)
    assert "BST" not in page_text(with_cookie)
    assert 'data-start="2024-04-11T09:00:00+00:00"' in _agenda_html(plain)
    assert 'data-end="2024-04-11T09:05:00+00:00"' in _agenda_html(plain)
    assert 'data-event-day="2024-04-11"' in _agenda_html(plain)
    assert 'src="/static/js/localtimes.js"' in plain.content.decode()


def test_detail_shows_the_day_in_zones_where_it_changes(client):
    """11:00 SAST on 11 April is still 10 April in Honolulu: every time there says so."""
    webinar = programme_webinar()
    webinar.display_timezones = "Pacific/Honolulu Pacific/Kiritimati"
    webinar.save()

    text = page_text(detail(client, webinar))

    assert "Wed 10 Apr 23:00–23:05 HST (GMT-10)" in text
    assert "Wednesday 10 April 2024, 23:00–11 Apr 00:00 HST (GMT-10)" in text
    # Kiritimati (GMT+14) reads 23:00 on the 11th: the same day, no day shown.
    assert "23:00–23:05 GMT+14" in text and "Thu 11 Apr" not in text


def test_detail_status_line_follows_capacity_window_and_time(client):
    now = timezone.now()
    open_webinar = WebinarFactory(capacity=2)
    full = WebinarFactory(capacity=1)
    RegistrationFactory(webinar=full)
    not_yet = WebinarFactory(registration_opens_at=now + timedelta(days=1))
    closed = WebinarFactory(registration_closes_at=now - timedelta(hours=1))
    live = WebinarFactory(start=now - timedelta(minutes=10))
    ended = WebinarFactory(start=now - timedelta(days=2))
    cancelled = WebinarFactory(is_cancelled=True)

    expected = {open_webinar: "Registration open", full: "Full: join the waiting list",
                not_yet: "Registration opens soon", closed: "Registration closed",
                live: "Live now", ended: "Ended", cancelled: "Cancelled"}
    for webinar, label in expected.items():
        text = page_text(detail(client, webinar))
        assert label in text, webinar.title
    assert "2 places left" in page_text(detail(client, open_webinar))
    assert 'name="email"' in detail(client, full).content.decode()
    assert 'name="email"' not in detail(client, closed).content.decode()


def test_detail_after_the_event_shows_recording_and_materials(client):
    webinar = WebinarFactory(start=timezone.now() - timedelta(days=3),
                             recording_url="https://video.example.org/rec",
                             discussion_url="/forum/t/1/")
    MaterialFactory(webinar=webinar, title="Panel slides")

    response = detail(client, webinar)

    text = page_text(response)
    assert "After the webinar" in text and "Watch the recording" in text
    assert "Panel slides" in text and "Continue the discussion" in text


def test_detail_of_draft_is_not_found_and_members_only_asks_to_log_in(client):
    draft = WebinarFactory(live=False)
    private = WebinarFactory(is_members_only=True)

    assert detail(client, draft).status_code == 404
    response = detail(client, private)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_detail_never_shows_the_join_link(client):
    webinar = WebinarFactory(join_url="https://meet.example.org/j/secret-room",
                             start=timezone.now() + timedelta(minutes=5))

    assert "secret-room" not in detail(client, webinar).content.decode()


def test_printable_programme_reads_like_a_concept_note(client):
    webinar = programme_webinar(introduction="<p>Background of the series.</p>")

    response = client.get(reverse("webinars:programme", args=[webinar.slug]))

    text = page_text(response)
    assert "Concept note and programme" in text
    assert "Background of the series." in text
    assert "11 April 2024, 11:00–12:00 SAST (GMT+2) / 12:00–13:00 EAT (GMT+3)" in text


def test_printable_programme_header_carries_the_viewers_time_for_the_browser(client):
    webinar = programme_webinar()
    path = reverse("webinars:programme", args=[webinar.slug])

    html = client.get(path).content.decode()

    header = html[html.index('<header class="programme-sheet__head">'):]
    header = header[:header.index("</header>")]
    you = header[header.index('class="programme-sheet__you"'):]
    you = you[:you.index("</p>")]
    # What static/js/localtimes.js fills: the start and end in UTC, the event's zone (so
    # that the line stays hidden where it would repeat the event's time), with the date.
    assert "data-local-time-wrap hidden" in you
    assert 'data-local-time data-with-date data-event-zone="Africa/Johannesburg"' in you
    assert 'data-start="2024-04-11T09:00:00+00:00"' in you
    assert 'data-end="2024-04-11T10:00:00+00:00"' in you
    assert "(your time)" in you
    # The server writes no zone of the viewer's: the HTML is the same for everyone.
    client.cookies["portal_tz"] = "Pacific/Honolulu"
    again = client.get(path).content.decode()
    assert "Honolulu" not in again
    assert again.count("data-local-time-wrap") == html.count("data-local-time-wrap") == 1


def test_home_page_section_lists_upcoming_webinars(rf):
    from django.contrib.auth.models import AnonymousUser

    from portal.webinars.home import upcoming_section

    WebinarFactory(title="Next up")
    request = rf.get("/")
    request.user = AnonymousUser()

    section = upcoming_section(request)

    assert [webinar.title for webinar in section.items] == ["Next up"]


def _listing_rows(count):
    theme = Theme.objects.first()
    series = SeriesFactory()
    for index in range(count):
        for start in (timezone.now() + timedelta(days=index + 1),
                      timezone.now() - timedelta(days=index + 1)):
            webinar = WebinarFactory(start=start, series=series)
            webinar.themes.add(theme)
            webinar.save()
            RegistrationFactory(webinar=webinar)


def test_index_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    _listing_rows(3)
    client.get(reverse("webinars:index"))
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("webinars:index"))
    _listing_rows(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("webinars:index"))
    assert response.status_code == 200


def _grow_agenda(webinar, sessions):
    speakers = [SpeakerFactory() for _ in range(2)]
    add_agenda(webinar, [(f"Session {index}", [("", 5, "Item a", speakers),
                                               ("", 5, "Item b", speakers[:1])], speakers)
                         for index in range(sessions)])


def test_detail_query_count_does_not_grow_with_agenda(client, django_assert_max_num_queries):
    webinar = WebinarFactory()
    _grow_agenda(webinar, 2)
    MaterialFactory(webinar=webinar)
    detail(client, webinar)
    with django_assert_max_num_queries(25) as small:
        detail(client, webinar)
    _grow_agenda(webinar, 6)
    MaterialFactory(webinar=webinar)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = detail(client, webinar)
    assert response.status_code == 200


def test_public_page_offers_outlook_and_office_365_like_the_manage_page(client):
    webinar = WebinarFactory()

    html = detail(client, webinar).content.decode()

    assert "outlook.live.com/calendar" in html and "outlook.office.com/calendar" in html


def test_register_action_and_places_left_come_before_the_programme(client):
    webinar = programme_webinar()
    webinar.start = timezone.now() + timedelta(days=10)
    webinar.capacity = 40
    webinar.save()

    html = detail(client, webinar).content.decode()

    cta = html.index('class="button webinar-cta__button" href="#register"')
    assert cta < html.index('id="programme-heading"') < html.index('id="register"')
    assert "40 places left" in page_text(html[cta:cta + 400])


def test_listing_cards_carry_the_instant_for_your_time_and_show_the_event_day(client):
    webinar = programme_webinar()

    html = client.get(reverse("webinars:index")).content.decode()

    card = html[html.index(webinar.title):]
    assert "Thu 11 April 2024, 11:00 SAST (GMT+2)" in page_text(card[:2000])
    assert 'data-start="2024-04-11T09:00:00+00:00"' in card[:2000]
    assert 'data-event-day="2024-04-11"' in card[:2000]

