"""An organiser's own registration questions: on the form, required or not, saved with the
registration, shown in the registrants report and in both exports."""

import csv
import io
from datetime import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from portal.core.models import Country
from portal.webinars.enums import QuestionKind
from portal.webinars.models import Registration, RegistrationAnswer, RegistrationQuestion
from portal.webinars.questions import AnswerError, registration_answers_save
from tests.factories.members import UserFactory, member
from tests.factories.webinars import RegistrationFactory, WebinarFactory
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def webinar():
    webinar = WebinarFactory(title="Skills partnerships")
    RegistrationQuestion.objects.create(
        webinar=webinar, sort_order=0, label="Interpretation language",
        kind=QuestionKind.CHOICE, choices="English\nFrench\nPortuguese", required=True)
    RegistrationQuestion.objects.create(
        webinar=webinar, sort_order=1, label="Accessibility needs",
        kind=QuestionKind.LONG_TEXT, help_text="Captions, sign language...")
    RegistrationQuestion.objects.create(
        webinar=webinar, sort_order=2, label="Will you present a case?",
        kind=QuestionKind.YES_NO)
    return webinar


def question(webinar, label):
    return RegistrationQuestion.objects.get(webinar=webinar, label=label)


def visitor_post(webinar, **answers):
    data = {"name": "Amina Diallo", "email": "amina@example.org", "organisation": "ANPE",
            "organisation_type": "government",
            "country": Country.objects.get(iso_code="SN").pk, "job_title": "Adviser",
            "consent_privacy": "on"}
    for label, value in answers.items():
        data[f"question_{question(webinar, label).pk}"] = value
    return data


def test_form_shows_the_questions_in_order_with_their_kind(client, webinar):
    html = client.get(reverse("webinars:detail", args=[webinar.slug])).content.decode()

    text = page_text(html)
    assert text.index("Interpretation language") < text.index("Accessibility needs") \
        < text.index("Will you present a case?")
    assert 'type="radio"' in html and "Portuguese" in html
    assert "<textarea" in html and "Captions, sign language..." in text


def test_required_question_must_be_answered(client, webinar):
    response = client.post(reverse("webinars:register", args=[webinar.slug]),
                           visitor_post(webinar))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    summary = response.content.decode().split("data-error-summary", 1)[1]
    assert "Interpretation language" in summary.split("</ul>", 1)[0]


def test_answers_are_saved_with_the_registration(client, webinar):
    response = client.post(reverse("webinars:register", args=[webinar.slug]), visitor_post(
        webinar, **{"Interpretation language": "French", "Accessibility needs": "Captions",
                    "Will you present a case?": "yes"}))

    assert response.status_code == 302
    registration = Registration.objects.get()
    answers = {a.question.label: a.value for a in registration.answers.select_related("question")}
    assert answers == {"Interpretation language": "French", "Accessibility needs": "Captions",
                       "Will you present a case?": "Yes"}


def test_a_choice_outside_the_list_is_refused(client, webinar):
    response = client.post(reverse("webinars:register", args=[webinar.slug]),
                           visitor_post(webinar, **{"Interpretation language": "Klingon"}))

    assert response.status_code == 400 and not Registration.objects.exists()


def test_members_answer_the_questions_too(client, webinar):
    client.force_login(member())
    data = {f"question_{question(webinar, 'Interpretation language').pk}": "Portuguese"}

    response = client.post(reverse("webinars:register", args=[webinar.slug]), data)

    assert response.status_code == 302
    assert RegistrationAnswer.objects.get().value == "Portuguese"


def test_answers_to_another_webinars_question_are_refused(webinar):
    other = WebinarFactory()
    registration = RegistrationFactory(webinar=other)

    with pytest.raises(AnswerError):
        registration_answers_save(registration=registration, answers={
            question(webinar, "Accessibility needs"): "None"})


@pytest.fixture
def editor(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def answered(webinar):
    registration = RegistrationFactory(webinar=webinar, name="Amina", join_count=3)
    registration_answers_save(registration=registration, answers={
        question(webinar, "Interpretation language"): "French",
        question(webinar, "Accessibility needs"): "=cmd|' /C calc'!A0"})
    RegistrationFactory(webinar=webinar, name="Kwame")
    return registration


def test_registrants_report_shows_the_answers(client, editor, webinar, answered):
    response = client.get(reverse("webinars_admin:registrants", args=[webinar.pk]))

    text = page_text(response)
    assert "Interpretation language French" in text


def test_csv_export_has_a_column_per_question(client, editor, webinar, answered):
    response = client.get(reverse("webinars_admin:export_csv", args=[webinar.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[-3:] == ["Interpretation language", "Accessibility needs",
                           "Will you present a case?"]
    amina = next(row for row in rows if row[0] == "Amina")
    kwame = next(row for row in rows if row[0] == "Kwame")
    assert amina[-3] == "French" and amina[-2].startswith("'=")  # formula neutralised
    assert kwame[-3:] == ["", "", ""]


def test_xlsx_export_keeps_numbers_and_times_typed_with_their_zone(client, editor, webinar,
                                                                   answered):
    response = client.get(reverse("webinars_admin:export_xlsx", args=[webinar.pk]))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header, amina = rows[0], next(row for row in rows if row[0] == "Amina")
    assert "registered (Africa/Johannesburg, GMT+2)" in header
    assert isinstance(amina[header.index("registered (Africa/Johannesburg, GMT+2)")], datetime)
    assert amina[header.index("joins")] == 3
    assert amina[header.index("Interpretation language")] == "French"


def test_export_query_count_does_not_grow_with_registrants(client, editor, webinar, answered,
                                                          django_assert_max_num_queries):
    for index in range(30):
        registration = RegistrationFactory(webinar=webinar, name=f"Extra {index}")
        registration_answers_save(registration=registration, answers={
            question(webinar, "Interpretation language"): "English"})

    with django_assert_max_num_queries(14):
        client.get(reverse("webinars_admin:export_csv", args=[webinar.pk]))
    client.get(reverse("webinars_admin:registrants", args=[webinar.pk]))  # menu URLs cached
    with django_assert_max_num_queries(20):
        client.get(reverse("webinars_admin:registrants", args=[webinar.pk]))
