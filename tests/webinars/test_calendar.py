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


def test_feed_answers_not_modified_to_a_matching_etag(client):
    WebinarFactory()
    first = client.get(reverse("webinars:feed"))

    again = client.get(reverse("webinars:feed"), HTTP_IF_NONE_MATCH=first["ETag"])
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


def test_cached_feed_follows_every_change(client):
    from portal.webinars.models import Webinar

    webinar = WebinarFactory(title="Kept fresh")
    other = WebinarFactory(title="Another", sequence=5)
    client.get(reverse("webinars:feed"))

    Webinar.objects.filter(pk=webinar.pk).update(sequence=1)  # as the services do
    _, raised = parse(client.get(reverse("webinars:feed")))
    webinar.refresh_from_db()
    webinar.is_cancelled = True
    webinar.save()
    _, cancelled = parse(client.get(reverse("webinars:feed")))

    events = {str(e["SUMMARY"]): e for e in raised.walk("VEVENT")}
    assert events["Kept fresh"]["SEQUENCE"] == 1 and events["Another"]["SEQUENCE"] == 5
    events = {str(e["SUMMARY"]): e for e in cancelled.walk("VEVENT")}
    assert events["Kept fresh"]["STATUS"] == "CANCELLED"
    assert other.pk
