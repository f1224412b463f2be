from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ConnectionStatus(models.TextChoices):
    PENDING = "pending", _("Requested")
    ACCEPTED = "accepted", _("Connected")


class Connection(models.Model):
    """One row per pair of members, whoever asked: `user_low`/`user_high` hold the pair in
    id order, so a unique constraint forbids a second request in either direction."""

    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+", verbose_name=_("requested by"))
    addressee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+", verbose_name=_("requested of"))
    user_low = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="+")
    user_high = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=ConnectionStatus.choices,
                              default=ConnectionStatus.PENDING)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.UniqueConstraint(fields=["user_low", "user_high"], name="connection_once_per_pair"),
            models.CheckConstraint(condition=Q(user_low__lt=F("user_high")),
                                   name="connection_pair_ordered"),
        ]
        indexes = [models.Index(fields=["addressee", "status"], name="connection_incoming")]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.addressee_id} ({self.status})"

    def other(self, user_id: int) -> int:
        return self.user_high_id if self.user_low_id == user_id else self.user_low_id


class Follow(models.Model):
    follower = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="following_set")
    followed = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="follower_set")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_once"),
            models.CheckConstraint(condition=~Q(follower=F("followed")), name="follow_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.follower_id} follows {self.followed_id}"


class Block(models.Model):
    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="blocks_made")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="block_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
