"""The ranking is computed once and stored; every change that moves it rebuilds it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.goodpractices import services
from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import ReviewerAssignment, Submission
from portal.goodpractices.selectors import call_ranking, ranking_compute
from tests.factories.goodpractices import call, editor, reviewer, submission
from tests.goodpractices.test_services import old_member

pytestmark = pytest.mark.django_db
S = SubmissionStatus


def stored(page):
    return [(row.submission.pk, row.rank, row.final) for row in call_ranking(call=page)]


def computed(page):
    return [(row.submission.pk, row.rank, row.final) for row in ranking_compute(call=page)]


def review(sub, values):
    judge = reviewer(organisation=f"Jury {sub.pk}-{values}")
    ReviewerAssignment.objects.create(call=sub.call, submission=sub, reviewer=judge)
    criteria = list(sub.call.criteria.all())
    return services.review_save(submission=sub, reviewer=judge,
                                values=dict(zip([c.pk for c in criteria], values, strict=True)),
                                comments={})


def test_reviews_votes_and_decisions_keep_the_stored_ranking_right():
    page = call(phase="review", expert_weight=50)
    boss = editor()
    first, second = (submission(call_page=page, status=S.UNDER_REVIEW) for _ in range(2))
    review(first, [2, 2])
    assert stored(page) == computed(page)
    assert [pk for pk, *_ in stored(page)] == [first.pk, second.pk]

    review(second, [5, 5])  # a review changes the order
    assert stored(page) == computed(page)
    assert [pk for pk, *_ in stored(page)] == [second.pk, first.pk]

    for sub in (first, second):
        services.submission_transition(submission=sub, actor=boss, to_status=S.SHORTLISTED)
    page.voting_starts_at = page.deadline_at
    page.save()  # voting now
    for _voter in range(3):
        services.vote_cast(submission=first, voter=old_member())
    assert stored(page) == computed(page)
    assert stored(page)[0][0] == first.pk  # 3 votes beat a better expert score at 50/50

    voter = old_member()
    services.vote_cast(submission=second, voter=voter)
    services.vote_withdraw(submission=second, voter=voter)
    assert stored(page) == computed(page)

    services.submission_transition(submission=second, actor=boss, to_status=S.NOT_RETAINED)
    services.submission_transition(submission=second, actor=boss, to_status=S.SHORTLISTED)
    assert stored(page) == computed(page)


def test_a_withdrawn_entry_leaves_the_ranking():
    page = call(phase="review")
    kept, leaving = (submission(call_page=page, status=S.UNDER_REVIEW) for _ in range(2))
    review(leaving, [5, 5])
    review(kept, [1, 1])
    services.submission_withdraw(submission=leaving, actor=leaving.author)
    assert [pk for pk, *_ in stored(page)] == [kept.pk]
    leaving.refresh_from_db()
    assert leaving.rank is None and leaving.final_score is None


def test_publishing_new_weights_rebuilds_scores_and_ranking():
    page = call(phase="review", expert_weight=100)
    one, two = (submission(call_page=page, status=S.UNDER_REVIEW) for _ in range(2))
    review(one, [5, 0])  # strong on the heavy criterion
    review(two, [0, 5])
    assert [pk for pk, *_ in stored(page)] == [one.pk, two.pk]
    criteria = list(page.criteria.all())
    page.criteria = [criteria[0], criteria[1]]
    criteria[0].weight, criteria[1].weight = 1, 9
    revision = page.save_revision()
    revision.publish()
    assert [pk for pk, *_ in stored(page)] == [two.pk, one.pk]
    two.refresh_from_db()
    assert two.expert_score == pytest.approx(90)
    assert stored(page) == computed(page)


def test_the_rebuild_is_idempotent():
    page = call(phase="review")
    sub = submission(call_page=page, status=S.UNDER_REVIEW)
    review(sub, [3, 3])
    assert services.call_ranking_rebuild(call=page) == 0
    Submission.objects.filter(pk=sub.pk).update(rank=7)
    assert services.call_ranking_rebuild(call=page) == 1
    assert stored(page)[0][1] == 1


def _grow(page, count):
    for _number in range(count):
        sub = submission(call_page=page, status=S.UNDER_REVIEW)
        review(sub, [_number % 6, 5 - _number % 6])


def test_ranking_page_reads_the_same_number_of_queries_for_1_and_30_entries(client):
    page = call(phase="review")
    client.force_login(editor())
    url = f"/good-practices/calls/{page.slug}/ranking/"

    def count():
        client.get(url)
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries), response.content.decode()

    _grow(page, 1)
    with_one, html = count()
    assert html.count('<th scope="row">') == 1
    _grow(page, 29)
    with_thirty, html = count()
    assert html.count('<th scope="row">') == 30
    assert with_thirty == with_one
