"""Suspension: one check that every write path calls (connections, messages, and the
forum, calls and webinar registration through `can_post`). Silence is narrower: a
silenced member keeps every right but speaking in the discussions (`can_speak`), which
the forum checks on top of `can_post`."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


class SuspendedError(PermissionError):
    """The member is suspended; the message says until when."""


class SilencedError(PermissionError):
    """The member is silenced in the discussions; the message says until when."""


def _until(user, field: str):
    """The end of a restriction still running (a profile date field), else None."""
    if not (user and user.is_authenticated):
        return None
    until = getattr(getattr(user, "profile", None), field, None)
    return until if until and until > timezone.now() else None


def suspended_until(user):
    return _until(user, "suspended_until")


def can_post(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active) and suspended_until(user) is None


def ensure_can_post(user) -> None:
    until = suspended_until(user)
    if until is not None:
        raise SuspendedError(_("Your account is suspended until %(date)s: you can read but not "
                               "post, message or register.") % {
            "date": date_format(timezone.localtime(until), "DATETIME_FORMAT")})


def silenced_until(user):
    return _until(user, "silenced_until")


def can_speak(user) -> bool:
    """May write in the discussions: may post at all, and is not silenced."""
    return can_post(user) and silenced_until(user) is None


def ensure_can_speak(user) -> None:
    ensure_can_post(user)
    until = silenced_until(user)
    if until is not None:
        raise SilencedError(_("A moderator silenced you until %(date)s: you can read the "
                              "discussions but not post, reply or react in them.") % {
            "date": date_format(timezone.localtime(until), "DATETIME_FORMAT")})


def cannot_speak_reason(user) -> str:
    """Why the member cannot write in the discussions, or "" if they can."""
    try:
        ensure_can_speak(user)
    except PermissionError as error:
        return str(error)
    return ""
