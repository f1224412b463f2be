"""The call moves on by itself at its dates: the periodic command, run at chosen instants."""

import datetime

import pytest
from django.core.management import call_command

from portal.core.timezones import local_to_utc
from portal.goodpractices import services
from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import CallStep, SubmissionEvent, Vote
from portal.members.models import Notification
from tests.factories.goodpractices import call, editor, reviewer, submission
from tests.goodpractices.test_services import old_member

pytestmark = pytest.mark.django_db
S = SubmissionStatus
SECOND = datetime.timedelta(seconds=1)


@pytest.mark.parametrize("zone", ["Africa/Dakar", "Asia/Kolkata", "America/New_York"])
def test_deadline_moves_submitted_entries_to_review_at_the_utc_instant(zone):
    page = call(zone=zone)
    deadline = local_to_utc(datetime.datetime(2030, 3, 10, 23, 59), zone)
    shift = deadline - page.deadline_at
    for field in ("opens_at", "deadline_at", "review_ends_at", "voting_starts_at",
                  "voting_ends_at", "announcement_at"):
        setattr(page, field, getattr(page, field) + shift)
    page.save()
    sent = submission(call_page=page)
    draft = submission(call_page=page, status=S.DRAFT)
    withdrawn = submission(call_page=page, status=S.WITHDRAWN)

    assert services.calls_advance(now=deadline - SECOND)["moved"] == 0
    sent.refresh_from_db()
    assert sent.status == S.SUBMITTED and not CallStep.objects.filter(call=page).exists()

    assert services.calls_advance(now=deadline)["moved"] == 1
    for item, status in ((sent, S.UNDER_REVIEW), (draft, S.DRAFT), (withdrawn, S.WITHDRAWN)):
        item.refresh_from_db()
        assert item.status == status
    event = SubmissionEvent.objects.get(submission=sent, action="deadline_passed")
    assert (event.actor, event.from_status, event.to_status) == (None, S.SUBMITTED,
                                                                  S.UNDER_REVIEW)


def test_reviewers_and_editors_are_told_once_however_often_it_runs():
    page = call(phase="review")
    sub = submission(call_page=page)
    boss, expert, other_expert = editor(), reviewer(), reviewer()
    services.assignment_create(submission=sub, reviewer=expert, actor=boss)
    bystander = old_member()

    first = services.calls_advance()
    second = services.calls_advance()
    call_command("advance_calls", stdout=open("/dev/null", "w"))

    assert first["moved"] == 1 and second["moved"] == 0
    told = Notification.objects.filter(verb="goodpractices.review_open")
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted([boss.pk, expert.pk])
    assert told.get(recipient=boss).url.endswith(f"/calls/{page.slug}/ranking/")
    assert told.get(recipient=expert).url.endswith("/review/")
    assert not Notification.objects.filter(recipient__in=[other_expert, bystander]).exists()
    assert SubmissionEvent.objects.filter(action="deadline_passed").count() == 1
    assert CallStep.objects.filter(call=page).count() == 1


def test_every_reviewer_is_told_when_nobody_is_assigned_yet():
    page = call(phase="review")
    submission(call_page=page)
    expert = reviewer()
    services.calls_advance()
    assert Notification.objects.filter(recipient=expert,
                                       verb="goodpractices.review_open").exists()


def test_an_entry_answered_back_to_submitted_after_the_deadline_is_moved_next_run():
    page = call(phase="open")
    sub = submission(call_page=page)
    boss = editor()
    services.clarification_request(submission=sub, actor=boss, question="Which trades?")
    after = page.deadline_at + SECOND
    services.calls_advance(now=after)
    sub.refresh_from_db()
    assert sub.status == S.CLARIFICATION
    services.clarification_answer(submission=sub, actor=sub.author, answer="Welding.")
    sub.refresh_from_db()
    assert sub.status == S.SUBMITTED
    assert services.calls_advance(now=after + SECOND)["moved"] == 1
    sub.refresh_from_db()
    assert sub.status == S.UNDER_REVIEW
    assert Notification.objects.filter(verb="goodpractices.review_open",
                                       recipient=boss).count() == 1


def test_calls_before_their_deadline_are_left_alone():
    page = call(phase="open")
    sub = submission(call_page=page)
    services.calls_advance()
    sub.refresh_from_db()
    assert sub.status == S.SUBMITTED


def test_vote_totals_are_frozen_when_voting_closes():
    page = call(phase="voting")
    sub = submission(call_page=page, status=S.SHORTLISTED)
    voters = [old_member() for _ in range(3)]
    for voter in voters:
        services.vote_cast(submission=sub, voter=voter)
    Vote.objects.filter(voter=voters[0]).delete()  # a stray row change the count missed

    assert services.calls_advance(now=page.voting_ends_at - SECOND)["frozen"] == 0
    assert services.calls_advance(now=page.voting_ends_at)["frozen"] == 1
    sub.refresh_from_db()
    assert sub.vote_count == 2

    Vote.objects.filter(voter=voters[1]).delete()  # an account erased after the close
    assert services.calls_advance(now=page.voting_ends_at + SECOND)["frozen"] == 0
    sub.refresh_from_db()
    assert sub.vote_count == 2


def test_no_vote_once_totals_are_frozen_even_if_voting_is_reopened():
    page = call(phase="voting")
    sub = submission(call_page=page, status=S.SHORTLISTED)
    voter = old_member()
    services.calls_advance(now=page.voting_ends_at)
    with pytest.raises(services.SubmissionError):
        services.vote_cast(submission=sub, voter=voter)
    with pytest.raises(services.SubmissionError):
        services.vote_withdraw(submission=sub, voter=voter)
    assert not Vote.objects.exists()


def test_the_command_is_registered_with_the_periodic_runner():
    from portal.core.periodic import periodic_commands

    assert "advance_calls" in {command.name for command in periodic_commands()}
