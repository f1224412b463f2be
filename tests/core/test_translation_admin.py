"""The editors' translation workflow in the admin (wagtail-localize): start a translation
of a page or a webinar, edit it, download its PO file, see the translations report."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.models import Translation

from portal.core.models import HomePage
from portal.core.translation import translation_missing
from portal.resources.models import ResourcePage
from portal.webinars.models import AgendaSession, Webinar
from tests.factories.members import UserFactory
from tests.factories.resources import home_page, library, resource
from tests.factories.webinars import WebinarFactory, add_agenda

pytestmark = pytest.mark.django_db


@pytest.fixture
def french():
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def superuser(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def editor(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def test_editor_translates_a_page_tree_from_the_admin(client, superuser, french):
    page = resource(title="Skills partnerships brief")
    home = home_page()
    response = client.get(f"/admin/localize/submit/page/{page.pk}/")
    assert response.status_code == 200
    response = client.post(f"/admin/localize/submit/page/{page.pk}/",
                           {"locales": [french.pk], "include_subtree": ""})
    assert response.status_code == 302
    translated = ResourcePage.objects.get(translation_key=page.translation_key, locale=french)
    assert translated.slug == page.slug
    # Its parents were brought along, so the French tree mirrors the English one.
    assert HomePage.objects.filter(translation_key=home.translation_key, locale=french).exists()
    assert client.get(f"/admin/pages/{translated.pk}/edit/").status_code == 200
    translation = Translation.objects.get(source__object_id=page.translation_key,
                                          target_locale=french)
    po = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert po.status_code == 200
    assert b'msgid "Skills partnerships brief"' in po.content
    assert client.get("/admin/localize/reports/translations/").status_code == 200


def test_editor_translates_a_webinar_and_its_programme_from_the_admin(client, editor, french):
    library()
    webinar = WebinarFactory(title="Skills partnerships")
    add_agenda(webinar, [("Session 1", [("", 5, "Opening remarks", [])], [])])
    url = f"/admin/localize/submit/snippet/webinars/webinar/{webinar.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"locales": [french.pk]})
    assert response.status_code == 302
    translated = Webinar.objects.get(translation_key=webinar.translation_key, locale=french)
    assert (translated.slug, translated.start) == (webinar.slug, webinar.start)
    assert AgendaSession.objects.get(webinar=translated).locale == french
    edit = client.get(f"/admin/snippets/webinars/webinar/edit/{translated.pk}/")
    assert edit.status_code == 200
    assert "Translation of Skills partnerships into Français" in edit.content.decode()
    translation = Translation.objects.get(source__object_id=webinar.translation_key)
    # The programme is among the strings to translate.
    assert {"Skills partnerships", "Session 1", "Opening remarks"} <= set(
        translation_missing(translation=translation))


def test_snippet_listing_filters_by_language(client, editor, french):
    webinar = WebinarFactory(title="Skills partnerships")
    from portal.core.translation import translation_publish

    translation_publish(instance=webinar, language="fr",
                        strings={"Skills partnerships": "Partenariats"})
    response = client.get("/admin/snippets/webinars/webinar/", {"locale": "fr"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Partenariats" in html and ">Skills partnerships<" not in html
