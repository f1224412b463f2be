from datetime import UTC, datetime, timedelta

import pytest

from portal.core.timezones import (
    format_range,
    in_zone,
    in_zones,
    is_valid_zone,
    local_to_utc,
    offset_label,
)

WEBINAR_START = datetime(2024, 4, 11, 9, 0, tzinfo=UTC)  # 11:00 in Pretoria


def test_in_zone_labels_sast_and_eat_for_the_demo_webinar():
    pretoria = in_zone(WEBINAR_START, "Africa/Johannesburg")
    nairobi = in_zone(WEBINAR_START, "Africa/Nairobi")
    assert (pretoria.local.hour, pretoria.label) == (11, "SAST (GMT+2)")
    assert (nairobi.local.hour, nairobi.label) == (12, "EAT (GMT+3)")


def test_in_zone_uses_the_abbreviation_the_zone_had_on_that_date():
    winter = in_zone(datetime(2024, 1, 15, 12, tzinfo=UTC), "Europe/London")
    summer = in_zone(datetime(2024, 7, 15, 12, tzinfo=UTC), "Europe/London")
    assert winter.label == "GMT"  # not "GMT (GMT)"
    assert summer.label == "BST (GMT+1)"


def test_in_zone_across_a_dst_change_in_the_southern_hemisphere():
    before = in_zone(datetime(2024, 4, 6, 12, tzinfo=UTC), "Australia/Sydney")
    after = in_zone(datetime(2024, 4, 8, 12, tzinfo=UTC), "Australia/Sydney")
    assert before.label == "AEDT (GMT+11)"
    assert after.label == "AEST (GMT+10)"


def test_in_zone_with_numeric_abbreviation_shows_offset_only():
    dubai_like = in_zone(WEBINAR_START, "Asia/Dubai")
    assert dubai_like.abbreviation == ""
    assert dubai_like.label == "GMT+4"


def test_in_zone_half_hour_offsets_are_written_with_minutes():
    assert in_zone(WEBINAR_START, "Asia/Kolkata").offset_label == "GMT+5:30"
    assert offset_label(timedelta(hours=-3, minutes=-30)) == "GMT-3:30"


def test_in_zone_rejects_naive_datetimes():
    with pytest.raises(ValueError):
        in_zone(datetime(2024, 4, 11, 9), "Africa/Nairobi")


def test_in_zones_skips_duplicates_and_unknown_zones():
    zones = in_zones(WEBINAR_START, ["Africa/Johannesburg", "Africa/Nairobi",
                                      "Africa/Johannesburg", "Mars/Olympus", ""])
    assert [zone.zone for zone in zones] == ["Africa/Johannesburg", "Africa/Nairobi"]


def test_local_to_utc_interprets_wall_clock_in_the_event_zone():
    assert local_to_utc(datetime(2024, 4, 11, 11, 0), "Africa/Johannesburg") == WEBINAR_START


def test_local_to_utc_on_a_dst_day_in_europe():
    # 30 March 2025 in Paris: clocks go from 02:00 CET to 03:00 CEST.
    assert local_to_utc(datetime(2025, 3, 30, 1, 30), "Europe/Paris").hour == 0
    assert local_to_utc(datetime(2025, 3, 30, 3, 30), "Europe/Paris").hour == 1


def test_format_range_shows_both_ends_and_the_label():
    start = in_zone(WEBINAR_START, "Africa/Johannesburg")
    end = in_zone(WEBINAR_START + timedelta(hours=1), "Africa/Johannesburg")
    assert format_range(start, end) == "11:00–12:00 SAST (GMT+2)"


def test_is_valid_zone():
    assert is_valid_zone("Africa/Nairobi")
    assert not is_valid_zone("Africa/Atlantis")
    assert not is_valid_zone("")
    assert not is_valid_zone("../../etc/passwd")
