from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    HARASSMENT = "harassment", _("Harassment or abuse")
    INAPPROPRIATE = "inappropriate", _("Inappropriate or offensive content")
    IMPERSONATION = "impersonation", _("Fake profile or impersonation")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("report status", "Open")
    DISMISSED = "dismissed", _("Dismissed")
    HIDDEN = "hidden", _("Content hidden")
    WARNED = "warned", _("Member warned")
    SILENCED = "silenced", _("Member silenced")
    SUSPENDED = "suspended", _("Member suspended")
    BANNED = "banned", _("Member banned")


class Report(models.Model):
    """A report in the one moderators' queue: about a member, a message, and later forum
    posts and submissions (any model, through `target`). `excerpt` keeps what was reported
    as it was, so a reported private message is shown to moderators with the report only,
    never through its conversation."""

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+", verbose_name=_("reported by"))
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="reports_about", verbose_name=_("reported member"))
    target_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    area = models.CharField(_("area"), max_length=32, default="member")
    url = models.CharField(_("address"), max_length=500, blank=True)
    excerpt = models.TextField(_("reported content"), blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    details = models.TextField(_("details"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices,
                              default=ReportStatus.OPEN, db_index=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("handled by"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    note = models.TextField(_("note to the member"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["reporter", "member", "target_type", "target_id"],
            condition=Q(status="open"), name="report_open_once")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.area})"
