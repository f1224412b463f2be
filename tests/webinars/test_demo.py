"""The demo content: the April 2024 webinar with its programme and materials, and an
upcoming webinar open for registration; loading twice changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.webinars.demo import PAST_SLUG, UPCOMING_SLUG
from portal.webinars.models import (
    AgendaItem,
    Registration,
    Speaker,
    Webinar,
    WebinarMaterial,
    WebinarSeries,
)
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


def counts():
    return [model.objects.count() for model in (WebinarSeries, Webinar, Speaker, AgendaItem,
                                                WebinarMaterial, Registration)]


def test_demo_loads_the_programme_and_an_open_upcoming_webinar_idempotently(client):
    call_command("load_demo", stdout=io.StringIO())
    first = counts()
    call_command("load_demo", stdout=io.StringIO())

    assert counts() == first
    past = page_text(client.get(reverse("webinars:detail", args=[PAST_SLUG])))
    assert "Thursday 11 April 2024, 11:00–12:00 SAST (GMT+2)" in past
    assert "Thursday 11 April 2024, 12:00–13:00 EAT (GMT+3)" in past
    assert "11:00–11:05 SAST (GMT+2)" in past and "12:50–13:00 EAT (GMT+3)" in past
    assert "Acquillyne Mbaka" in past and "Pita Foliaki Lokotui" in past
    assert "Country Liaison Officer" in past
    assert "Watch the recording" in past and "Presentation: learning from the PALM scheme" in past
    assert "Concept note of the webinar" in past
    upcoming = Webinar.objects.get(slug=UPCOMING_SLUG, locale__language_code="en")
    assert upcoming.start > timezone.now() and upcoming.live
    page = client.get(reverse("webinars:detail", args=[UPCOMING_SLUG]))
    assert "Registration open" in page_text(page)
    assert 'name="email"' in page.content.decode()
    # The past and upcoming webinars and the series read in French too.
    french = Webinar.objects.get(slug=UPCOMING_SLUG, locale__language_code="fr")
    assert (french.start, french.live) == (upcoming.start, True)
    assert "Reconnaître les compétences" in client.get(
        f"/fr/webinars/{UPCOMING_SLUG}/").content.decode()
    past_fr = client.get(f"/fr/webinars/{PAST_SLUG}/").content.decode()
    assert "Partenariats de compétences" in past_fr
    assert "Note conceptuelle du webinaire" in past_fr
    assert "Présentation : les enseignements du programme PALM" in past_fr
    assert WebinarSeries.objects.filter(locale__language_code="fr").count() == 1
