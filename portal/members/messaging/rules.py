"""Who may message whom, and how fast."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from ..network.selectors import are_connected, is_blocked_either_way

NEW_MEMBER_AGE = timedelta(hours=24)
NEW_MEMBER_MESSAGES_PER_HOUR = 10


def accepts_messages_from(recipient, sender) -> bool:
    """Connected members may always start a conversation; others only if the recipient
    allows messages from all members. Never across a block, in either direction."""
    if not recipient.is_active or recipient.pk == sender.pk:
        return False
    if is_blocked_either_way(sender.pk, recipient.pk):
        return False
    if are_connected(sender.pk, recipient.pk):
        return True
    profile = getattr(recipient, "profile", None)
    return bool(profile and profile.allow_messages_from_all and profile.visibility != "hidden")


def is_new_member(user) -> bool:
    if timezone.now() - user.date_joined < NEW_MEMBER_AGE:
        return True
    return not user.emailaddress_set.filter(verified=True).exists()


def take_message_allowance(user) -> bool:
    """Count one message against a new member's hourly allowance (in the shared cache, so
    every web process counts together); False once it is used up."""
    if not is_new_member(user):
        return True
    window = int(timezone.now().timestamp() // 3600)
    key = f"members:messages:{user.pk}:{window}"
    cache.add(key, 0, timeout=3700)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3700)
        sent = 1
    return sent <= NEW_MEMBER_MESSAGES_PER_HOUR


def message_url_for(viewer, profile) -> str:
    """The "Send a message" link on a profile, when the viewer may write to the member."""
    from django.urls import reverse

    if viewer.is_authenticated and viewer.pk != profile.user_id and \
            accepts_messages_from(profile.user, viewer):
        return reverse("conversations:new") + f"?to={profile.pk}"
    return ""
