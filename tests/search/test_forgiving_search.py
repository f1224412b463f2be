"""The site search forgives: misspellings, acronyms and variants, partial matches and
accents still find what people mean (Whoosh backend, the default)."""

import pytest
from django.urls import reverse

from portal.core.models import Theme
from portal.members.enums import Visibility
from portal.search.models import SynonymGroup
from tests.factories.members import member
from tests.factories.resources import resource
from tests.factories.webinars import WebinarFactory


def search(client, query, **params):
    response = client.get(reverse("search:index"), {"q": query, **params})
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [hit.info.title for hit in response.context["results"].object_list]


@pytest.fixture
def people(db):
    member(display_name="Wanjiru Kamau", organisation="Kenya Ministry of Labour",
           job_title="Skills officer",
           bio="Leads work on the recognition of prior learning for returnees.",
           visibility=Visibility.PUBLIC)
    member(display_name="Moussa Traore", organisation="Agence nationale de la formation",
           bio="Harmonise les certifications entre pays voisins.", visibility=Visibility.PUBLIC)


# Misspellings -------------------------------------------------------------------------


def test_misspelled_query_shows_the_suggestion_results_at_once(client, people):
    response = search(client, "Kenia")
    outcome = response.context["outcome"]
    assert outcome.corrected_from == "Kenia" and outcome.query == "kenya"
    assert titles(response) == ["Wanjiru Kamau"]
    page = response.content.decode()
    assert "Showing results for <strong>kenya</strong>" in page
    assert 'href="?q=Kenia&amp;as_typed=1"' in page


def test_misspelled_query_as_typed_finds_nothing_and_offers_the_spelling(client, people):
    response = search(client, "Kenia", as_typed="1")
    assert titles(response) == []
    assert response.context["outcome"].suggestion == "kenya"
    assert "Did you mean" in response.content.decode()


def test_long_misspelled_word_matches_fuzzily(client, people):
    # "returnees" is only in a biography, so "did you mean" does not know it.
    response = search(client, "returnes")
    assert titles(response) == ["Wanjiru Kamau"]


# Synonyms -----------------------------------------------------------------------------


def test_seeded_acronym_finds_its_expansion_and_says_so(client, people):
    response = search(client, "RPL")
    assert titles(response) == ["Wanjiru Kamau"]
    assert "recognition of prior learning" in response.context["outcome"].expansions
    assert "Including:" in response.content.decode()


def test_french_term_finds_the_english_text_through_its_synonym(client, people):
    assert titles(search(client, "reconnaissance des acquis")) == ["Wanjiru Kamau"]


def test_spelling_variant_finds_the_other_spelling(client, people):
    assert titles(search(client, "ministry of labor")) == ["Wanjiru Kamau"]


def test_synonyms_an_editor_adds_apply_to_the_next_search(client, people):
    assert titles(search(client, "repatriates")) == []
    SynonymGroup.objects.create(terms="repatriates\nreturnees")
    assert titles(search(client, "repatriates")) == ["Wanjiru Kamau"]


def test_synonym_terms_must_be_at_least_two(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(terms="  RPL \n\n").full_clean()


# Any-word fallback --------------------------------------------------------------------


def test_few_all_words_results_widen_to_any_word_ranked_by_words_matched(client, db):
    resource(title="Country study of Burkina Faso", summary="Skills in Burkina Faso.")
    resource(title="Country study of Mali", summary="Skills in Mali.")
    resource(title="Harmonising training in Burkina Faso and Mali", summary="Both countries.")
    resource(title="Country study of Ghana", summary="Skills in Ghana.")
    response = search(client, "Burkina Faso Mali")
    found = titles(response)
    assert found[0] == "Harmonising training in Burkina Faso and Mali"
    assert set(found[1:]) == {"Country study of Burkina Faso", "Country study of Mali"}
    assert response.context["outcome"].any_word
    assert "results with only some of them are shown too" in response.content.decode()


def test_enough_all_words_results_do_not_widen(client, db):
    for number in range(3):
        resource(title=f"Burkina Faso and Mali, part {number}")
    resource(title="Country study of Mali")
    response = search(client, "Burkina Faso Mali")
    assert len(titles(response)) == 3
    assert not response.context["outcome"].any_word


# Accents ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["Yaounde", "Yaoundé", "YAOUNDE"])
def test_accents_are_folded_in_every_language(client, db, query):
    resource(title="Workshop report: Yaoundé", summary="Held in Cameroon.", languages=["en"])
    resource(title="Rapport d'atelier : Yaoundé", summary="Tenu au Cameroun.",
             languages=["fr"])
    resource(title="Workshop report: Yaounde, spelt plainly", summary="Held in Cameroon.",
             languages=["en"])
    assert sorted(titles(search(client, query, as_typed="1"))) == sorted([
        "Rapport d'atelier : Yaoundé", "Workshop report: Yaoundé",
        "Workshop report: Yaounde, spelt plainly"])


# Every searchable model indexes its taxonomy -------------------------------------------


@pytest.mark.parametrize("query", ["social dialogue", "dialogue social"])
def test_webinar_is_found_by_the_name_of_its_theme_in_either_language(client, db, query):
    webinar = WebinarFactory(title="Tripartite talks", summary="Employers and unions meet.")
    webinar.themes.set([Theme.objects.get(slug="social-dialogue")])
    webinar.save()
    webinar.save_revision().publish()  # as an editor publishes it
    assert titles(search(client, query)) == ["Tripartite talks"]


def test_webinar_is_found_by_the_french_name_of_its_country(client, db):
    from portal.core.models import Country

    webinar = WebinarFactory(title="Regional exchange", summary="Peers compare notes.")
    webinar.countries.set([Country.objects.get(iso_code="TD")])
    webinar.save()
    webinar.save_revision().publish()
    assert titles(search(client, "Tchad")) == ["Regional exchange"]


def test_profile_is_found_by_its_country_and_themes(client, db):
    user = member(display_name="Awa Ba", organisation="Nowhere", visibility=Visibility.PUBLIC)
    from portal.core.models import Country

    user.profile.country = Country.objects.get(iso_code="SN")
    user.profile.save()
    user.profile.themes.set([Theme.objects.get(slug="return-reintegration")])
    user.profile.save()
    assert titles(search(client, "Sénégal")) == ["Awa Ba"]
    assert titles(search(client, "reintegration")) == ["Awa Ba"]


# Query counts -------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [2, 8])
def test_forgiving_search_query_count_does_not_grow_with_hits(client, db, rows,
                                                              django_assert_max_num_queries):
    for number in range(rows):
        member(display_name=f"Planner {number}", organisation="Nairobi planners",
               bio="Works on recognition of prior learning.", visibility=Visibility.PUBLIC)
    resource(title="Planning in Mombasa")
    search(client, "warmup")  # synonyms and spelling vocabulary are cached after one search
    # Each search area costs its own few queries (forum topics, practices and calls too).
    with django_assert_max_num_queries(20):
        response = search(client, "RPL Mombasa")  # synonyms and the any-word fallback
    assert len(titles(response)) == rows + 1
