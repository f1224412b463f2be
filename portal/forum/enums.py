from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationLevel(models.IntegerChoices):
    """Discourse's four levels: watching tells of every reply, tracking shows unread
    counts and tells of replies to you, normal tells of mentions and direct replies,
    muted tells nothing."""

    MUTED = 0, _("Muted")
    NORMAL = 1, _("Normal")
    TRACKING = 2, _("Tracking")
    WATCHING = 3, _("Watching")


class PostStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    PENDING = "pending", _("Awaiting approval")


class HiddenReason(models.TextChoices):
    NONE = "", _("Not hidden")
    FLAGS = "flags", _("Flagged by members")
    MODERATOR = "moderator", _("Hidden by a moderator")


class Reaction(models.TextChoices):
    """A small fixed set: no free emoji picker to moderate."""

    LIKE = "like", _("Like")
    THANKS = "thanks", _("Thanks")
    INSIGHTFUL = "insightful", _("Insightful")
    AGREE = "agree", _("Agree")


REACTION_SYMBOLS = {"like": "👍", "thanks": "🙏", "insightful": "💡", "agree": "✅"}


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hid a post")
    UNHIDE = "unhide", _("Restored a hidden post")
    APPROVE = "approve", _("Approved a post")
    REJECT = "reject", _("Rejected a post")
    EDIT = "edit", _("Edited a post")
    DELETE = "delete", _("Deleted a post")
    RESTORE = "restore", _("Restored a deleted post")
    LOCK = "lock", _("Locked a topic")
    UNLOCK = "unlock", _("Unlocked a topic")
    PIN = "pin", _("Pinned a topic")
    UNPIN = "unpin", _("Unpinned a topic")
    CLOSE = "close", _("Closed a topic")
    OPEN = "open", _("Reopened a topic")
    MOVE = "move", _("Moved a topic")
    SPLIT = "split", _("Split replies into a new topic")
    MERGE = "merge", _("Merged a topic into another")
    SILENCE = "silence", _("Silenced a member")
    UNSILENCE = "unsilence", _("Lifted a member's silence")
