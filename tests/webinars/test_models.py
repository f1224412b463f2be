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


def test_the_database_holds_no_webinar_longer_than_a_day():
    """The coming list bounds the start by the longest webinar: one the database held
    anyway (written around the form, which refuses it) would vanish from both lists."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    from portal.webinars.models import LONGEST_WEBINAR_MINUTES

    webinar = WebinarFactory(duration_minutes=LONGEST_WEBINAR_MINUTES)
    with pytest.raises(IntegrityError), transaction.atomic():
        Webinar.objects.filter(pk=webinar.pk).update(duration_minutes=LONGEST_WEBINAR_MINUTES + 1)
    webinar.duration_minutes = LONGEST_WEBINAR_MINUTES + 1
    with pytest.raises(ValidationError) as refused:
        webinar.full_clean()
    assert "duration_minutes" in refused.value.message_dict
