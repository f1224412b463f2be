from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .verbs import Frequency


class Notification(models.Model):
    """Something a member should know about. Grouped verbs pile up in one unread row
    (`count`); once read, the next event starts a new row."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("recipient"))
    verb = models.CharField(_("verb"), max_length=64)
    kind = models.CharField(_("kind"), max_length=32)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("actor"))
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True,
                                    blank=True, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    url = models.CharField(_("address"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    group_key = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("last event"))
    seen_at = models.DateTimeField(_("seen"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_due_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-updated_at"], name="notification_inbox"),
            models.Index(fields=["email_due_at"], name="notification_email_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "group_key"],
                condition=Q(read_at__isnull=True) & ~Q(group_key=""),
                name="notification_one_unread_per_group"),
        ]

    def __str__(self) -> str:
        return f"{self.verb} → {self.recipient_id}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class NotificationInbox(models.Model):
    """Per member: the unread count the bell shows, kept right by the services (so the bell
    reads one row), a version that changes with it (the bell's ETag), and digest bookkeeping."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                primary_key=True, related_name="notification_inbox")
    unread = models.PositiveIntegerField(default=0)
    version = models.PositiveBigIntegerField(default=0)
    daily_digest_at = models.DateTimeField(null=True, blank=True)
    weekly_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification inbox")
        verbose_name_plural = _("notification inboxes")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.unread}"


class NotificationPreference(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(_("kind"), max_length=32)
    frequency = models.CharField(_("e-mail"), max_length=10, choices=Frequency.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.frequency}"
