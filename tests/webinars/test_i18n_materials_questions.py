"""Materials and registration questions follow their webinar into French through the
translation workflow; answers and registrations stay on the original's questions."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail_localize.models import Translation

from portal.core.translation import translation_missing, translation_publish, translation_sync
from portal.webinars.enums import MaterialKind, QuestionKind
from portal.webinars.models import (
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    Webinar,
    WebinarMaterial,
)
from tests.factories.resources import home_page, library, resource
from tests.factories.webinars import WebinarFactory
from tests.webinars.test_registration_views import form_data

pytestmark = pytest.mark.django_db

FRENCH = {
    "Skills partnerships": "Partenariats de compétences",
    "Interpretation you need": "Interprétation souhaitée",
    "We book interpreters for the languages asked.":
        "Nous réservons des interprètes pour les langues demandées.",
    "English\nFrench\nPortuguese": "Anglais\nFrançais\nPortugais",
    "Will you present a case?": "Présenterez-vous un cas ?",
    "Slides: the Kenyan experience": "Présentation : l'expérience du Kenya",
}


def _questions(webinar):
    RegistrationQuestion.objects.create(
        webinar=webinar, sort_order=0, label="Interpretation you need", required=True,
        help_text="We book interpreters for the languages asked.", kind=QuestionKind.CHOICE,
        choices="English\nFrench\nPortuguese")
    RegistrationQuestion.objects.create(webinar=webinar, sort_order=1,
                                        label="Will you present a case?",
                                        kind=QuestionKind.YES_NO)


def _french(webinar, **extra):
    return translation_publish(instance=Webinar.objects.get(pk=webinar.pk), language="fr",
                               strings={**FRENCH, **extra})


def _answers(pk_by_label, **values):
    return {f"question_{pk_by_label[label]}": value for label, value in values.items()}


def test_questions_and_materials_round_trip_through_the_workflow():
    webinar = WebinarFactory(title="Skills partnerships")
    _questions(webinar)
    WebinarMaterial.objects.create(webinar=webinar, sort_order=0, kind=MaterialKind.PRESENTATION,
                                   title="Slides: the Kenyan experience",
                                   url="https://example.org/kenya.pdf")
    french = _french(webinar)
    question = RegistrationQuestion.objects.get(webinar=french, sort_order=0)
    original_question = RegistrationQuestion.objects.get(webinar=webinar, sort_order=0)
    assert (question.label, question.choices, question.locale.language_code) == (
        "Interprétation souhaitée", "Anglais\nFrançais\nPortugais", "fr")
    assert question.translation_key == original_question.translation_key
    assert (question.kind, question.required) == (QuestionKind.CHOICE, True)
    material = WebinarMaterial.objects.get(webinar=french)
    assert (material.title, material.url) == ("Présentation : l'expérience du Kenya",
                                              "https://example.org/kenya.pdf")
    translation = Translation.objects.get(source__object_id=webinar.translation_key)
    assert "Interpretation you need" not in translation_missing(translation=translation)

    # The organiser rewords a question and adds a material: both show as to translate.
    RegistrationQuestion.objects.filter(pk=original_question.pk).update(
        label="Interpretation you would like")
    WebinarMaterial.objects.create(webinar=webinar, sort_order=1, kind=MaterialKind.REPORT,
                                   title="Workshop report", url="https://example.org/r.pdf")
    translation_sync(instance=Webinar.objects.get(pk=webinar.pk))
    missing = translation_missing(translation=translation)
    assert {"Interpretation you would like", "Workshop report"} <= set(missing)
    translation_publish(instance=Webinar.objects.get(pk=webinar.pk), language="fr", strings={
        "Interpretation you would like": "Interprétation que vous souhaitez",
        "Workshop report": "Rapport de l'atelier"})
    assert RegistrationQuestion.objects.get(webinar=french, sort_order=0).label == (
        "Interprétation que vous souhaitez")
    assert sorted(WebinarMaterial.objects.filter(webinar=french).values_list(
        "title", flat=True)) == ["Présentation : l'expérience du Kenya", "Rapport de l'atelier"]


def test_french_registrant_reads_french_questions_and_answers_the_originals(client):
    webinar = WebinarFactory(title="Skills partnerships", capacity=10)
    _questions(webinar)
    _french(webinar)
    html = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert "Interprétation souhaitée" in html and "Présenterez-vous un cas ?" in html
    assert "Nous réservons des interprètes" in html
    assert ">Portugais</label>" in html and ">Portuguese<" not in html
    pks = dict(RegistrationQuestion.objects.filter(webinar=webinar)
               .values_list("label", "pk"))
    response = client.post(f"/fr/webinars/{webinar.slug}/register/", form_data(
        email="awa@example.org",
        **_answers(pks, **{"Interpretation you need": "French",
                           "Will you present a case?": "yes"})))
    assert response.status_code in (200, 302)
    english = Client()
    english.post(f"/webinars/{webinar.slug}/register/", form_data(
        email="kofi@example.org",
        **_answers(pks, **{"Interpretation you need": "Portuguese",
                           "Will you present a case?": "no"})))
    # One list, one set of questions, every answer in the original's words.
    assert set(Registration.objects.values_list("webinar_id", flat=True)) == {webinar.pk}
    answers = sorted(RegistrationAnswer.objects.values_list(
        "registration__email", "question__label", "value"))
    assert answers == [
        ("awa@example.org", "Interpretation you need", "French"),
        ("awa@example.org", "Will you present a case?", "Yes"),
        ("kofi@example.org", "Interpretation you need", "Portuguese"),
        ("kofi@example.org", "Will you present a case?", "No"),
    ]


def test_french_form_refuses_a_choice_outside_the_list(client):
    webinar = WebinarFactory(title="Skills partnerships")
    _questions(webinar)
    _french(webinar)
    pks = dict(RegistrationQuestion.objects.filter(webinar=webinar)
               .values_list("label", "pk"))
    response = client.post(f"/fr/webinars/{webinar.slug}/register/", form_data(
        email="awa@example.org", **_answers(pks, **{"Interpretation you need": "Français"})))
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert "Interprétation souhaitée" in response.content.decode()


def test_question_added_after_the_translation_shows_in_english_marked_as_such(client):
    webinar = WebinarFactory(title="Skills partnerships")
    _questions(webinar)
    _french(webinar)
    RegistrationQuestion.objects.create(webinar=webinar, sort_order=2,
                                        label="A question for the panel")
    html = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert '<span lang="en">A question for the panel</span>' in html
    assert '<span lang="en">Interprétation souhaitée</span>' not in html
    assert "Interprétation souhaitée" in html


def test_french_page_and_follow_up_list_translated_materials(client, mailoutbox):
    home_page()
    library()
    brief = resource(title="Skills partnerships brief")
    french_brief = translation_publish(instance=brief, language="fr", strings={
        "Skills partnerships brief": "Note sur les partenariats"})
    webinar = WebinarFactory(title="Skills partnerships",
                             start=timezone.now() - timedelta(days=2))
    WebinarMaterial.objects.create(webinar=webinar, sort_order=0, kind=MaterialKind.PRESENTATION,
                                   title="Slides: the Kenyan experience",
                                   url="https://example.org/kenya.pdf")
    WebinarMaterial.objects.create(webinar=webinar, sort_order=1, kind=MaterialKind.REPORT,
                                   title="The brief", page=brief)
    _french(webinar)
    WebinarMaterial.objects.create(webinar=webinar, sort_order=2, kind=MaterialKind.OTHER,
                                   title="Added later", url="https://example.org/later.pdf")
    html = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert ">Présentation : l&#x27;expérience du Kenya</a>" in html
    # A resource page points at its French version; a late material keeps its language.
    assert f'href="{french_brief.url}"' in html
    assert 'lang="en">Added later</a>' in html
    english = client.get(f"/webinars/{webinar.slug}/").content.decode()
    assert ">Slides: the Kenyan experience</a>" in english and "Présentation" not in english

    from portal.webinars.notifications import send_registration_notice_task
    from tests.factories.webinars import RegistrationFactory

    registration = RegistrationFactory(webinar=webinar, language="fr")
    send_registration_notice_task.enqueue(registration_id=registration.pk,
                                          template="webinar_followup")
    body = mailoutbox[-1].body
    assert "Présentation : l'expérience du Kenya" in body and "Added later" in body
