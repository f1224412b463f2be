"""Zone labels on the event date (DST included) and the columns of the agenda table."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.webinars.agenda import agenda_schedule
from portal.webinars.selectors import zone_columns
from tests.factories.webinars import WebinarFactory, add_agenda

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def one_item_webinar(start, zone, display=""):
    webinar = WebinarFactory(start=start, timezone=zone, display_timezones=display)
    return add_agenda(webinar, [("Session", [("", 30, "Talk", [])], [])])


def item_texts(webinar, zones):
    return [r.text for r in agenda_schedule(webinar, zones)[0].items[0].ranges]


def test_labels_follow_daylight_saving_on_the_event_date():
    winter = one_item_webinar(datetime(2024, 3, 28, 9, 0, tzinfo=UTC), "Africa/Johannesburg",
                              "Europe/Paris, America/New_York")
    summer = one_item_webinar(datetime(2024, 4, 11, 9, 0, tzinfo=UTC), "Africa/Johannesburg",
                              "Europe/Paris, America/New_York")
    zones = ["Africa/Johannesburg", "Europe/Paris", "America/New_York"]

    assert item_texts(winter, zones) == ["11:00–11:30 SAST (GMT+2)", "10:00–10:30 CET (GMT+1)",
                                         "05:00–05:30 EDT (GMT-4)"]
    assert item_texts(summer, zones) == ["11:00–11:30 SAST (GMT+2)", "11:00–11:30 CEST (GMT+2)",
                                         "05:00–05:30 EDT (GMT-4)"]


def test_zone_without_abbreviation_is_labelled_by_offset():
    webinar = one_item_webinar(datetime(2024, 4, 11, 9, 0, tzinfo=UTC), "Africa/Johannesburg")

    assert item_texts(webinar, ["America/Sao_Paulo", "Asia/Kathmandu"]) == [
        "06:00–06:30 GMT-3", "14:45–15:15 GMT+5:45"]


def test_item_crossing_midnight_shows_the_end_date():
    webinar = one_item_webinar(datetime(2024, 4, 11, 11, 45, tzinfo=UTC), "Africa/Johannesburg")

    assert item_texts(webinar, ["Pacific/Auckland"]) == ["23:45–12 Apr 00:15 NZST (GMT+12)"]


def test_zone_columns_add_the_viewer_zone_once():
    webinar = WebinarFactory(timezone="Africa/Johannesburg",
                             display_timezones="Africa/Nairobi, Africa/Johannesburg")

    same = zone_columns(webinar, "Africa/Nairobi")
    other = zone_columns(webinar, "Africa/Lagos")

    assert [(c.zone, c.is_event, c.is_viewer) for c in same] == [
        ("Africa/Johannesburg", True, False), ("Africa/Nairobi", False, True)]
    assert [c.zone for c in other] == ["Africa/Johannesburg", "Africa/Nairobi", "Africa/Lagos"]
    assert other[-1].label == "WAT (GMT+1)" and other[-1].is_viewer
    assert [c.zone for c in zone_columns(webinar, "Not/AZone")] == [
        "Africa/Johannesburg", "Africa/Nairobi"]
