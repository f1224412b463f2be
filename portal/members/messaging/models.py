from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAX_PARTICIPANTS = 10


class Conversation(models.Model):
    """A private conversation between 2 and MAX_PARTICIPANTS members. The last message's
    time, sender and a short preview are kept here so the list needs no per-row query."""

    subject = models.CharField(_("subject"), max_length=160, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_message_at = models.DateTimeField(db_index=True)
    last_sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    last_preview = models.CharField(max_length=160, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")

    def __str__(self) -> str:
        return self.subject or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("conversations:detail", kwargs={"pk": self.pk})


class Participant(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="conversation_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    last_read_at = models.DateTimeField(null=True, blank=True)
    unread = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["conversation", "user"],
                                               name="participant_once")]
        indexes = [models.Index(fields=["user", "left_at"], name="participant_inbox")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.conversation_id}"


class Message(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE,
                                     related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="messages_sent", verbose_name=_("sender"))
    body = models.TextField(_("message"), max_length=5000,
                            help_text=_("Markdown: **bold**, *italic*, [links](https://…), lists."))
    created_at = models.DateTimeField(_("sent"), db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_thread")]

    def __str__(self) -> str:
        return f"{self.sender_id} in {self.conversation_id}"
