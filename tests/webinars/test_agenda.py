from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from portal.webinars.agenda import agenda_minutes, agenda_schedule
from tests.factories.webinars import programme_webinar

pytestmark = pytest.mark.django_db


def test_agenda_times_follow_start_and_durations():
    webinar = programme_webinar()

    schedule = agenda_schedule(webinar, ["Africa/Johannesburg", "Africa/Nairobi"])

    texts = [[r.text for r in item.ranges] for session in schedule for item in session.items]
    assert texts[0] == ["11:00–11:05 SAST (GMT+2)", "12:00–12:05 EAT (GMT+3)"]
    assert texts[1] == ["11:05–11:15 SAST (GMT+2)", "12:05–12:15 EAT (GMT+3)"]
    assert texts[-1] == ["11:50–12:00 SAST (GMT+2)", "12:50–13:00 EAT (GMT+3)"]
    assert schedule[1].ranges[0].text == "11:15–11:35 SAST (GMT+2)"
    assert schedule[-1].end == datetime(2024, 4, 11, 10, 0, tzinfo=ZoneInfo("UTC"))
    assert agenda_minutes(webinar) == 60
