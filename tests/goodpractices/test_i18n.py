"""Calls and practices in English and French: fallback note, lang, hreflang and switcher on
the repository, call and practice pages; each listed once; submissions, votes and progress
stay on the original; the demo repository, one call and one practice read in French."""

import re

import pytest
from django.utils.translation import override

from portal.core.translation import translation_publish
from portal.goodpractices.exports import export_rows
from portal.goodpractices.models import CallPage, PracticeIndexPage, PracticePage
from portal.goodpractices.selectors import call_by_slug
from tests.factories.goodpractices import call, calls_index
from tests.factories.members import member
from tests.factories.resources import home_page

pytestmark = pytest.mark.django_db

NOTE_FR = "Ce contenu n'existe qu'en anglais."


def _switcher(html: str) -> dict[str, str]:
    nav = re.search(r'class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'href="([^"]*)" lang="(\w+)"', nav)}


def _hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)"', html))


def _practice(title="Mauritania and Senegal: common standards", **fields):
    calls_index()
    index = PracticeIndexPage.objects.get(locale__language_code="en")
    page = PracticePage(title=title, slug=fields.pop("slug", "mauritania-senegal"),
                        summary="A joint action plan.", year=2019, **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


def _french_tree():
    translation_publish(instance=home_page(), language="fr", strings={"home": "accueil"})
    calls_index()
    translation_publish(instance=PracticeIndexPage.objects.get(), language="fr",
                        strings={"Good practices": "Bonnes pratiques"})
    translation_publish(instance=calls_index(), language="fr", strings={"Calls": "Appels"})


@pytest.mark.parametrize("kind", ["repository", "call", "practice"])
def test_untranslated_page_reads_in_english_under_fr_with_a_note(client, kind):
    page = {"repository": lambda: (calls_index(), PracticeIndexPage.objects.get())[1],
            "call": lambda: call(title="West Africa and Sahel 2019"),
            "practice": _practice}[kind]()
    response = client.get(f"/fr{page.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert NOTE_FR in html
    assert f'<h1 lang="en">{page.title}</h1>' in html
    assert _switcher(html) == {"en": page.url, "fr": f"/fr{page.url}"}
    assert _hreflangs(html) == {}


@pytest.mark.parametrize("kind", ["repository", "call", "practice"])
def test_translated_page_reads_in_french_with_alternates_and_switcher(client, kind):
    _french_tree()
    if kind == "repository":
        page = PracticeIndexPage.objects.get(locale__language_code="en")
        french = PracticeIndexPage.objects.get(locale__language_code="fr")
        title = "Bonnes pratiques"
    elif kind == "call":
        page = call(title="West Africa and Sahel 2019")
        title = "Afrique de l'Ouest et Sahel 2019"
        french = translation_publish(instance=page, language="fr",
                                     strings={page.title: title})
    else:
        page = _practice()
        title = "Mauritanie et Sénégal : normes communes"
        french = translation_publish(instance=page, language="fr",
                                     strings={page.title: title})
    assert french.url == f"/fr{page.url}"
    html = client.get(french.url).content.decode()
    assert f"<h1>{title}</h1>".replace("'", "&#x27;") in html
    assert NOTE_FR not in html
    assert _hreflangs(html) == {"en": f"http://testserver{page.url}",
                                "fr": f"http://testserver{french.url}",
                                "x-default": f"http://testserver{page.url}"}
    assert _switcher(html) == {"en": page.url, "fr": french.url}
    assert _switcher(client.get(page.url).content.decode())["fr"] == french.url


def test_repository_lists_each_call_and_practice_once_in_the_visitors_language(client):
    _french_tree()
    west = call(title="West Africa and Sahel 2019")
    translation_publish(instance=west, language="fr",
                        strings={west.title: "Afrique de l'Ouest et Sahel 2019"})
    call(title="Central Africa 2019")
    practice = _practice(call=west)
    translation_publish(instance=practice, language="fr", strings={
        practice.title: "Mauritanie et Sénégal : normes communes"})
    _practice(title="Nigeria, Ghana and Togo", slug="nigeria-ghana-togo")
    html = client.get("/fr/good-practices/").content.decode()
    assert html.count("Mauritanie et Sénégal : normes communes") == 1
    assert "Mauritania and Senegal" not in html
    assert re.search(r'<h3 lang="en"><a href="/fr/good-practices/nigeria-ghana-togo/">', html)
    assert html.count("Afrique de l&#x27;Ouest et Sahel 2019</a>") == 1
    assert "West Africa and Sahel 2019" not in html
    assert 'lang="en">Central Africa 2019</a>' in html
    # Filtering by a call finds its practices from either language's listing.
    filtered = client.get("/fr/good-practices/", {"call": west.slug}).content.decode()
    assert "Mauritanie et Sénégal" in filtered and "Nigeria" not in filtered
    calls = client.get("/fr/good-practices/calls/").content.decode()
    assert calls.count("Afrique de l&#x27;Ouest et Sahel 2019") == 1
    assert 'lang="en">Central Africa 2019</a>' in calls


def test_submissions_and_progress_stay_on_the_original(client):
    _french_tree()
    west = call(title="West Africa and Sahel 2019")
    french = translation_publish(instance=west, language="fr",
                                 strings={west.title: "Afrique de l'Ouest et Sahel 2019"})
    assert french.slug == west.slug
    assert call_by_slug(west.slug).pk == west.pk
    client.force_login(member())
    assert client.get(f"/fr/good-practices/calls/{west.slug}/submit/").status_code == 200
    # A later change of dates on the original reaches the translation.
    west.deadline_at = west.deadline_at.replace(year=west.deadline_at.year + 1)
    west.save_revision().publish()
    assert CallPage.objects.get(pk=french.pk).deadline_at == west.deadline_at


def test_open_export_heading_is_french():
    page = call(phase="closed", blind_review=False)
    with override("fr"):
        header = export_rows(page)[0]
    assert "Auteur ou autrice" in header and "Author" not in header


def test_demo_repository_call_and_practice_read_in_french(client):
    from portal.core.demo_content import load as load_home
    from portal.goodpractices.demo import load

    load_home(lambda message: None)
    load(lambda message: None)
    load(lambda message: None)  # a second run changes nothing
    assert PracticeIndexPage.objects.filter(locale__language_code="fr").count() == 1
    html = client.get("/fr/good-practices/").content.decode()
    assert "<h1>Bonnes pratiques</h1>" in html
    call_html = client.get("/fr/good-practices/calls/west-africa-sahel-2019/").content.decode()
    assert "Afrique de l&#x27;Ouest et Sahel 2019" in call_html and NOTE_FR not in call_html
    practice = client.get("/fr/good-practices/mauritania-senegal-common-standards/")
    text = practice.content.decode()
    assert "Mauritanie et Sénégal" in text and "Comité de pilotage conjoint installé" in text
    assert NOTE_FR not in text
