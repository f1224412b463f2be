from django.utils.translation import gettext as _

from .models import Notification, NotificationInbox, NotificationPreference
from .verbs import Frequency, emailed_kinds, get_verb


def notifications_for(user):
    """A member's notifications, newest first, with the actors' names fetched up front."""
    return (Notification.objects.filter(recipient=user)
            .select_related("actor__profile").order_by("-updated_at", "-pk"))


def notification_text(notification: Notification) -> str:
    actor = notification.actor
    if actor is None:
        actor_name = _("A former member")
    else:
        profile = getattr(actor, "profile", None)
        actor_name = profile.name if profile is not None else _("A member")
    try:
        verb = get_verb(notification.verb)
    except ValueError:
        return notification.title or notification.verb
    text = verb.grouped_text if notification.count > 1 and verb.grouped_text else verb.text
    return text % {"count": notification.count, "actor": actor_name,
                   "title": notification.title}


def bell_state(user_id: int) -> tuple[int, int]:
    """(unread, version) from the stored counter: one query."""
    row = (NotificationInbox.objects.filter(user_id=user_id)
           .values_list("unread", "version").first())
    return row or (0, 0)


def preferences_of(user) -> dict[str, str]:
    stored = dict(NotificationPreference.objects.filter(user=user)
                  .values_list("kind", "frequency"))
    return {kind.key: stored.get(kind.key, kind.default_frequency) for kind in emailed_kinds()}


def kinds_at(user, frequency: str) -> list[str]:
    return [kind for kind, value in preferences_of(user).items() if value == frequency]


__all__ = ["Frequency", "bell_state", "kinds_at", "notification_text", "notifications_for",
           "preferences_of"]
