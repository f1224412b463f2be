"""A French visitor's search: French words stemmed in French against French content, the
English originals found as a fallback, and every item counted once."""

import re

import pytest

from portal.core.translation import translation_publish
from tests.factories.resources import home_page, library, resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual():
    translation_publish(instance=home_page(), language="fr", strings={"home": "accueil"})
    translation_publish(instance=library(), language="fr",
                        strings={"Resource library": "Bibliothèque"})
    brief = resource(title="Harmonising welding certificates",
                     summary="How three countries align welding standards.")
    translation_publish(instance=brief, language="fr", strings={
        "Harmonising welding certificates": "Harmoniser les certificats de soudure",
        "How three countries align welding standards.":
            "Comment trois pays alignent leurs normes de soudure et reconnaissent les "
            "compétences des soudeurs."})
    only_english = resource(title="Welding apprenticeships in Ghana",
                            summary="Apprenticeships for welders.")
    return brief, only_english


def test_french_query_is_stemmed_in_french_and_finds_the_french_version(client, bilingual):
    response = client.get("/fr/search/", {"q": "compétence soudeur"})
    html = response.content.decode()
    assert response.context["results"].paginator.count == 1
    assert "Harmoniser les certificats de soudure" in html
    assert "Harmonising welding certificates" not in html


def test_english_content_is_found_as_a_fallback_and_each_item_once(client, bilingual):
    brief, only_english = bilingual
    response = client.get("/fr/search/", {"q": "welding"})
    html = response.content.decode()
    # The translated brief matches in English too, but is shown once, in French.
    assert response.context["results"].paginator.count == 2
    assert "Harmoniser les certificats de soudure" in html
    assert "Welding apprenticeships in Ghana" in html
    assert f'href="/fr{only_english.url}"' in html


def test_english_visitor_gets_the_english_version(client, bilingual):
    response = client.get("/search/", {"q": "welding"})
    html = response.content.decode()
    assert response.context["results"].paginator.count == 2
    assert "Harmonising welding certificates" in html
    assert "Harmoniser" not in html


def test_english_result_in_french_results_is_marked_with_its_language(client, bilingual):
    html = client.get("/fr/search/", {"q": "welding"}).content.decode()
    assert re.search(r'<h3 lang="en"><a [^>]*>Welding apprenticeships in Ghana</a></h3>', html)
    assert re.search(r'<p lang="en">[^<]*(<mark>)?Apprenticeships', html)
    assert re.search(r'<h3><a [^>]*>Harmoniser les certificats de soudure</a></h3>', html)
    english = client.get("/search/", {"q": "welding"}).content.decode()
    assert 'lang="en"' not in english.split('class="result-list"', 1)[1]
