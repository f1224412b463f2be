"""The webinar queryset's lists (portal/webinars/models.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.webinars.models import Webinar
from tests.factories.webinars import WebinarFactory

pytestmark = pytest.mark.django_db


def test_coming_and_past_webinars_split_at_the_end_of_each_whatever_its_length():
    """Both lists bound the start too (read along the start index from the present): a
    long webinar that began a day ago and a zero-length one must still fall right."""
    at = timezone.now().replace(microsecond=0)
    cases = {
        "began a day ago, still on": (at - timedelta(hours=23), 24 * 60),
        "ends at this minute": (at - timedelta(minutes=30), 30),
        "ended a minute ago": (at - timedelta(minutes=61), 60),
        "no length, just past": (at - timedelta(seconds=1), 0),
        "tomorrow": (at + timedelta(days=1), 60),
    }
    for title, (start, minutes) in cases.items():
        WebinarFactory(title=title, start=start, duration_minutes=minutes)
    webinars = Webinar.objects.all()
    assert sorted(w.title for w in webinars.upcoming(at)) == [
        "began a day ago, still on", "ends at this minute", "tomorrow"]
    assert [w.title for w in webinars.past(at)] == ["no length, just past", "ended a minute ago"]
