import pytest
from django.urls import reverse

from portal.core.models import Theme
from portal.members.enums import Visibility
from tests.factories.members import UserFactory, member


@pytest.fixture
def profiles(db):
    public = member(display_name="Wanjiru Kamau", organisation="Kenya Skills Council",
                    bio="Leads work on the recognition of prior learning for returnees.",
                    visibility=Visibility.PUBLIC)
    public.profile.themes.set([Theme.objects.get(slug="prior-learning")])
    member(display_name="Otieno Members", organisation="Kenya Members Guild",
           bio="Recognition of skills in construction.", visibility=Visibility.MEMBERS)
    member(display_name="Hidden Hassan", organisation="Kenya Secret Office",
           bio="Recognition everywhere.", visibility=Visibility.HIDDEN)
    return public


def test_site_search_shows_visitors_only_public_profiles(client, profiles):
    response = client.get(reverse("search:index"), {"q": "Kenya"})
    page = response.content.decode()
    assert "Wanjiru Kamau" in page
    assert "Otieno" not in page and "Hidden Hassan" not in page
    assert response.context["results"].paginator.count == 1


def test_site_search_shows_members_only_profiles_to_members(client, profiles):
    client.force_login(UserFactory())
    page = client.get(reverse("search:index"), {"q": "Kenya"}).content.decode()
    assert "Wanjiru Kamau" in page and "Otieno Members" in page
    assert "Hidden Hassan" not in page


def test_site_search_facets_count_visible_hits_only(client, profiles):
    response = client.get(reverse("search:index"), {"q": "recognition"})
    facets = {name: options for name, _title, options in response.context["facets"]}
    assert [(option.value, option.count) for option in facets["type"]] == [("members", 1)]
    assert [(option.value, option.count) for option in facets["theme"]] == [("prior-learning", 1)]


def test_site_search_theme_filter_narrows_results(client, profiles):
    client.force_login(UserFactory())
    everything = client.get(reverse("search:index"), {"q": "recognition"})
    narrowed = client.get(reverse("search:index"), {"q": "recognition", "theme": "prior-learning"})
    assert everything.context["results"].paginator.count == 2
    assert narrowed.context["results"].paginator.count == 1


def test_site_search_highlights_the_matched_words(client, profiles):
    page = client.get(reverse("search:index"), {"q": "returnees"}).content.decode()
    assert "<mark>returnees</mark>" in page


def test_site_search_without_words_shows_a_helpful_empty_state(client, db):
    response = client.get(reverse("search:index"))
    assert response.status_code == 200
    assert "Type a few words" in response.content.decode()


def test_site_search_with_no_hits_explains_what_to_try(client, profiles):
    response = client.get(reverse("search:index"), {"q": "zzzqqq"})
    assert response.status_code == 200
    assert "Nothing matches" in response.content.decode()


@pytest.mark.parametrize("params", [{"q": "x" * 5000}, {"q": "Kenya", "page": "abc"},
                                    {"q": "\"unbalanced (quote AND"}, {"q": "Kenya", "year": "x"}])
def test_site_search_survives_odd_input(client, profiles, params):
    assert client.get(reverse("search:index"), params).status_code == 200


def test_autocomplete_suggests_visible_titles_only(client, profiles):
    response = client.get(reverse("search:autocomplete"), {"q": "Wanj"})
    titles = [result["title"] for result in response.json()["results"]]
    assert titles == ["Wanjiru Kamau"]
    hidden = client.get(reverse("search:autocomplete"), {"q": "Hidd"}).json()["results"]
    assert hidden == []


@pytest.mark.parametrize("rows", [3, 9])
def test_site_search_query_count_does_not_grow_with_hits(client, db, rows,
                                                         django_assert_max_num_queries):
    for number in range(rows):
        user = member(display_name=f"Planner {number}", organisation="Nairobi planners",
                      visibility=Visibility.PUBLIC)
        user.profile.themes.set(Theme.objects.all()[:2])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("search:index"), {"q": "planners"})
    assert response.context["results"].paginator.count == rows


def test_site_search_suggests_a_spelling_from_public_words(client, profiles):
    response = client.get(reverse("search:index"), {"q": "Kenia Counsil", "as_typed": "1"})
    assert response.context["outcome"].suggestion == "kenya council"
    assert "Did you mean" in response.content.decode()
    corrected = client.get(reverse("search:index"), {"q": "Kenia Counsil"})
    assert corrected.context["outcome"].corrected_from == "Kenia Counsil"
    assert corrected.context["outcome"].query == "kenya council"


def test_site_search_never_suggests_words_only_hidden_content_has(client, profiles):
    response = client.get(reverse("search:index"), {"q": "Secrat"})
    assert response.context["outcome"].suggestion == ""
