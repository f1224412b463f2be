import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import ReviewerAssignment, Submission
from tests.factories.goodpractices import call, editor, reviewer, submission
from tests.factories.members import member

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def test_call_page_shows_state_dates_in_zone_and_criteria(client):
    page = call(zone="Africa/Nairobi")
    html = client.get(page.url).content.decode()
    assert "Open for submissions" in html
    assert "EAT (GMT+3)" in html
    assert "Criterion 0" in html
    assert "data-local-time" in html
    assert "/submit/" in html


def test_call_page_in_french(client):
    page = call()
    html = client.get("/fr" + page.url).content.decode()
    assert "Ouvert aux propositions" in html


def test_visitor_is_sent_to_login_to_submit(client):
    page = call()
    response = client.get(f"/good-practices/calls/{page.slug}/submit/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_member_submits_and_sees_it_in_my_submissions(client):
    page = call()
    user = member()
    client.force_login(user)
    response = client.post(f"/good-practices/calls/{page.slug}/submit/", {
        "title": "Joint standards", "summary": "Short", "idea": "**Big** idea", "submit": "1"})
    assert response.status_code == 302
    sub = Submission.objects.get(title="Joint standards")
    assert sub.status == S.SUBMITTED
    html = client.get("/good-practices/my-submissions/").content.decode()
    assert "Joint standards" in html and "Submitted" in html
    detail = client.get(sub.get_absolute_url()).content.decode()
    assert "<strong>Big</strong>" in detail


def test_bad_submission_rerenders_with_errors(client):
    page = call()
    client.force_login(member())
    response = client.post(f"/good-practices/calls/{page.slug}/submit/", {"title": ""})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_submission_after_deadline_refused(client):
    page = call(phase="review")
    client.force_login(member())
    response = client.post(f"/good-practices/calls/{page.slug}/submit/",
                           {"title": "T", "summary": "s", "idea": "i"})
    assert response.status_code == 400
    assert "not open" in response.content.decode()


def test_submission_hidden_from_other_members(client):
    sub = submission(call_page=call())
    client.force_login(member())
    assert client.get(sub.get_absolute_url()).status_code == 404


def test_blind_reviewer_sees_no_author(client):
    page = call(phase="review", blind_review=True)
    sub = submission(call_page=page, author=member(display_name="Aminata Secret",
                                                   organisation="Hidden Org"))
    judge = reviewer(organisation="Elsewhere")
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)
    client.force_login(judge)
    for url in (sub.get_absolute_url(), f"/good-practices/review/{sub.pk}/"):
        html = client.get(url).content.decode()
        assert "Aminata Secret" not in html and "Hidden Org" not in html
    criteria = list(page.criteria.all())
    response = client.post(f"/good-practices/review/{sub.pk}/", {
        f"value_{criteria[0].pk}": 5, f"value_{criteria[1].pk}": 5, "private_note": "ok"})
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.expert_score == 100


def test_open_review_shows_author_to_reviewer(client):
    page = call(phase="review", blind_review=False)
    sub = submission(call_page=page, author=member(display_name="Kofi Visible"))
    judge = reviewer(organisation="Elsewhere")
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)
    client.force_login(judge)
    assert "Kofi Visible" in client.get(sub.get_absolute_url()).content.decode()


def test_unassigned_reviewer_cannot_review(client):
    sub = submission(call_page=call(phase="review"))
    client.force_login(reviewer())
    assert client.get(f"/good-practices/review/{sub.pk}/").status_code == 404


def test_ranking_is_for_editors_only(client):
    page = call(phase="closed")
    client.force_login(member())
    assert client.get(f"/good-practices/calls/{page.slug}/ranking/").status_code == 403
    client.force_login(editor())
    assert client.get(f"/good-practices/calls/{page.slug}/ranking/").status_code == 200


def _grow(page, count):
    for number in range(count):
        sub = submission(call_page=page, status=S.SHORTLISTED, expert_score=number,
                         vote_count=number)
        judge = reviewer(organisation=f"R{number}")
        ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)


@pytest.mark.parametrize("kind", ["ranking", "call", "mine"])
def test_listings_do_not_grow_with_rows(client, django_assert_max_num_queries, kind):
    page = call(phase="voting", blind_review=False)
    boss = editor()
    client.force_login(boss)
    url = {"ranking": f"/good-practices/calls/{page.slug}/ranking/", "call": page.url,
           "mine": "/good-practices/my-submissions/"}[kind]
    _grow(page, 3)
    for _index in range(4):
        submission(call_page=page, author=boss)
    client.get(url)
    connection.queries_log.clear()  # a full log would hide new queries
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    with_few = len(captured.captured_queries)
    assert with_few > 3
    _grow(page, 12)
    for _index in range(8):
        submission(call_page=page, author=boss)
    client.get(url)
    connection.queries_log.clear()
    with django_assert_max_num_queries(with_few):
        assert client.get(url).status_code == 200


def test_vote_view_counts_once_and_totals_hidden_until_close(client):
    page = call(phase="voting", hide_totals_until_close=True)
    sub = submission(call_page=page, status=S.SHORTLISTED)
    voter = member()
    voter.date_joined = timezone.now() - datetime.timedelta(days=30)
    voter.save()
    client.force_login(voter)
    client.post(f"/good-practices/submissions/{sub.pk}/vote/")
    client.post(f"/good-practices/submissions/{sub.pk}/vote/")
    sub.refresh_from_db()
    assert sub.vote_count == 1
    assert "1 vote" not in client.get(page.url).content.decode()


def test_exports_respect_blind_review(client):
    page = call(phase="closed", blind_review=True)
    submission(call_page=page, author=member(display_name="Secret Person"))
    client.force_login(editor())
    csv_text = client.get(f"/good-practices/calls/{page.slug}/export.csv").content.decode()
    assert "Idea" in csv_text and "Secret Person" not in csv_text
    xlsx = client.get(f"/good-practices/calls/{page.slug}/export.xlsx")
    assert xlsx.content[:2] == b"PK"
    client.force_login(member())
    assert client.get(f"/good-practices/calls/{page.slug}/export.csv").status_code == 403


def test_demo_loads_twice_and_practices_listed(client):
    from portal.goodpractices.demo import load
    from tests.factories.resources import home_page

    home_page()
    load(lambda text: None)
    load(lambda text: None)
    html = client.get("/good-practices/").content.decode()
    assert "Mauritania and Senegal" in html
    assert "Burkina Faso and Mali" in html
    assert "Nigeria, Ghana and Togo" in html
    filtered = client.get("/good-practices/?country=BF").content.decode()
    assert "Burkina Faso and Mali" in filtered and "Mauritania and Senegal" not in filtered
    assert b"<rss" in client.get("/good-practices/feed/rss/").content
    assert "Open calls" in client.get("/").content.decode()


def test_editor_assigns_by_hand_and_bad_ids_answer_404(client):
    page = call(phase="review")
    sub = submission(call_page=page)
    judge = reviewer(organisation="Elsewhere")
    client.force_login(editor())
    url = f"/good-practices/calls/{page.slug}/ranking/"
    assert client.post(url, {"assign": "1", "reviewer": "x", "submission": "y"}).status_code == 404
    client.post(url, {"assign": "1", "reviewer": judge.pk, "submission": sub.pk})
    assert ReviewerAssignment.objects.filter(submission=sub, reviewer=judge).exists()


def test_winner_becomes_public_practice_with_progress_by_its_team(client):
    from portal.goodpractices import services
    from portal.goodpractices.models import PracticePage
    from tests.factories.goodpractices import calls_index

    calls_index()
    page = call(phase="results")
    sub = submission(call_page=page, status=S.SHORTLISTED, title="River standards",
                     partner_organisations="Ministry A\nChamber B")
    services.winners_select(call=page, winners=[sub], actor=editor())
    practice = PracticePage.objects.get(submission=sub)
    assert [partner.name for partner in practice.partners.all()] == ["Ministry A", "Chamber B"]
    assert "River standards" in client.get(page.url).content.decode()
    client.force_login(member())
    client.post(f"/good-practices/practices/{practice.pk}/progress/", {"text": "Intruder"})
    client.force_login(sub.author)
    client.post(f"/good-practices/practices/{practice.pk}/progress/", {"text": "Step one done"})
    client.logout()
    html = client.get(practice.url).content.decode()
    assert "Step one done" in html and "Intruder" not in html


def test_admin_edit_shows_dates_in_the_calls_zone(client):
    from django.contrib.auth import get_user_model

    page = call(zone="Africa/Nairobi")
    admin = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456")
    client.force_login(admin)
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    local = page.deadline_at.astimezone(__import__("zoneinfo").ZoneInfo("Africa/Nairobi"))
    assert local.strftime("%Y-%m-%d %H:%M") in response.content.decode()


def test_admin_dates_typed_in_the_calls_zone_are_stored_in_utc():
    import datetime

    from portal.goodpractices.admin_forms import local_dates_to_utc

    typed = {"local_opens": datetime.datetime(2030, 1, 1, 9, 0),
             "local_deadline": datetime.datetime(2030, 1, 10, 23, 59)}
    values, errors = local_dates_to_utc(typed, "Africa/Nairobi")
    assert values["deadline_at"] == datetime.datetime(2030, 1, 10, 20, 59, tzinfo=datetime.UTC)
    assert not errors
    _values, errors = local_dates_to_utc({"local_opens": typed["local_deadline"],
                                          "local_deadline": typed["local_opens"]}, "UTC")
    assert list(errors) == ["local_deadline"]


def test_review_list_queries_do_not_grow(client, django_assert_max_num_queries):
    page = call(phase="review")
    judge = reviewer(organisation="Elsewhere")
    client.force_login(judge)

    def grow(count):
        for _index in range(count):
            sub = submission(call_page=page)
            ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)

    grow(2)
    client.get("/good-practices/review/")
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/good-practices/review/").status_code == 200
    with_few = len(captured.captured_queries)
    grow(10)
    connection.queries_log.clear()
    with django_assert_max_num_queries(with_few):
        html = client.get("/good-practices/review/").content.decode()
    assert html.count("Score it") == 12


def test_coauthor_sees_then_edits_after_confirming(client):
    from portal.goodpractices.models import SubmissionCoAuthor

    page = call()
    sub = submission(call_page=page, status=S.DRAFT)
    partner = member()
    SubmissionCoAuthor.objects.create(submission=sub, user=partner)
    client.force_login(partner)
    html = client.get(sub.get_absolute_url()).content.decode()
    assert "Confirm I am a co-author" in html
    assert client.get(f"/good-practices/submissions/{sub.pk}/edit/").status_code == 403
    client.post(f"/good-practices/submissions/{sub.pk}/confirm/")
    assert client.get(f"/good-practices/submissions/{sub.pk}/edit/").status_code == 200
    client.post(f"/good-practices/submissions/{sub.pk}/withdraw/")
    sub.refresh_from_db()
    assert sub.status == S.DRAFT  # only the author withdraws


def test_suspended_member_cannot_submit(client):
    page = call()
    user = member(suspended_until=timezone.now() + datetime.timedelta(days=3))
    client.force_login(user)
    response = client.post(f"/good-practices/calls/{page.slug}/submit/",
                           {"title": "T", "summary": "s", "idea": "i"})
    assert response.status_code == 400
    assert "suspended" in response.content.decode()
    assert not Submission.objects.exists()


def test_editor_can_request_clarification_and_author_answers_via_views(client):
    from portal.members.models import Notification

    page = call(phase="review")
    sub = submission(call_page=page, status=S.UNDER_REVIEW)
    client.force_login(editor())
    client.post(f"/good-practices/submissions/{sub.pk}/ask/", {"question": "Budget?"})
    assert Notification.objects.filter(recipient=sub.author).count() == 1
    client.force_login(sub.author)
    assert client.get(f"/good-practices/submissions/{sub.pk}/edit/").status_code == 200
    client.post(f"/good-practices/submissions/{sub.pk}/answer/", {"answer": "50k"})
    sub.refresh_from_db()
    assert sub.status == S.UNDER_REVIEW
    assert "50k" in client.get(sub.get_absolute_url()).content.decode()


@pytest.mark.parametrize("year", ["²", "abc", "99999999999999999999", "-2019", "٢٠١٩", "\x00"])
def test_the_repository_ignores_a_year_that_is_not_one(client, year):
    from tests.factories.goodpractices import practice

    practice(title="Mauritania and Senegal", year=2019)
    response = client.get("/good-practices/", {"year": year})
    assert response.status_code == 200
    assert "Mauritania and Senegal" in response.content.decode()


def test_the_repository_filters_by_a_real_year(client):
    from tests.factories.goodpractices import practice

    practice(title="Mauritania and Senegal", year=2019)
    practice(title="Burkina Faso and Mali", year=2021)
    html = client.get("/good-practices/", {"year": "2021"}).content.decode()
    assert "Burkina Faso and Mali" in html and "Mauritania and Senegal" not in html


def test_the_ranking_ignores_winner_numbers_that_are_not_numbers(client):
    page = call(phase="results")
    client.force_login(editor())
    url = f"/good-practices/calls/{page.slug}/ranking/"
    response = client.post(url, {"winners": "1", "winner": ["²", "9" * 30]})
    assert response.status_code < 500
