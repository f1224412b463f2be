"""Content in English and French: fallback, lang, hreflang, switcher and per-language lists
for the home page, the library and resource pages, and the translation workflow."""

import re

import pytest
from wagtail_localize.models import Translation

from portal.core.models import Country, HomePage
from portal.core.translation import translation_missing, translation_publish, translation_sync
from portal.resources.models import ResourcePage
from tests.factories.resources import home_page, library, resource

pytestmark = pytest.mark.django_db

NOTE_FR = "Ce contenu n'existe qu'en anglais."


def _switcher(html: str) -> dict[str, str]:
    nav = re.search(r'class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'href="([^"]*)" lang="(\w+)"', nav)}


def _hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)"', html))


def _french_home():
    return translation_publish(instance=home_page(), language="fr", strings={
        "Community of practice": "Communauté de pratique", "home": "accueil"})


def _french_library():
    _french_home()
    return translation_publish(instance=library(), language="fr", strings={
        "Resource library": "Bibliothèque de ressources"})


def test_untranslated_resource_shows_the_english_text_under_fr_with_a_note(client):
    page = resource(title="Skills partnerships brief")
    response = client.get(f"/fr{page.url}")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert NOTE_FR in html
    assert '<h1 lang="en">Skills partnerships brief</h1>' in html
    assert _switcher(html) == {"en": page.url, "fr": f"/fr{page.url}"}
    assert _hreflangs(html) == {}  # only one real version: no alternates


def test_translated_resource_is_served_in_french_with_alternates(client):
    _french_library()
    page = resource(title="Skills partnerships brief", summary="Why they matter.")
    french = translation_publish(instance=page, language="fr", strings={
        "Skills partnerships brief": "Note sur les partenariats de compétences",
        "Why they matter.": "Pourquoi ils comptent."})
    assert french.url == f"/fr{page.url}"
    html = client.get(french.url).content.decode()
    assert "<h1>Note sur les partenariats de compétences</h1>" in html
    assert NOTE_FR not in html
    assert _hreflangs(html) == {"en": f"http://testserver{page.url}",
                                "fr": f"http://testserver{french.url}",
                                "x-default": f"http://testserver{page.url}"}
    assert _switcher(html) == {"en": page.url, "fr": french.url}
    english = client.get(page.url).content.decode()
    assert "<h1>Skills partnerships brief</h1>" in english
    assert _switcher(english)["fr"] == french.url


def test_untranslated_resource_under_a_french_library_still_answers(client):
    _french_library()
    page = resource(title="Only in English")
    response = client.get(f"/fr{page.url}")
    assert response.status_code == 200
    assert NOTE_FR in response.content.decode()
    assert client.get("/fr/resources/not-there/").status_code == 404


def test_home_page_falls_back_then_reads_french_once_translated(client):
    home = home_page()
    home.hero_title = "Learn, share, connect"
    home.save_revision().publish()
    html = client.get("/fr/").content.decode()
    assert NOTE_FR in html
    assert '<h1 lang="en">Learn, share, connect</h1>' in html
    translation_publish(instance=HomePage.objects.get(pk=home.pk), language="fr", strings={
        "Learn, share, connect": "Apprendre, partager, se connecter", "home": "accueil"})
    html = client.get("/fr/").content.decode()
    assert "<h1>Apprendre, partager, se connecter</h1>" in html
    assert NOTE_FR not in html
    assert set(_hreflangs(html)) == {"en", "fr", "x-default"}


def test_library_lists_each_resource_once_in_the_visitors_language(client):
    _french_library()
    translated = resource(title="Brief on recognition", themes=["governance"])
    translation_publish(instance=translated, language="fr", strings={
        "Brief on recognition": "Note sur la reconnaissance"})
    resource(title="English only study", themes=["governance"])
    html = client.get("/fr/resources/").content.decode()
    assert "Note sur la reconnaissance" in html
    assert ">Brief on recognition<" not in html
    assert "English only study" in html
    assert "2 ressources" in html
    # The facet counts each resource once.
    assert re.search(r'main-d&#x27;œuvre</span> <span class="count">2<', html)
    # An untranslated resource links to its address inside the French interface.
    english_only = ResourcePage.objects.get(title="English only study")
    assert f'href="/fr{english_only.url}"' in html
    assert re.search(r'<h3 class="resource-item__title" lang="en">', html)
    english = client.get("/resources/").content.decode()
    assert "Brief on recognition" in english and "Note sur la reconnaissance" not in english


def test_second_locale_does_not_add_queries_to_the_library(client, django_assert_num_queries):
    for number in range(3):
        resource(title=f"Study {number}")
    client.get("/fr/resources/")  # warm caches (site root paths, locales)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/fr/resources/")
    _french_library()
    for page in ResourcePage.objects.filter(locale__language_code="en"):
        translation_publish(instance=page, language="fr", strings={page.title: f"FR {page.title}"})
    for number in range(3):
        resource(title=f"More {number}")
    client.get("/fr/resources/")
    with CaptureQueriesContext(connection) as after:
        response = client.get("/fr/resources/")
    assert "FR Study 0" in response.content.decode()
    assert len(after.captured_queries) <= len(before.captured_queries)


def test_translation_workflow_round_trip_shows_what_is_out_of_date():
    _french_library()
    page = resource(title="Recognition of prior learning", summary="A short guide.")
    french = translation_publish(instance=page, language="fr", strings={
        "Recognition of prior learning": "Reconnaissance des acquis",
        "A short guide.": "Un guide court."})
    translation = Translation.objects.get(source__object_id=page.translation_key,
                                          target_locale__language_code="fr")
    assert translation_missing(translation=translation) == []
    # The original changes: the new summary is out of date in French.
    page = ResourcePage.objects.get(pk=page.pk)
    page.summary = "A short guide for training providers."
    page.save_revision().publish()
    translation_sync(instance=page)
    assert translation_missing(translation=translation) == [
        "A short guide for training providers."]
    # PO export and import, as an outside translator would do it.
    po = translation.export_po()
    for entry in po:
        if entry.msgid == "A short guide for training providers.":
            entry.msgstr = "Un guide court pour les organismes de formation."
    translation.import_po(po)
    translation.save_target(publish=True)
    french = ResourcePage.objects.get(pk=french.pk)
    assert french.summary == "Un guide court pour les organismes de formation."
    assert french.title == "Reconnaissance des acquis"
    assert french.slug == page.slug  # addresses mirror each other


def test_sitemap_names_each_translation(client):
    _french_library()
    page = resource(title="Mapped study")
    translation_publish(instance=page, language="fr", strings={"Mapped study": "Étude"})
    xml = client.get("/sitemap.xml").content.decode()
    assert f'hreflang="fr" href="http://testserver/fr{page.url}"' in xml
    assert f'hreflang="en" href="http://testserver{page.url}"' in xml


def test_french_document_is_listed_first_for_french_visitors(client):
    from portal.resources.models import ResourceDocument
    from tests.factories.resources import document

    english_doc = document(title="Full report")
    french_doc = document(title="Rapport complet")
    page = resource(title="Report", documents=[english_doc])
    page.attachments.add(ResourceDocument(document=french_doc, language="fr"))
    page.save_revision().publish()
    html = client.get(f"/fr{page.url}").content.decode()
    assert html.index("Rapport complet") < html.index("Full report")
    assert 'hreflang="fr" download' in html
    english = client.get(page.url).content.decode()
    assert english.index("Full report") < english.index("Rapport complet")


def test_access_and_classification_of_the_original_reach_its_translation(client):
    from portal.resources.enums import Access

    _french_library()
    page = resource(title="Action plans", themes=["governance"])
    french = translation_publish(instance=page, language="fr",
                                 strings={"Action plans": "Plans d'action"})
    page = ResourcePage.objects.get(pk=page.pk)
    page.access = Access.MEMBERS
    page.themes = []
    page.countries = list(Country.objects.filter(iso_code="KE"))
    page.save_revision().publish()
    french = ResourcePage.objects.get(pk=french.pk)
    assert french.access == Access.MEMBERS
    assert list(french.themes.all()) == []
    assert french.region_codes == ",east," and french.regions == ["east"]
    html = client.get("/fr/resources/").content.decode()
    assert "Plans d&#x27;action" not in html


def test_index_pages_and_lists_are_found_in_the_visitors_language():
    from django.utils import translation

    from portal.core.i18n import one_per_translation
    from portal.resources.selectors import library_index

    french_library = _french_library()
    translated = resource(title="Skills partnerships brief")
    french = translation_publish(instance=translated, language="fr", strings={
        "Skills partnerships brief": "Note sur les partenariats de compétences"})
    only_english = resource(title="Only in English")
    live = ResourcePage.objects.live()
    assert set(one_per_translation(live, "en").values_list("pk", flat=True)) == {
        translated.pk, only_english.pk}
    assert set(one_per_translation(live, "fr").values_list("pk", flat=True)) == {
        french.pk, only_english.pk}
    with translation.override("fr"):
        assert library_index().pk == french_library.pk
    with translation.override("en"):
        assert library_index().pk == library().pk


def test_locale_id_for_a_language_reads_the_kept_map_of_locales(db):
    from django.utils import translation
    from wagtail.models import Locale

    from portal.core.i18n import locale_id_for

    french, _created = Locale.objects.get_or_create(language_code="fr")
    english = Locale.objects.get(language_code="en")
    assert locale_id_for("fr") == french.pk
    with translation.override("en"):
        assert locale_id_for() == english.pk
    assert locale_id_for("sw") is None
