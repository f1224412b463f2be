"""Writes of the notification centre.

The bell reads one stored counter (`NotificationInbox.unread`) instead of counting rows, so
every change of a notification's read state goes through a guarded UPDATE here and moves the
counter by the number of rows it really changed: two tabs marking the same notification read
at once lower the count once. `version` changes with every change and serves as the bell's
ETag. Grouped verbs add to the member's one unread row for the group (a partial unique
constraint), so "3 new messages in …" stays one line and, once e-mailed, one e-mail.
"""

from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from .models import Notification, NotificationInbox, NotificationPreference
from .verbs import Frequency, get_kind, get_verb

EMAIL_DELAY = timedelta(minutes=10)


def _inbox_add(user_id: int, unread_delta: int) -> None:
    def bump() -> int:
        return NotificationInbox.objects.filter(user_id=user_id).update(
            unread=Greatest(F("unread") + unread_delta, 0), version=F("version") + 1)

    if bump():
        return
    try:
        with transaction.atomic():
            NotificationInbox.objects.create(user_id=user_id, unread=max(unread_delta, 0),
                                             version=1)
    except IntegrityError:  # created by a concurrent request meanwhile
        bump()


def frequency_for(user_id: int, kind: str) -> str:
    stored = (NotificationPreference.objects.filter(user_id=user_id, kind=kind)
              .values_list("frequency", flat=True).first())
    return stored or get_kind(kind).default_frequency


def is_blocked_by(recipient_id: int, actor_id: int | None) -> bool:
    if actor_id is None:
        return False
    from ..network.models import Block

    return Block.objects.filter(blocker_id=recipient_id, blocked_id=actor_id).exists()


@transaction.atomic
def notification_create(*, recipient, verb: str, actor=None, target=None, url: str = "",
                        title: str = "", group_key: str | None = None,
                        at: datetime | None = None) -> Notification | None:
    """Store (or add to) a notification. Nothing is stored for oneself, for an inactive
    account, or when the recipient blocked the actor. E-mail is scheduled EMAIL_DELAY later
    for members who want it immediately; digests pick up the others."""
    at = at or timezone.now()
    spec = get_verb(verb)
    actor_id = actor.pk if actor is not None else None
    if actor_id == recipient.pk or not recipient.is_active or is_blocked_by(recipient.pk, actor_id):
        return None
    target_type = ContentType.objects.get_for_model(target) if target is not None else None
    target_id = str(target.pk) if target is not None else ""
    if group_key is None:
        group_key = f"{verb}:{target_type.pk if target_type else ''}:{target_id}" if spec.grouped else ""
    wants_email = spec.email and frequency_for(recipient.pk, spec.kind) == Frequency.IMMEDIATE
    if group_key:
        existing = (Notification.objects.select_for_update()
                    .filter(recipient=recipient, group_key=group_key, read_at__isnull=True).first())
        if existing is not None:
            return _notification_pile(existing, actor_id=actor_id, url=url, title=title, at=at,
                                      wants_email=wants_email)
    notification = Notification(
        recipient=recipient, verb=verb, kind=spec.kind, actor_id=actor_id,
        target_type=target_type, target_id=target_id, url=url[:500], title=title[:255],
        group_key=group_key, created_at=at, updated_at=at,
        email_due_at=at + EMAIL_DELAY if wants_email else None)
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        # Another request created the group's unread row meanwhile: add to it.
        existing = Notification.objects.select_for_update().get(
            recipient=recipient, group_key=group_key, read_at__isnull=True)
        return _notification_pile(existing, actor_id=actor_id, url=url, title=title, at=at,
                                   wants_email=wants_email)
    _inbox_add(recipient.pk, 1)
    return notification


def _notification_pile(notification: Notification, *, actor_id, url: str, title: str,
                       at: datetime, wants_email: bool) -> Notification:
    """One more event in an unread group: it becomes unseen again and, if its last e-mail
    went out, another is scheduled no sooner than EMAIL_DELAY after that one."""
    notification.count += 1
    notification.updated_at = at
    notification.actor_id = actor_id
    notification.seen_at = None
    if url:
        notification.url = url[:500]
    if title:
        notification.title = title[:255]
    if wants_email and notification.email_due_at is None:
        earliest = at + EMAIL_DELAY
        if notification.emailed_at is not None:
            earliest = max(earliest, notification.emailed_at + EMAIL_DELAY)
        notification.email_due_at = earliest
    notification.save()
    NotificationInbox.objects.filter(user_id=notification.recipient_id).update(
        version=F("version") + 1)
    return notification


@transaction.atomic
def notifications_mark_read(*, user, ids: list[int] | None = None, at: datetime | None = None) -> int:
    """Mark some (or, without ids, all) of a member's notifications read."""
    at = at or timezone.now()
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    changed = unread.update(read_at=at, seen_at=at, email_due_at=None)
    if changed:
        _inbox_add(user.pk, -changed)
    return changed


@transaction.atomic
def notifications_mark_read_for_target(*, user, target, at: datetime | None = None) -> int:
    """The member opened what a notification is about (e.g. a conversation): it is read."""
    at = at or timezone.now()
    changed = Notification.objects.filter(
        recipient=user, read_at__isnull=True,
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk),
    ).update(read_at=at, seen_at=at, email_due_at=None)
    if changed:
        _inbox_add(user.pk, -changed)
    return changed


@transaction.atomic
def notifications_dismiss_from_actor(*, user, actor, at: datetime | None = None) -> int:
    """The member blocked `actor`: what that member's actions told them is marked read, so
    it leaves the bell and no e-mail or digest about it goes out."""
    at = at or timezone.now()
    changed = Notification.objects.filter(
        recipient=user, actor=actor, read_at__isnull=True,
    ).update(read_at=at, seen_at=at, email_due_at=None)
    if changed:
        _inbox_add(user.pk, -changed)
    return changed


def notifications_mark_seen(*, user, ids: list[int], at: datetime | None = None) -> int:
    """Shown on the site: no e-mail will go out for them any more (they stay unread)."""
    at = at or timezone.now()
    return Notification.objects.filter(recipient=user, pk__in=ids, seen_at__isnull=True).update(
        seen_at=at, email_due_at=None)


@transaction.atomic
def inbox_recount(*, user) -> int:
    """Rebuild the counter from the rows (a repair tool; the services keep it right)."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    inbox, _created = NotificationInbox.objects.select_for_update().get_or_create(user=user)
    inbox.unread = unread
    inbox.version += 1
    inbox.save(update_fields=["unread", "version"])
    return unread


@transaction.atomic
def preferences_set(*, user, frequencies: dict[str, str]) -> None:
    for kind, frequency in frequencies.items():
        if frequency not in Frequency.values:
            raise ValueError(f"Unknown frequency {frequency!r}")
        get_kind(kind)
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency})
    # Pending e-mails of kinds no longer wanted immediately are dropped.
    not_immediate = [kind for kind, frequency in frequencies.items()
                     if frequency != Frequency.IMMEDIATE]
    if not_immediate:
        Notification.objects.filter(recipient=user, kind__in=not_immediate,
                                    email_due_at__isnull=False).update(email_due_at=None)
