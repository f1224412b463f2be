"""Who may do what with calls, submissions, reviews and votes: named predicates that views
and services both check."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from portal.members.moderation.rules import can_post
from portal.members.rules import is_editor, is_member

REVIEWERS_GROUP = "Reviewers"


def is_reviewer(user) -> bool:
    return bool(is_member(user) and (user.is_superuser or
                                     user.groups.filter(name=REVIEWERS_GROUP).exists()))


def is_call_editor(user) -> bool:
    return is_editor(user)


def is_team_member(user, submission, *, confirmed_only: bool = True) -> bool:
    if not is_member(user):
        return False
    if submission.author_id == user.pk:
        return True
    coauthors = submission.coauthors.filter(user=user)
    if confirmed_only:
        coauthors = coauthors.filter(confirmed_at__isnull=False)
    return coauthors.exists()


def can_view_submission(user, submission) -> bool:
    from .models import ReviewerAssignment

    if not is_member(user):
        return False
    if is_call_editor(user) or is_team_member(user, submission, confirmed_only=False):
        return True
    return ReviewerAssignment.objects.filter(reviewer=user, submission=submission).exists()


def sees_blind(user, submission) -> bool:
    """Reviewers of a blind call see neither names nor organisations; the team and the
    editors see everything."""
    return bool(submission.call.blind_review and not is_call_editor(user)
                and not is_team_member(user, submission, confirmed_only=False))


def can_edit_submission(user, submission) -> bool:
    from .enums import SubmissionStatus

    if not (can_post(user) and is_team_member(user, submission)):
        return False
    if submission.status == SubmissionStatus.CLARIFICATION:
        return True
    return submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED) and \
        submission.call.accepts_submissions()


def has_conflict(user, submission) -> bool:
    """A reviewer never reviews their own work, a co-authored one, or one from their
    organisation."""
    if submission.author_id == user.pk or submission.coauthors.filter(user=user).exists():
        return True
    own = (getattr(getattr(user, "profile", None), "organisation", "") or "").strip().lower()
    return bool(own) and own == (submission.organisation or "").strip().lower()


def can_vote(user) -> bool:
    """Verified e-mail address and an account older than GOODPRACTICES_VOTER_MIN_AGE_DAYS."""
    from allauth.account.models import EmailAddress

    if not can_post(user):
        return False
    days = getattr(settings, "GOODPRACTICES_VOTER_MIN_AGE_DAYS", 7)
    if user.date_joined > timezone.now() - timedelta(days=days):
        return False
    return EmailAddress.objects.filter(user=user, verified=True).exists()


PUBLIC_STATUSES = ("shortlisted", "winner")


def can_report_submission(user, submission) -> bool:
    """Anyone who can read a submission's text, except its own team, may send it to the
    moderators: the shortlist and the winners are shown to every visitor of the call."""
    if not is_member(user) or submission.author_id is None:
        return False
    if is_team_member(user, submission, confirmed_only=False):
        return False
    return submission.status in PUBLIC_STATUSES or can_view_submission(user, submission)
