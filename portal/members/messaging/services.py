"""Direct messages. Only participants ever read a conversation: every read and write is
checked against the Participant row, whatever the reader's role.

A message bumps each other participant's unread count with one UPDATE and notifies them
through the notification centre, grouped per conversation; the centre's delayed e-mail is
dropped once the conversation is read, so a burst of messages makes one e-mail at most."""

import re

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..moderation.rules import ensure_can_post
from ..network.selectors import is_blocked_either_way
from ..notifications import notify
from ..notifications.services import notifications_mark_read_for_target
from .models import MAX_PARTICIPANTS, Conversation, Message, Participant
from .rules import accepts_messages_from, take_message_allowance


class MessagingError(Exception):
    """A message the rules refuse; the text is safe to show to the sender."""


def _preview(body: str) -> str:
    text = re.sub(r"[*_`#>\[\]()!]", "", body)
    return " ".join(text.split())[:150]


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise MessagingError(_("Write a message first."))
    if len(body) > 5000:
        raise MessagingError(_("A message can be at most 5,000 characters long."))
    return body


def _allowance(sender) -> None:
    if not take_message_allowance(sender):
        raise MessagingError(_("New members can send a limited number of messages per hour. "
                               "Please try again later."))


def one_to_one_between(a, b) -> Conversation | None:
    """Their current two-person conversation, both still in it, if any."""
    ids = (Participant.objects.filter(user=a, left_at__isnull=True)
           .values_list("conversation_id", flat=True))
    candidates = (Conversation.objects.filter(pk__in=ids, participants__user=b,
                                              participants__left_at__isnull=True)
                  .order_by("-last_message_at"))
    for conversation in candidates:
        if conversation.participants.count() == 2:
            return conversation
    return None


@transaction.atomic
def conversation_start(*, sender, recipients, body: str, subject: str = "",
                       at=None) -> Conversation:
    """Start a conversation (or continue the existing one-to-one with the same person)."""
    ensure_can_post(sender)
    recipients = list({user.pk: user for user in recipients if user.pk != sender.pk}.values())
    if not recipients:
        raise MessagingError(_("Choose at least one member to write to."))
    if len(recipients) + 1 > MAX_PARTICIPANTS:
        raise MessagingError(_("A conversation can have at most %(max)s members.")
                             % {"max": MAX_PARTICIPANTS})
    refused = [user for user in recipients if not accepts_messages_from(user, sender)]
    if refused:
        raise MessagingError(_("You can message members you are connected with, and members "
                               "who accept messages from everyone."))
    body = _check_body(body)
    if len(recipients) == 1:
        existing = one_to_one_between(sender, recipients[0])
        if existing is not None:
            message_send(sender=sender, conversation=existing, body=body, at=at)
            return existing
    _allowance(sender)
    at = at or timezone.now()
    conversation = Conversation.objects.create(subject=subject.strip()[:160], created_by=sender,
                                               last_message_at=at)
    Participant.objects.bulk_create(
        [Participant(conversation=conversation, user=sender, last_read_at=at)]
        + [Participant(conversation=conversation, user=user) for user in recipients])
    _post(sender=sender, conversation=conversation, body=body, at=at)
    return conversation


def _participant(user, conversation) -> Participant:
    participant = (Participant.objects.select_for_update()
                   .filter(conversation=conversation, user=user, left_at__isnull=True).first())
    if participant is None:
        raise MessagingError(_("You are not part of this conversation."))
    return participant


@transaction.atomic
def message_send(*, sender, conversation: Conversation, body: str, at=None) -> Message:
    ensure_can_post(sender)
    _participant(sender, conversation)
    body = _check_body(body)
    others = list(conversation.participants.filter(left_at__isnull=True)
                  .exclude(user=sender).select_related("user"))
    if len(others) == 1 and is_blocked_either_way(sender.pk, others[0].user_id):
        raise MessagingError(_("This member cannot receive your messages."))
    if not others:
        raise MessagingError(_("Everyone else has left this conversation."))
    _allowance(sender)
    return _post(sender=sender, conversation=conversation, body=body, at=at or timezone.now())


def _post(*, sender, conversation: Conversation, body: str, at) -> Message:
    message = Message.objects.create(conversation=conversation, sender=sender, body=body,
                                     created_at=at)
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=at, last_sender=sender, last_preview=_preview(body))
    others = Participant.objects.filter(conversation=conversation, left_at__isnull=True).exclude(
        user=sender)
    others.update(unread=F("unread") + 1)
    Participant.objects.filter(conversation=conversation, user=sender).update(
        last_read_at=at, unread=0)
    title = conversation.subject or _preview(body)[:60]
    for participant in others.select_related("user"):
        notify(recipient=participant.user, verb="message.received", actor=sender,
               target=conversation, url=conversation.get_absolute_url(), title=title, at=at)
    return message


@transaction.atomic
def conversation_read(*, user, conversation: Conversation, at=None) -> None:
    """The member opened the conversation: nothing in it is unread any more, and pending
    e-mails about it are dropped."""
    at = at or timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).update(
        last_read_at=at, unread=0)
    notifications_mark_read_for_target(user=user, target=conversation, at=at)


@transaction.atomic
def conversation_leave(*, user, conversation: Conversation, at=None) -> bool:
    at = at or timezone.now()
    changed = Participant.objects.filter(conversation=conversation, user=user,
                                         left_at__isnull=True).update(left_at=at, unread=0)
    notifications_mark_read_for_target(user=user, target=conversation, at=at)
    return bool(changed)
