"""A French speaker walks /fr/ from the home page to a French webinar and registers, in a
real browser, with axe on every page visited; an untranslated resource shows its note."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command

from portal.webinars.demo import UPCOMING_SLUG
from portal.webinars.models import Registration, Webinar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_french_visitor_reads_french_from_home_to_registration(reference_data, page, axe_check):
    call_command("load_demo", stdout=io.StringIO())
    mail.outbox.clear()

    page.goto("/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.get_by_role("heading", level=1).inner_text().startswith(
        "Compétences et migration de main-d")
    assert page.locator(".translation-note").count() == 0
    axe_check(page)

    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Ressources").click()
    page.wait_for_url(re.compile(r"/fr/resources/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Bibliothèque de ressources"
    axe_check(page)

    page.goto("/fr/resources/scoping-study-central-africa/")
    assert page.locator(".translation-note").inner_text() == "Ce contenu n'existe qu'en anglais."
    assert page.get_by_role("heading", level=1).get_attribute("lang") == "en"
    axe_check(page)

    page.get_by_role("navigation", name="Principal").get_by_role("link", name="Webinaires").click()
    page.wait_for_url(re.compile(r"/fr/webinars/$"))
    axe_check(page)
    page.get_by_role("link", name="Reconnaître les compétences des travailleurs migrants").click()
    page.wait_for_url(re.compile(rf"/fr/webinars/{UPCOMING_SLUG}/$"))
    assert page.locator('link[rel="alternate"][hreflang="en"]').count() == 1
    assert page.locator(".translation-note").count() == 0
    axe_check(page)

    form = page.locator("form.webinar-register__form")
    form.get_by_label("Nom complet").fill("Awa Diop")
    form.get_by_label("Adresse e-mail").fill("awa.diop@example.org")
    form.get_by_label("Organisation", exact=True).fill("Office national de la formation")
    form.get_by_label("Type d'organisation").select_option("training")
    form.get_by_label("Pays").select_option(label="Sénégal")
    form.get_by_label("Fonction").fill("Chargée d'évaluation")
    form.get_by_label("J'accepte que les organisateurs").check()
    # The organiser's own question, required, asked in French.
    form.get_by_role("radio", name="Français").check()
    form.get_by_role("button", name="S'inscrire").click()

    page.wait_for_url(re.compile(r"/fr/webinars/registration/[\w-]+/(#[\w-]+)?$"))
    assert page.get_by_text("votre place est confirmée").is_visible()
    axe_check(page)

    registration = Registration.objects.get(email="awa.diop@example.org")
    original = Webinar.objects.get(slug=UPCOMING_SLUG, locale__language_code="en")
    assert (registration.webinar_id, registration.language) == (original.pk, "fr")
    # The answer is kept in the original's words, beside the English registrants' answers.
    assert [(answer.question.label, answer.value) for answer in registration.answers.all()] == [
        ("Interpretation you need", "French")]
    assert "Reconnaître les compétences des travailleurs migrants" in mail.outbox[-1].subject

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Reconnaître les compétences des travailleurs migrants")
    page.locator(".language-switcher a[lang='en']").click()
    page.wait_for_url(re.compile(r"/webinars/registration/[\w-]+/(#[\w-]+)?$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Recognising the skills of migrant workers")
    axe_check(page)
