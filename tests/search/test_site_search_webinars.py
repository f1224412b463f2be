import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.webinars.models import Webinar
from tests.factories.members import UserFactory


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_site_search_finds_the_demo_webinar_with_its_speakers(client, demo):
    response = client.get(reverse("search:index"), {"q": "PALM"})
    titles = [hit.info.title for hit in response.context["results"].object_list]
    assert "Skills Partnerships on Labour Migration" in titles


def test_site_search_hides_members_only_webinars_from_visitors(client, demo):
    webinar = Webinar.objects.get(slug="skills-partnerships-on-labour-migration",
                                  locale__language_code="en")
    webinar.is_members_only = True
    webinar.save()
    visitor = client.get(reverse("search:index"), {"q": "Skills Partnerships Labour Migration"})
    assert webinar.title not in [hit.info.title for hit in visitor.context["results"].object_list]
    client.force_login(UserFactory())
    member = client.get(reverse("search:index"), {"q": "Skills Partnerships Labour Migration"})
    assert webinar.title in [hit.info.title for hit in member.context["results"].object_list]
