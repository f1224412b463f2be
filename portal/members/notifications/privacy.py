"""The notification centre's part of a member's data export and account deletion."""

from .models import Notification, NotificationInbox, NotificationPreference
from .selectors import notification_text


def export_notifications(user) -> dict:
    notifications = Notification.objects.filter(recipient=user).select_related("actor__profile")
    return {
        "preferences": dict(NotificationPreference.objects.filter(user=user)
                            .values_list("kind", "frequency")),
        "items": [{"text": notification_text(n), "verb": n.verb, "url": n.url,
                   "count": n.count, "created_at": n.created_at, "updated_at": n.updated_at,
                   "read_at": n.read_at} for n in notifications.order_by("created_at", "pk")],
    }


def erase_notifications(user) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    NotificationInbox.objects.filter(user=user).delete()
