"""Every match is sketched from plain rows (portal/search/sketches.py) before the page shown
is described from objects: the two must agree on what ranks, filters and counts a hit."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from portal.core.models import Country, Theme
from portal.members.enums import Visibility
from portal.search.registry import search_areas
from portal.search.sketches import sketch
from tests.factories.forum import topic
from tests.factories.goodpractices import call, practice
from tests.factories.members import member
from tests.factories.resources import resource
from tests.factories.webinars import WebinarFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_each(db):
    governance, guidance = Theme.objects.order_by("pk")[:2]
    senegal, kenya = Country.objects.get(iso_code="SN"), Country.objects.get(iso_code="KE")
    resource(title="A report", themes=[governance.slug], countries=["SN", "KE"])
    webinar = WebinarFactory(title="A webinar")
    webinar.themes.set([guidance])
    webinar.countries.set([kenya])
    practice(title="A practice", themes=[governance], countries=[senegal])
    call(title="A call")
    named = member(display_name="Awa Diop", country=senegal, visibility=Visibility.PUBLIC)
    named.profile.themes.set([guidance, governance])
    unnamed = member(display_name="", visibility=Visibility.PUBLIC)
    unnamed.first_name, unnamed.last_name = "Kofi", "Mensah"
    unnamed.save()
    topic(title="A topic")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_area_sketches_what_it_describes(one_of_each, language):
    visitor = AnonymousUser()
    with translation.override(language):
        areas = search_areas()
        sketched = sketch({area.key: (area, area.visible_to(visitor)) for area in areas})
        checked = set()
        for area in areas:
            for obj in area.visible_to(visitor):
                drawn, described = sketched[area.key][obj.pk], area.describe(obj)
                assert drawn.title == described.title
                assert drawn.date == described.date
                assert sorted(map(str, drawn.themes)) == sorted(map(str, described.themes))
                assert sorted(c.iso_code for c in drawn.countries) == sorted(
                    c.iso_code for c in described.countries)
                assert drawn.translation_key == getattr(obj, "translation_key", None)
                checked.add(area.key)
    assert checked == {"resources", "webinars", "goodpractices", "calls", "members", "forum"}


def test_a_member_without_a_display_name_is_sketched_by_full_name(one_of_each):
    area = next(area for area in search_areas() if area.key == "members")
    titles = {drawn.title for drawn in sketch({"members": (area, area.visible_to(
        AnonymousUser()))})["members"].values()}
    assert {"Awa Diop", "Kofi Mensah"} <= titles
