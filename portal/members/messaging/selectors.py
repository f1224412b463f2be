from django.db.models import Prefetch, QuerySet

from ..network.selectors import blocked_ids, connected_ids
from .models import Conversation, Message, Participant


def conversations_for(user) -> QuerySet[Participant]:
    """The member's conversations, last message first, with the other participants' names
    fetched up front: a constant number of queries whatever the number of rows."""
    others = Participant.objects.select_related("user__profile").order_by("pk")
    return (Participant.objects.filter(user=user, left_at__isnull=True)
            .select_related("conversation__last_sender__profile")
            .prefetch_related(Prefetch("conversation__participants", queryset=others))
            .order_by("-conversation__last_message_at", "-conversation_id"))


def conversation_for(user, pk: int) -> Participant | None:
    """The member's participation in a conversation, or None: nobody else reads it."""
    return (Participant.objects.filter(user=user, conversation_id=pk, left_at__isnull=True)
            .select_related("conversation").first())


def thread(conversation: Conversation, *, viewer) -> list[dict]:
    """Messages in order; those from members the viewer blocked are collapsed."""
    hidden = blocked_ids(viewer)
    messages = conversation.messages.select_related("sender__profile").order_by("created_at", "pk")
    return [{"message": message, "hidden": message.sender_id in hidden} for message in messages]


def unread_conversations(user) -> int:
    return Participant.objects.filter(user=user, left_at__isnull=True, unread__gt=0).count()


def messageable_ids(user) -> set[int]:
    return connected_ids(user.pk)


def messages_sent_by(user) -> QuerySet[Message]:
    return Message.objects.filter(sender=user).order_by("created_at", "pk")
