import pytest
from django.urls import reverse

from portal.resources.enums import Access
from tests.factories.members import UserFactory
from tests.factories.resources import resource


@pytest.fixture
def library(db):
    public = resource(title="Harmonising welding certificates", themes=["recognition-portability"],
                      countries=["NG", "GH"], summary="How three countries align welding standards.")
    secret = resource(title="Confidential action plans on welding", access=Access.MEMBERS,
                      summary="Draft welding action plans for members.")
    draft = resource(title="Unpublished welding notes", live=False)
    return public, secret, draft


def test_site_search_never_shows_members_only_or_draft_resources_to_visitors(client, library):
    response = client.get(reverse("search:index"), {"q": "welding"})
    page = response.content.decode()
    assert "Harmonising welding certificates" in page
    assert "Confidential" not in page and "Unpublished" not in page
    assert response.context["results"].paginator.count == 1
    suggestions = client.get(reverse("search:autocomplete"), {"q": "Confid"}).json()["results"]
    assert suggestions == []


def test_site_search_shows_members_only_resources_to_members(client, library):
    client.force_login(UserFactory())
    page = client.get(reverse("search:index"), {"q": "welding"}).content.decode()
    assert "Confidential action plans on welding" in page
    assert "Members only" in page
    assert "Unpublished" not in page


def test_site_search_facets_resources_by_country_and_year(client, library):
    response = client.get(reverse("search:index"), {"q": "welding", "country": "GH"})
    assert response.context["results"].paginator.count == 1
    facets = {name: options for name, _title, options in response.context["facets"]}
    assert {option.value for option in facets["country"]} == {"NG", "GH"}
    assert [option.value for option in facets["year"]] == ["2024"]
