"""Who may do what with webinars: named predicates checked in views and services."""

from datetime import timedelta

from django.utils import timezone

from portal.members.rules import is_member

JOIN_OPENS_BEFORE_MINUTES = 30


def can_view_webinar(user, webinar) -> bool:
    if not webinar.live:
        return False
    return not webinar.is_members_only or is_member(user)


def can_register(user, webinar) -> bool:
    """Visibility alone; the registration window and capacity are the services' concern."""
    return can_view_webinar(user, webinar) and not webinar.is_cancelled


def can_manage_registrations(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.has_perm("webinars.change_webinar")))


def join_window_open(webinar, now=None) -> bool:
    """Confirmed registrants reach the meeting from shortly before the start to the end."""
    now = now or timezone.now()
    opens = webinar.start - timedelta(minutes=JOIN_OPENS_BEFORE_MINUTES)
    return opens <= now <= webinar.end and not webinar.is_cancelled


def join_opens_at(webinar):
    return webinar.start - timedelta(minutes=JOIN_OPENS_BEFORE_MINUTES)
