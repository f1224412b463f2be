"""Text members write keeps the language it was written in, taken from the request, and is
marked with it (`lang`) wherever it is shown, whatever the page's own language."""

import pytest
from django.test import Client

from portal.core.i18n import written_language
from portal.goodpractices import services
from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import (
    Clarification,
    PracticePage,
    ProgressUpdate,
    ReviewerAssignment,
    Submission,
)
from tests.factories.goodpractices import call, calls_index, editor, reviewer, submission
from tests.factories.members import member

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def test_a_submission_written_on_the_french_site_is_stored_and_shown_as_french(client):
    page = call(phase="open", blind_review=True)
    author = member()
    client.force_login(author)
    response = client.post(f"/fr/good-practices/calls/{page.slug}/submit/", {
        "title": "Normes communes de soudage", "summary": "Résumé", "idea": "Une **idée**",
        "submit": "1"})
    assert response.status_code == 302
    sub = Submission.objects.get(title="Normes communes de soudage")
    assert sub.language == "fr"

    client = Client()  # a fresh browser, on the English site
    client.force_login(author)
    detail = client.get(f"/good-practices/submissions/{sub.pk}/").content.decode()
    assert '<html lang="en"' in detail
    assert '<h1 lang="fr">Normes communes de soudage</h1>' in detail
    assert '<p class="lead" lang="fr">Résumé</p>' in detail
    assert '<div class="rich-text" lang="fr">' in detail
    mine = client.get("/good-practices/my-submissions/").content.decode()
    assert 'lang="fr">Normes communes de soudage</a>' in mine

    judge = reviewer(organisation="Jury")
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)
    client.force_login(judge)
    assert '<p class="lead" lang="fr">Résumé</p>' in client.get(
        f"/good-practices/review/{sub.pk}/").content.decode()
    assert 'lang="fr">Normes communes de soudage</th>' in client.get(
        "/good-practices/review/").content.decode()


def test_editing_later_in_another_language_keeps_the_original_language(client):
    page = call(phase="open")
    author = member()
    client.force_login(author)
    client.post(f"/good-practices/calls/{page.slug}/submit/",
                {"title": "Shared standards", "summary": "S", "idea": "I"})
    sub = Submission.objects.get(title="Shared standards")
    assert sub.language == "en"
    client.post(f"/fr/good-practices/submissions/{sub.pk}/edit/",
                {"title": "Shared standards", "summary": "S2", "idea": "I"})
    sub.refresh_from_db()
    assert sub.summary == "S2" and sub.language == "en"


def test_questions_and_answers_each_keep_their_language(client):
    page = call(phase="review")
    sub = submission(call_page=page, status=S.UNDER_REVIEW)
    boss = editor()
    client.force_login(boss)
    client.post(f"/good-practices/submissions/{sub.pk}/ask/", {"question": "Which trades?"})
    client.force_login(sub.author)
    client.post(f"/fr/good-practices/submissions/{sub.pk}/answer/",
                {"answer": "La soudure."})
    item = Clarification.objects.get(submission=sub)
    assert (item.language, item.answer_language) == ("en", "fr")
    html = client.get(f"/fr/good-practices/submissions/{sub.pk}/").content.decode()
    assert '<html lang="fr"' in html
    assert '<span lang="en">Which trades?</span>' in html
    assert '<span lang="fr">La soudure.</span>' in html


def test_progress_updates_keep_their_language(client):
    calls_index()
    page = call(phase="results")
    sub = submission(call_page=page, status=S.SHORTLISTED, title="River standards")
    services.winners_select(call=page, winners=[sub], actor=editor())
    practice = PracticePage.objects.get(submission=sub)
    client.force_login(sub.author)
    client.post(f"/fr/good-practices/practices/{practice.pk}/progress/",
                {"text": "Première étape faite"})
    update = ProgressUpdate.objects.get(practice=practice)
    assert update.language == "fr"
    html = client.get(practice.url).content.decode()
    assert '<p lang="fr">Première étape faite</p>' in html


def test_shortlist_on_the_call_page_is_marked(client):
    page = call(phase="voting")
    submission(call_page=page, status=S.SHORTLISTED, title="Formation commune", language="fr")
    html = client.get(page.url).content.decode()
    assert '<h3 lang="fr">Formation commune</h3>' in html


def test_services_fall_back_to_the_active_language_and_refuse_unknown_codes():
    from django.utils import translation

    page = call(phase="open")
    author = member()
    with translation.override("fr"):
        sub = services.submission_create(call=page, author=author,
                                         data={"title": "T", "summary": "s", "idea": "i"})
    assert sub.language == "fr"
    other = services.submission_create(call=page, author=author, language="xx-YY",
                                       data={"title": "T2", "summary": "s", "idea": "i"})
    assert other.language == "en"
    assert written_language("fr-CA") == "fr"
