"""Reports and the moderators' decisions. Any app files a report with `report_create`
(the forum's flags, the calls' submissions); moderators decide in the Wagtail admin.

A decision is a guarded UPDATE on an open report, so two moderators deciding at once
apply one decision. The member is told by e-mail, after the commit, in their language."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.mail import render_email
from portal.core.tasks import queue_email

from ..notifications import notify
from .models import Report, ReportReason, ReportStatus
from .rules import ensure_can_post

SUSPENSION_DAYS = (1, 3, 7, 30, 90)
SILENCE_DAYS = SUSPENSION_DAYS


class ModerationError(Exception):
    """A report or decision the rules refuse; the message is safe to show."""


@transaction.atomic
def report_create(*, reporter, member, reason: str, details: str = "", target=None,
                  area: str = "member", excerpt: str = "", url: str = "") -> Report:
    """File a report; reporting the same thing twice while it is open changes nothing."""
    if reporter.pk == member.pk:
        raise ModerationError(_("You cannot report yourself."))
    if reason not in ReportReason.values:
        raise ModerationError(_("Choose a reason."))
    ensure_can_post(reporter)
    from django.contrib.contenttypes.models import ContentType

    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = str(target.pk) if target is not None else ""
    existing = Report.objects.filter(reporter=reporter, member=member, target_type=target_type,
                                     target_id=target_id, status=ReportStatus.OPEN).first()
    if existing is not None:
        return existing
    report = Report(reporter=reporter, member=member, target_type=target_type,
                    target_id=target_id, area=area, excerpt=excerpt[:5000], url=url[:500],
                    reason=reason, details=details[:2000])
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        return Report.objects.get(reporter=reporter, member=member, target_type=target_type,
                                  target_id=target_id, status=ReportStatus.OPEN)
    return report


def report_message(*, reporter, message, reason: str, details: str = "") -> Report:
    """Report a direct message: only a participant can, and the text is kept with the report."""
    from ..messaging.models import Participant

    if not Participant.objects.filter(conversation_id=message.conversation_id,
                                      user=reporter).exists():
        raise ModerationError(_("You can only report messages you received."))
    if message.sender is None:
        raise ModerationError(_("This member's account no longer exists."))
    return report_create(reporter=reporter, member=message.sender, reason=reason, details=details,
                         target=message, area="message", excerpt=message.body)


DECISIONS = {
    "dismiss": ReportStatus.DISMISSED,
    "hide": ReportStatus.HIDDEN,
    "warn": ReportStatus.WARNED,
    "silence": ReportStatus.SILENCED,
    "suspend": ReportStatus.SUSPENDED,
    "ban": ReportStatus.BANNED,
}
TIMED_DECISIONS = ("suspend", "silence")


def decisions_for(report: Report) -> list[str]:
    """The decisions that fit the report: "hide" only for content whose app can hide it."""
    from .targets import handler_for

    handler = handler_for(report.area)
    return [decision for decision in DECISIONS
            if decision != "hide" or (handler is not None and handler.can_hide
                                      and report.target_id)]


@transaction.atomic
def report_decide(*, report: Report, moderator, decision: str, days: int | None = None,
                  note: str = "", at=None) -> bool:
    """Apply a decision to an open report; False if another moderator decided first."""
    from ..rules import is_moderator

    if not is_moderator(moderator):
        raise ModerationError(_("Only moderators can decide on reports."))
    if decision not in decisions_for(report):
        raise ModerationError(_("Unknown decision."))
    if decision in TIMED_DECISIONS and days not in SUSPENSION_DAYS:
        raise ModerationError(_("Choose how long the suspension lasts."))
    if report.member_id == moderator.pk:
        raise ModerationError(_("Another moderator must decide on a report about you."))
    at = at or timezone.now()
    claimed = Report.objects.filter(pk=report.pk, status=ReportStatus.OPEN).update(
        status=DECISIONS[decision], handled_by=moderator, handled_at=at, note=note)
    if not claimed:
        return False
    report.refresh_from_db()
    member = report.member
    until = None
    if decision == "suspend":
        until = at + timedelta(days=days)
        profile = member.profile
        if profile.suspended_until is None or profile.suspended_until < until:
            profile.suspended_until = until
            profile.save(update_fields=["suspended_until", "updated_at"])
    elif decision == "silence":
        until = _silence(member, until=at + timedelta(days=days))
    elif decision == "ban":
        member.is_active = False
        member.save(update_fields=["is_active"])
    _apply_to_target(report, decision=decision, moderator=moderator, note=note)
    if decision in ("dismiss",):
        return True
    # Other open reports about the same member and content share the outcome.
    Report.objects.filter(member=member, status=ReportStatus.OPEN).filter(
        Q(target_type=report.target_type, target_id=report.target_id)).update(
        status=DECISIONS[decision], handled_by=moderator, handled_at=at, note=note)
    if decision != "ban":
        notify(recipient=member, verb="moderation.decision", url="", at=at)
    _tell_member(member, decision=decision, until=until, note=note, report=report)
    return True


def _apply_to_target(report: Report, *, decision: str, moderator, note: str) -> None:
    """Let the app that owns the reported content act on it (hide it, or restore what
    members' flags hid)."""
    from .targets import handler_for

    handler = handler_for(report.area)
    if handler is not None and report.target_id:
        handler.on_decision(report=report, decision=decision, moderator=moderator, note=note)


def _silence(member, *, until):
    profile = member.profile
    if profile.silenced_until is None or profile.silenced_until < until:
        profile.silenced_until = until
        profile.save(update_fields=["silenced_until", "updated_at"])
    return profile.silenced_until


@transaction.atomic
def member_silence(*, moderator, member, days: int, note: str = "", at=None):
    """Silence a member in the discussions for a number of days (never shortens a longer
    silence); they are told in the notification centre and by e-mail. Returns the end."""
    from ..rules import is_moderator

    if not is_moderator(moderator):
        raise ModerationError(_("Only moderators can silence a member."))
    if member.pk == moderator.pk:
        raise ModerationError(_("You cannot silence yourself."))
    if is_moderator(member):
        raise ModerationError(_("Moderators cannot be silenced."))
    if days not in SILENCE_DAYS:
        raise ModerationError(_("Choose how long the silence lasts."))
    at = at or timezone.now()
    until = _silence(member, until=at + timedelta(days=days))
    notify(recipient=member, verb="moderation.decision", url="", at=at)
    _tell_member(member, decision="silence", until=until, note=note, report=None)
    return until


@transaction.atomic
def silence_lift(*, member) -> None:
    profile = member.profile
    profile.silenced_until = None
    profile.save(update_fields=["silenced_until", "updated_at"])


def suspension_lift(*, member) -> None:
    profile = member.profile
    profile.suspended_until = None
    profile.save(update_fields=["suspended_until", "updated_at"])


def _tell_member(member, *, decision: str, until, note: str, report: Report | None) -> None:
    from ..notifications.mail import member_language

    if not member.email:
        return
    message = render_email(template="moderation_decision", language=member_language(member),
                           to=[member.email], context={
                               "name": member.profile.name, "decision": decision,
                               "until": until, "note": note,
                               "reason": ReportReason(report.reason).label if report else ""})
    queue_email(message)
