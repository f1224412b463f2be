"""The network's and the messages' part of a member's data export. Deletion needs no
handler: connections, follows, blocks and participations go with the account (CASCADE),
and messages the member sent stay in their conversations, signed "former member"."""

from django.db.models import Q

from ..messaging.models import Message, Participant
from .models import Block, Connection, Follow


def _name(user) -> str:
    profile = getattr(user, "profile", None)
    return profile.name if profile else ""


def export_network(user) -> dict:
    connections = (Connection.objects.filter(Q(user_low=user) | Q(user_high=user))
                   .select_related("requester__profile", "addressee__profile"))
    return {
        "connections": [{
            "with": _name(c.addressee if c.requester_id == user.pk else c.requester),
            "status": c.status, "asked_by_me": c.requester_id == user.pk,
            "requested_at": c.created_at, "accepted_at": c.accepted_at,
        } for c in connections],
        "following": [_name(f.followed) for f in
                      Follow.objects.filter(follower=user).select_related("followed__profile")],
        "blocked": [_name(b.blocked) for b in
                    Block.objects.filter(blocker=user).select_related("blocked__profile")],
    }


def export_messages(user) -> dict:
    return {
        "conversations": list(Participant.objects.filter(user=user).values(
            "conversation_id", "conversation__subject", "joined_at", "left_at")),
        "messages_sent": list(Message.objects.filter(sender=user).order_by("created_at").values(
            "conversation_id", "body", "created_at")),
    }
