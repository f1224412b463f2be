from django import template
from django.conf import settings

from ..notifications.selectors import bell_state

register = template.Library()


@register.inclusion_tag("members/notifications/_bell.html", takes_context=True)
def notification_bell(context):
    """The header's bell with the stored unread count; notifications.js keeps it fresh."""
    user = context["request"].user
    unread, version = bell_state(user.pk)
    return {"unread": unread, "version": version,
            "interval": getattr(settings, "NOTIFICATION_BELL_POLL_SECONDS", 45)}
