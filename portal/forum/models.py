"""Categories, topics and posts, with the counters the lists read instead of counting rows
(kept right by services.py), and each member's reading position per topic."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .enums import HiddenReason, ModerationAction, NotificationLevel, PostStatus, Reaction

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour such as #1f6f8b."))


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of white text on the colour."""
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return 1.05 / (luminance + 0.05)


def validate_dark_colour(colour: str) -> None:
    from django.core.exceptions import ValidationError

    if len(colour) == 7 and colour.startswith("#") and contrast_with_white(colour) < 4.5:
        raise ValidationError(_("Choose a darker colour: white text on it must be readable "
                                "(contrast of at least 4.5:1)."))


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    description_fr = models.TextField(_("description in French"), max_length=1000, blank=True)
    colour = models.CharField(_("colour"), max_length=7, default="#1f6f8b",
                              validators=[colour_validator, validate_dark_colour],
                              help_text=_("A dark colour: white text is written on it."))
    order = models.PositiveIntegerField(_("order"), default=100)
    read_group = models.ForeignKey(
        "auth.Group", verbose_name=_("readable only by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Leave empty for a category every visitor can read."))
    moderators_only = models.BooleanField(
        _("only moderators start topics"), default=False,
        help_text=_("Members may still reply, e.g. in announcements."))
    topic_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_post_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("forum:category", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        if translation.get_language() == "fr" and self.name_fr:
            return self.name_fr
        return self.name

    @property
    def display_description(self) -> str:
        if translation.get_language() == "fr" and self.description_fr:
            return self.description_fr
        return self.description

    @property
    def is_public(self) -> bool:
        return self.read_group_id is None



class Topic(index.Indexed, models.Model):
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="topics")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=200, allow_unicode=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="forum_topics")
    created_at = models.DateTimeField(db_index=True)
    last_post_at = models.DateTimeField(db_index=True)
    last_poster = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    highest_post_number = models.PositiveIntegerField(default=0)
    post_count = models.PositiveIntegerField(default=0)  # published, visible posts
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_closed = models.BooleanField(_("closed"), default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_visible = models.BooleanField(default=True)  # false while its first post awaits approval
    accepted_post = models.ForeignKey("Post", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    # Set when a moderator merged this topic into another: its address leads there.
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # What the topic discusses when another app owns it (a webinar): see topic_for_object.
    subject_key = models.CharField(max_length=100, blank=True, default="")
    first_post_body = models.TextField(blank=True, default="")  # for the search index

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("first_post_body"),
        index.AutocompleteField("title"),
        index.FilterField("category_id"),
        index.FilterField("is_visible"),
    ]

    class Meta:
        ordering = ["-last_post_at"]
        verbose_name = _("forum topic")
        verbose_name_plural = _("forum topics")
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_post_at"],
                                name="forum_topic_category_list")]
        constraints = [models.UniqueConstraint(
            fields=["subject_key"], condition=~models.Q(subject_key=""),
            name="forum_topic_one_per_subject")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:topic", kwargs={"slug": self.slug or "t", "pk": self.pk})

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)

    @property
    def accepts_replies(self) -> bool:
        return not (self.is_locked or self.is_closed or self.deleted_at)


class Post(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="forum_posts")
    body = models.TextField(_("message"), max_length=20000)
    # The language the member wrote in (the interface's when they posted); "" if unknown.
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    reply_to_number = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=PostStatus.choices,
                              default=PostStatus.PUBLISHED)
    hidden_reason = models.CharField(max_length=12, choices=HiddenReason.choices, blank=True,
                                     default="")
    hidden_note = models.CharField(max_length=500, blank=True, default="")  # shown to the author
    flag_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    edit_count = models.PositiveIntegerField(default=0)
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["topic", "number"]
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        constraints = [models.UniqueConstraint(fields=["topic", "number"],
                                               name="forum_post_number_unique")]

    def __str__(self) -> str:
        return f"{self.topic_id}#{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("forum:post", kwargs={"pk": self.pk})

    @property
    def is_shown(self) -> bool:
        """Counted and shown to everyone."""
        return self.status == PostStatus.PUBLISHED and not self.hidden_reason and not self.deleted_at


def image_path(instance, filename: str) -> str:
    import uuid

    from django.utils import timezone

    extension = filename.rsplit(".", 1)[-1].lower()
    return f"forum/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class PostImage(models.Model):
    """A picture a member uploaded for a post: checked, re-encoded and reduced
    (images.py); the post shows it through Markdown."""

    uploader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                 related_name="forum_images")
    file = models.FileField(upload_to=image_path, max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file.name


class PostRevision(models.Model):
    """The text before an edit made after the grace period."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.post_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class TopicUser(models.Model):
    """One row per member and topic: how far they read and how they want to hear of it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_topic_states")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="readers")
    last_read_number = models.PositiveIntegerField(default=0)
    level = models.PositiveSmallIntegerField(choices=NotificationLevel.choices,
                                             default=NotificationLevel.NORMAL)
    level_set = models.BooleanField(default=False)  # chosen by the member: no automatic change

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "topic"],
                                               name="forum_topic_user_unique")]
        indexes = [models.Index(fields=["user", "level"], name="forum_topicuser_level")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.topic_id}: {self.last_read_number}"


class Flag(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"],
                                               name="forum_flag_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}"


class PostReaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=Reaction.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"],
                                               name="forum_reaction_once")]

    def __str__(self) -> str:
        return f"{self.kind} by {self.user_id} on {self.post_id}"


class ModerationLog(models.Model):
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("moderator"))
    action = models.CharField(_("action"), max_length=16, choices=ModerationAction.choices)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("topic"))
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("post"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("forum moderation entry")
        verbose_name_plural = _("forum moderation log")

    def __str__(self) -> str:
        return self.get_action_display()
