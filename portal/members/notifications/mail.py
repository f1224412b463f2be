"""E-mail from the notification centre: one message per notification after a short delay
(dropped if the member saw it on the site meanwhile), and daily or weekly digests of what
they have not seen, each in the member's language and time zone, each with a one-click
unsubscribe link (RFC 8058) that works without logging in.

Both run from periodic commands. Each notification is claimed with a guarded UPDATE before
its e-mail is queued, so two runs at once never send it twice.
"""

import zoneinfo
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone, translation

from portal.core.mail import render_email
from portal.core.tasks import queue_email
from portal.core.timezones import is_valid_zone

from .models import Notification, NotificationInbox, NotificationPreference
from .selectors import kinds_at, notification_text
from .verbs import Frequency, emailed_kinds, get_kind, is_known_kind

UNSUBSCRIBE_SALT = "members.notifications.unsubscribe"
DIGEST_HOUR = 7  # local time at which digests go out
WEEKLY_DIGEST_WEEKDAY = 0  # Monday


def site_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def unsubscribe_token(user_id: int, kinds: list[str]) -> str:
    return signing.dumps({"u": user_id, "k": sorted(kinds)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_payload(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), list):
        return None
    return data


def member_language(user) -> str:
    profile = getattr(user, "profile", None)
    language = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def member_zone(user) -> str:
    zone = getattr(getattr(user, "profile", None), "timezone", "")
    return zone if is_valid_zone(zone) else "UTC"


def _message(user, *, template: str, context: dict, kinds: list[str]) -> dict:
    language = member_language(user)
    with translation.override(language):
        unsubscribe_url = site_url(reverse("notifications:unsubscribe",
                                           kwargs={"token": unsubscribe_token(user.pk, kinds)}))
        preferences_url = site_url(reverse("notifications:preferences"))
        all_url = site_url(reverse("notifications:index"))
    profile = getattr(user, "profile", None)
    message = render_email(template=template, language=language, to=[user.email], context={
        "name": profile.name if profile else user.email, "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url, "notifications_url": all_url,
        "kinds": [get_kind(kind).label for kind in kinds], **context})
    message["headers"] = {"List-Unsubscribe": f"<{unsubscribe_url}>",
                          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return message


def _item(notification: Notification, language: str) -> dict:
    with translation.override(language):
        return {"text": notification_text(notification),
                "url": site_url(notification.url) if notification.url.startswith("/") else "",
                "when": notification.updated_at}


def _actor_blocked() -> Exists:
    """True for a notification whose actor the recipient has blocked since it was stored."""
    from ..network.models import Block

    return Exists(Block.objects.filter(blocker_id=OuterRef("recipient_id"),
                                       blocked_id=OuterRef("actor_id")))


def emails_send_due(*, at: datetime | None = None) -> int:
    """Send the notification e-mails whose delay is over, unless seen or read meanwhile or
    the recipient has blocked the actor since."""
    at = at or timezone.now()
    sent = 0
    due = (Notification.objects.filter(email_due_at__lte=at)
           .select_related("recipient__profile", "actor__profile").order_by("email_due_at", "pk"))
    for notification in due:
        with transaction.atomic():
            claimed = Notification.objects.filter(
                pk=notification.pk, email_due_at=notification.email_due_at,
                seen_at__isnull=True, read_at__isnull=True,
            ).exclude(_actor_blocked()).update(email_due_at=None, emailed_at=at)
            if not claimed:
                Notification.objects.filter(pk=notification.pk, email_due_at__lte=at).filter(
                    Q(seen_at__isnull=False) | Q(read_at__isnull=False) | _actor_blocked(),
                ).update(email_due_at=None)
                continue
            recipient = notification.recipient
            if not recipient.is_active or not recipient.email:
                continue
            item = _item(notification, member_language(recipient))
            queue_email(_message(recipient, template="notification", kinds=[notification.kind],
                                 context={"item": item}))
            sent += 1
    return sent


def digest_is_due(inbox: NotificationInbox | None, frequency: str, zone: str, at: datetime) -> bool:
    local = at.astimezone(zoneinfo.ZoneInfo(zone))
    if local.hour < DIGEST_HOUR:
        return False
    if frequency == Frequency.WEEKLY and local.weekday() != WEEKLY_DIGEST_WEEKDAY:
        return False
    last = getattr(inbox, f"{frequency}_digest_at", None) if inbox else None
    if last is None:
        return True
    return last.astimezone(zoneinfo.ZoneInfo(zone)).date() < local.date()


def digests_send_due(*, at: datetime | None = None) -> int:
    """Daily digests at 07:00 and weekly ones on Monday at 07:00, in each member's zone,
    listing only notifications not yet seen, read or sent in an earlier digest."""
    at = at or timezone.now()
    User = get_user_model()
    sent = 0
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        user_ids = set(NotificationPreference.objects.filter(frequency=frequency)
                       .values_list("user_id", flat=True))
        default_kinds = [kind.key for kind in emailed_kinds() if kind.default_frequency == frequency]
        if default_kinds:
            user_ids |= set(Notification.objects.filter(
                kind__in=default_kinds, read_at__isnull=True, seen_at__isnull=True,
                digested_at__isnull=True).values_list("recipient_id", flat=True))
        users = User.objects.filter(pk__in=user_ids, is_active=True).select_related(
            "profile", "notification_inbox")
        for user in users:
            inbox = getattr(user, "notification_inbox", None)
            if not digest_is_due(inbox, frequency, member_zone(user), at):
                continue
            if _digest_send(user, frequency, at):
                sent += 1
    return sent


@transaction.atomic
def _digest_send(user, frequency: str, at: datetime) -> bool:
    inbox, _created = NotificationInbox.objects.select_for_update().get_or_create(user=user)
    if not digest_is_due(inbox, frequency, member_zone(user), at):
        return False  # another run sent it meanwhile
    NotificationInbox.objects.filter(pk=inbox.pk).update(**{f"{frequency}_digest_at": at})
    kinds = kinds_at(user, frequency)
    since = at - (timedelta(days=8) if frequency == Frequency.WEEKLY else timedelta(days=2))
    pending = list(Notification.objects.filter(
        recipient=user, kind__in=kinds, read_at__isnull=True, seen_at__isnull=True,
        digested_at__isnull=True, updated_at__gte=since, updated_at__lte=at,
    ).exclude(_actor_blocked()).select_related("actor__profile").order_by("-updated_at")[:50])
    if not pending or not user.email:
        return False
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(digested_at=at)
    language, zone = member_language(user), member_zone(user)
    with timezone.override(zoneinfo.ZoneInfo(zone)):  # times in the member's zone
        queue_email(_message(user, template=f"notification_digest_{frequency}", kinds=kinds,
                             context={"items": [_item(n, language) for n in pending],
                                      "zone": zone}))
    return True


@transaction.atomic
def unsubscribe(*, token: str) -> list[str] | None:
    """Turn off the e-mails a link was for; the kinds it covered, or None for a bad link."""
    data = unsubscribe_payload(token)
    if data is None:
        return None
    User = get_user_model()
    user = User.objects.filter(pk=data["u"]).first()
    if user is None:
        return None
    from .services import preferences_set

    kinds = [kind for kind in data["k"] if is_known_kind(kind)]
    preferences_set(user=user, frequencies=dict.fromkeys(kinds, Frequency.NEVER))
    return kinds
