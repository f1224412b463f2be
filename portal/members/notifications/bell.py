"""The bell's count, in two queries: the session, then one row joining the user (to check
the session's auth hash, as Django's own check does) with the stored counter.

Every open tab polls it, so `BellMiddleware` answers it before the middleware that would
load the user and profile for the time zone (two more queries per poll)."""

from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.urls import reverse
from django.utils.crypto import constant_time_compare


def bell_row(request) -> tuple[int, int, int] | None:
    """(user id, unread, version) for the session's member, or None."""
    try:
        user_id = int(request.session[SESSION_KEY])
    except (KeyError, TypeError, ValueError):
        return None
    session_hash = request.session.get(HASH_SESSION_KEY) or ""
    row = (get_user_model().objects.filter(pk=user_id, is_active=True)
           .values_list("password", "notification_inbox__unread", "notification_inbox__version")
           .first())
    if row is None or not session_hash:
        return None
    password, unread, version = row
    user = get_user_model()(pk=user_id, password=password)
    if not constant_time_compare(session_hash, user.get_session_auth_hash()):
        return None
    return user_id, unread or 0, version or 0


class BellMiddleware:
    """Placed after the session and authentication middleware, before the time zone one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.path = None

    def __call__(self, request):
        if self.path is None:
            self.path = reverse("notifications_bell")
        if request.path_info == self.path and request.method in ("GET", "HEAD"):
            from .views import bell

            return bell(request)
        return self.get_response(request)
