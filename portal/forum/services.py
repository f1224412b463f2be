"""Writes of the forum.

Counters (posts and topics per category, posts per topic, the highest post number) are
stored and moved here, by the number of rows a guarded change really touched, so lists
read them instead of counting. A post gets its number from an UPDATE on its topic's
`highest_post_number` inside the transaction: the row lock (or SQLite's write lock) makes
two replies at once take two numbers. A member's reading position only moves forward, in
one UPDATE guarded by `last_read_number < n`.

Only published, unhidden, undeleted posts count; every change of that state goes through
`_shown_delta`. Notifications go through the members' centre (`notify`), inside the
transaction, so a rolled-back reply tells nobody.
"""

import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.core import throttle
from portal.core.i18n import written_language
from portal.members.moderation.rules import ensure_can_speak
from portal.members.notifications import notify

from . import apps_settings, rules
from .enums import HiddenReason, ModerationAction, NotificationLevel, PostStatus, Reaction
from .models import (
    Category,
    Flag,
    ModerationLog,
    Post,
    PostReaction,
    PostRevision,
    Topic,
    TopicUser,
)

MENTION_RE = re.compile(r"(?<![\w@/])@([A-Za-z0-9_.+-]{2,150})")
MAX_MENTIONS = 10
WEBINARS_CATEGORY_SLUG = "webinars"


class ForumError(Exception):
    """A write the rules refuse; the message is safe to show."""


def _log(*, moderator, action: str, topic=None, post=None, note: str = "") -> None:
    ModerationLog.objects.create(moderator=moderator, action=action, topic=topic, post=post,
                                 note=note[:500])


def _require_moderator(user) -> None:
    if not rules.is_forum_moderator(user):
        raise ForumError(_("Only moderators can do this."))


def _shown_delta(post: Post, delta: int, *, at=None) -> None:
    """A post started (+1) or stopped (-1) counting."""
    if delta == 0:
        return
    Topic.objects.filter(pk=post.topic_id).update(post_count=Greatest(F("post_count") + delta, 0))
    Category.objects.filter(pk=post.topic.category_id).update(
        post_count=Greatest(F("post_count") + delta, 0))
    if delta > 0 and at is not None:
        Topic.objects.filter(pk=post.topic_id).update(last_post_at=Greatest(F("last_post_at"), at),
                                                      last_poster_id=post.author_id)
        Category.objects.filter(pk=post.topic.category_id).update(last_post_at=at)


def _topic_visible_delta(topic: Topic, delta: int) -> None:
    Category.objects.filter(pk=topic.category_id).update(
        topic_count=Greatest(F("topic_count") + delta, 0))


def _check_rate(user) -> None:
    limit, period = apps_settings.rate_limit(rules.is_new_member(user))
    if not throttle.allow(f"forum-post:{user.pk}", limit=limit, period=period):
        minutes = max(period // 60, 1)
        raise ForumError(_("You are posting too fast: at most %(count)s posts in %(minutes)s "
                           "minutes. Your text is kept below; try again in a few minutes.")
                         % {"count": limit, "minutes": minutes})


def _ensure_writer(user) -> None:
    try:
        ensure_can_speak(user)
    except PermissionError as error:
        raise ForumError(str(error)) from None
    if not rules.is_member(user):
        raise ForumError(_("Sign in to post."))


def _set_level(user, topic: Topic, level: int, *, chosen: bool, only_raise: bool = False) -> None:
    """Store a notification level; automatic changes never lower or override a choice."""
    row, created = TopicUser.objects.get_or_create(user=user, topic=topic,
                                                   defaults={"level": level, "level_set": chosen})
    if created:
        return
    if chosen:
        TopicUser.objects.filter(pk=row.pk).update(level=level, level_set=True)
    elif not row.level_set and (not only_raise or level > row.level):
        TopicUser.objects.filter(pk=row.pk).update(level=level)


def _unique_slug(title: str) -> str:
    return (slugify(title)[:180] or "topic")


@transaction.atomic
def topic_create(*, author, category: Category, title: str, body: str, at=None,
                 subject_key: str = "", check_rate: bool = True) -> Topic:
    """Start a topic with its first post. A new member's first posts wait for approval,
    and the topic with them."""
    _ensure_writer(author)
    if not rules.can_start_topic(author, category):
        raise ForumError(_("You cannot start a topic in this category."))
    title = title.strip()
    if not title or not body.strip():
        raise ForumError(_("Write a title and a message."))
    if check_rate:
        _check_rate(author)
    at = at or timezone.now()
    pending = rules.is_new_member(author)
    topic = Topic.objects.create(
        category=category, title=title[:200], slug=_unique_slug(title), author=author,
        created_at=at, last_post_at=at, last_poster=author, highest_post_number=1,
        post_count=0, is_visible=not pending, subject_key=subject_key,
        first_post_body=body[:20000])
    post = Post.objects.create(topic=topic, number=1, author=author, body=body, created_at=at,
                               status=PostStatus.PENDING if pending else PostStatus.PUBLISHED,
                               language=written_language())
    post.topic = topic
    if not pending:
        _topic_visible_delta(topic, 1)
        _shown_delta(post, 1, at=at)
    _set_level(author, topic, NotificationLevel.WATCHING, chosen=False)
    TopicUser.objects.filter(user=author, topic=topic).update(last_read_number=1)
    if not pending:
        _notify_mentions(post)
    topic.refresh_from_db()
    return topic


@transaction.atomic
def post_create(*, author, topic: Topic, body: str, reply_to_number: int | None = None,
                at=None, check_rate: bool = True) -> Post:
    _ensure_writer(author)
    topic = Topic.objects.select_related("category").get(pk=topic.pk)
    if not rules.can_read_category(author, topic.category) or not topic.is_visible:
        raise ForumError(_("You cannot reply in this topic."))
    if not rules.can_reply(author, topic):
        raise ForumError(_("This topic no longer accepts replies."))
    if not body.strip():
        raise ForumError(_("Write a message."))
    if check_rate:
        _check_rate(author)
    at = at or timezone.now()
    Topic.objects.filter(pk=topic.pk).update(highest_post_number=F("highest_post_number") + 1)
    number = Topic.objects.filter(pk=topic.pk).values_list("highest_post_number", flat=True).get()
    if reply_to_number is not None and not (1 <= reply_to_number < number):
        reply_to_number = None
    pending = rules.is_new_member(author)
    post = Post.objects.create(topic=topic, number=number, author=author, body=body,
                               created_at=at, reply_to_number=reply_to_number,
                               status=PostStatus.PENDING if pending else PostStatus.PUBLISHED,
                               language=written_language())
    post.topic = topic
    _set_level(author, topic, NotificationLevel.TRACKING, chosen=False, only_raise=True)
    read_position_advance(user=author, topic=topic, number=number)
    if not pending:
        _shown_delta(post, 1, at=at)
        _notify_reply(post)
    return post


def _mentioned_users(post: Post) -> list:
    names = list(dict.fromkeys(name.rstrip(".-") for name in MENTION_RE.findall(post.body)))
    names = names[:MAX_MENTIONS]
    if not names:
        return []
    from portal.members.network.selectors import can_mention

    users = get_user_model().objects.filter(username__in=names, is_active=True).select_related(
        "profile")
    return [user for user in users if user.pk != post.author_id and can_mention(post.author, user)
            and rules.can_read_category(user, post.topic.category)]


def _levels(topic: Topic, user_ids=None) -> dict[int, int]:
    rows = TopicUser.objects.filter(topic=topic)
    if user_ids is not None:
        rows = rows.filter(user_id__in=user_ids)
    return dict(rows.values_list("user_id", "level"))


def _post_notice(post: Post, *, recipient, verb: str) -> None:
    notify(recipient=recipient, verb=verb, actor=post.author, target=post.topic,
           url=post.get_absolute_url(), title=post.topic.title)


def _notify_mentions(post: Post) -> set[int]:
    told = set()
    mentioned = _mentioned_users(post)
    levels = _levels(post.topic, [user.pk for user in mentioned])
    for user in mentioned:
        if levels.get(user.pk, NotificationLevel.NORMAL) == NotificationLevel.MUTED:
            continue
        _post_notice(post, recipient=user, verb="forum.mention")
        told.add(user.pk)
    return told


def _notify_reply(post: Post) -> None:
    """Each member hears once of a post: a mention, else a reply to their own post, else
    a new reply in a topic they watch."""
    told = _notify_mentions(post) | {post.author_id}
    topic = post.topic
    if post.reply_to_number:
        replied = (Post.objects.filter(topic=topic, number=post.reply_to_number)
                   .select_related("author").first())
        if replied and replied.author and replied.author_id not in told:
            level = _levels(topic, [replied.author_id]).get(replied.author_id,
                                                            NotificationLevel.NORMAL)
            if level != NotificationLevel.MUTED and rules.can_read_category(replied.author,
                                                                            topic.category):
                _post_notice(post, recipient=replied.author, verb="forum.replied")
                told.add(replied.author_id)
    watchers = (TopicUser.objects.filter(topic=topic, level=NotificationLevel.WATCHING)
                .exclude(user_id__in=told).select_related("user"))
    for row in watchers:
        if rules.can_read_category(row.user, topic.category):
            _post_notice(post, recipient=row.user, verb="forum.reply")


def read_position_advance(*, user, topic: Topic, number: int) -> None:
    """Move the member's last read post forward (never back), creating the row once."""
    if not rules.is_member(user) or number <= 0:
        return
    moved = TopicUser.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
        last_read_number=number)
    if moved:
        return
    if TopicUser.objects.filter(user=user, topic=topic).exists():
        return
    try:
        with transaction.atomic():
            TopicUser.objects.create(user=user, topic=topic, last_read_number=number)
    except IntegrityError:  # created by another tab meanwhile
        TopicUser.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
            last_read_number=number)


@transaction.atomic
def topic_set_level(*, user, topic: Topic, level: int) -> None:
    if level not in NotificationLevel.values:
        raise ForumError(_("Choose how you want to be notified."))
    _set_level(user, topic, level, chosen=True)


@transaction.atomic
def post_edit(*, editor, post: Post, body: str, at=None) -> Post:
    """Edits within the grace period replace the text; later ones keep the old text as a
    revision, shown as the post's history."""
    _ensure_writer(editor)
    if not rules.can_edit_post(editor, post):
        raise ForumError(_("You cannot edit this post."))
    if not body.strip():
        raise ForumError(_("Write a message."))
    if body == post.body:
        return post
    at = at or timezone.now()
    if at - post.created_at > timedelta(seconds=apps_settings.edit_grace_seconds()):
        PostRevision.objects.create(post=post, body=post.body, editor=editor,
                                    created_at=post.edited_at or post.created_at)
        post.edit_count += 1
        post.edited_at = at
    post.body = body
    post.save(update_fields=["body", "edit_count", "edited_at"])
    if post.number == 1:
        Topic.objects.filter(pk=post.topic_id).update(first_post_body=body[:20000])
        topic_id = post.topic_id
        transaction.on_commit(lambda: _reindex_topic(topic_id))
    if editor.pk != post.author_id:
        _log(moderator=editor, action=ModerationAction.EDIT, post=post, topic=post.topic)
    return post


def _reindex_topic(topic_id: int) -> None:
    from wagtail.search import index as search_index

    topic = Topic.objects.filter(pk=topic_id).first()
    if topic is not None:
        search_index.insert_or_update_object(topic)


@transaction.atomic
def post_delete(*, user, post: Post, at=None) -> None:
    """Soft delete: the text stays for moderators and can be restored. Deleting the first
    post deletes the topic."""
    if not rules.can_delete_post(user, post):
        raise ForumError(_("You cannot delete this post."))
    at = at or timezone.now()
    was_shown = post.is_shown
    if not Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(deleted_at=at,
                                                                             deleted_by=user):
        return
    post.deleted_at = at
    post.deleted_by = user
    if was_shown:
        _shown_delta(post, -1)
    topic = post.topic
    if post.number == 1 and Topic.objects.filter(pk=topic.pk, deleted_at__isnull=True).update(
            deleted_at=at):
        topic.deleted_at = at
        if topic.is_visible:
            _topic_visible_delta(topic, -1)
    if user.pk != post.author_id:
        _log(moderator=user, action=ModerationAction.DELETE, post=post, topic=topic)


@transaction.atomic
def post_restore(*, user, post: Post) -> None:
    if not (rules.is_forum_moderator(user) or (post.author_id == user.pk
                                               and post.deleted_by_id == user.pk)):
        raise ForumError(_("You cannot restore this post."))
    if not Post.objects.filter(pk=post.pk, deleted_at__isnull=False).update(deleted_at=None,
                                                                              deleted_by=None):
        return
    post.deleted_at = None
    post.deleted_by = None
    if post.is_shown:
        _shown_delta(post, 1)
    topic = post.topic
    if post.number == 1 and Topic.objects.filter(pk=topic.pk, deleted_at__isnull=False).update(
            deleted_at=None):
        topic.deleted_at = None
        if topic.is_visible:
            _topic_visible_delta(topic, 1)
    if user.pk != post.author_id:
        _log(moderator=user, action=ModerationAction.RESTORE, post=post, topic=topic)


@transaction.atomic
def post_flag(*, user, post: Post, reason: str, details: str = ""):
    """A member flags a post: a report in the shared queue, and once enough members
    flagged it, the post is hidden until a moderator reviews it."""
    from portal.members.moderation.services import ModerationError, report_create

    _ensure_writer(user)
    if post.author_id is None:
        raise ForumError(_("This member's account no longer exists."))
    if not rules.can_see_post(user, post):
        raise ForumError(_("You cannot flag this post."))
    try:
        report = report_create(reporter=user, member=post.author, reason=reason, details=details,
                               target=post, area="forum", excerpt=post.body,
                               url=post.get_absolute_url())
    except ModerationError as error:
        raise ForumError(str(error)) from None
    try:
        with transaction.atomic():
            Flag.objects.create(post=post, user=user, reason=reason)
    except IntegrityError:
        return report
    Post.objects.filter(pk=post.pk).update(flag_count=F("flag_count") + 1)
    post.refresh_from_db(fields=["flag_count", "hidden_reason"])
    if post.flag_count >= apps_settings.flags_to_hide() and not post.hidden_reason:
        was_shown = post.is_shown
        if Post.objects.filter(pk=post.pk, hidden_reason="").update(
                hidden_reason=HiddenReason.FLAGS):
            post.hidden_reason = HiddenReason.FLAGS
            if was_shown:
                _shown_delta(post, -1)
    return report


@transaction.atomic
def post_hide(*, moderator, post: Post, note: str = "") -> None:
    _require_moderator(moderator)
    was_shown = post.is_shown
    note = note.strip()[:500]
    if Post.objects.filter(pk=post.pk).exclude(hidden_reason=HiddenReason.MODERATOR).update(
            hidden_reason=HiddenReason.MODERATOR, hidden_note=note):
        post.hidden_reason = HiddenReason.MODERATOR
        post.hidden_note = note
        if was_shown:
            _shown_delta(post, -1)
        _log(moderator=moderator, action=ModerationAction.HIDE, post=post, topic=post.topic,
             note=note)


@transaction.atomic
def post_unhide(*, moderator, post: Post, note: str = "") -> None:
    """Reviewed: shown again, and the flags so far no longer count towards hiding it."""
    _require_moderator(moderator)
    if Post.objects.filter(pk=post.pk).exclude(hidden_reason="").update(
            hidden_reason="", hidden_note="", flag_count=0):
        post.hidden_reason = ""
        post.hidden_note = ""
        if post.is_shown:
            _shown_delta(post, 1)
        _log(moderator=moderator, action=ModerationAction.UNHIDE, post=post, topic=post.topic,
             note=note)


@transaction.atomic
def post_approve(*, moderator, post: Post) -> None:
    _require_moderator(moderator)
    if not Post.objects.filter(pk=post.pk, status=PostStatus.PENDING).update(
            status=PostStatus.PUBLISHED):
        return
    post.status = PostStatus.PUBLISHED
    topic = post.topic
    if post.number == 1 and not topic.is_visible:
        Topic.objects.filter(pk=topic.pk).update(is_visible=True)
        topic.is_visible = True
        if topic.deleted_at is None:
            _topic_visible_delta(topic, 1)
    if post.is_shown:
        _shown_delta(post, 1, at=post.created_at)
    _log(moderator=moderator, action=ModerationAction.APPROVE, post=post, topic=topic)
    if post.number == 1:
        _notify_mentions(post)
    else:
        _notify_reply(post)


@transaction.atomic
def post_reject(*, moderator, post: Post, note: str = "") -> None:
    _require_moderator(moderator)
    if post.status != PostStatus.PENDING:
        return
    post_delete(user=moderator, post=post)
    _log(moderator=moderator, action=ModerationAction.REJECT, post=post, topic=post.topic,
         note=note)


def _topic_flag(moderator, topic: Topic, field: str, value: bool, action: str) -> bool:
    _require_moderator(moderator)
    changed = Topic.objects.filter(pk=topic.pk).exclude(**{field: value}).update(**{field: value})
    if changed:
        setattr(topic, field, value)
        _log(moderator=moderator, action=action, topic=topic)
    return bool(changed)


@transaction.atomic
def topic_lock(*, moderator, topic: Topic) -> bool:
    return _topic_flag(moderator, topic, "is_locked", True, ModerationAction.LOCK)


@transaction.atomic
def topic_unlock(*, moderator, topic: Topic) -> bool:
    return _topic_flag(moderator, topic, "is_locked", False, ModerationAction.UNLOCK)


@transaction.atomic
def topic_pin(*, moderator, topic: Topic) -> bool:
    return _topic_flag(moderator, topic, "is_pinned", True, ModerationAction.PIN)


@transaction.atomic
def topic_unpin(*, moderator, topic: Topic) -> bool:
    return _topic_flag(moderator, topic, "is_pinned", False, ModerationAction.UNPIN)


@transaction.atomic
def topic_close(*, moderator, topic: Topic) -> bool:
    return _topic_flag(moderator, topic, "is_closed", True, ModerationAction.CLOSE)


@transaction.atomic
def topic_open(*, moderator, topic: Topic) -> bool:
    return _topic_flag(moderator, topic, "is_closed", False, ModerationAction.OPEN)


@transaction.atomic
def topic_move(*, moderator, topic: Topic, category: Category) -> bool:
    _require_moderator(moderator)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if topic.category_id == category.pk:
        return False
    old = topic.category
    counted = topic.is_visible and topic.deleted_at is None
    Topic.objects.filter(pk=topic.pk).update(category=category)
    if counted:
        Category.objects.filter(pk=old.pk).update(
            topic_count=Greatest(F("topic_count") - 1, 0),
            post_count=Greatest(F("post_count") - topic.post_count, 0))
        Category.objects.filter(pk=category.pk).update(
            topic_count=F("topic_count") + 1, post_count=F("post_count") + topic.post_count,
            last_post_at=Greatest(F("last_post_at"), topic.last_post_at))
    _log(moderator=moderator, action=ModerationAction.MOVE, topic=topic,
         note=f"{old.slug} → {category.slug}")
    return True


@transaction.atomic
def reaction_toggle(*, user, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if already given; True when it is now on."""
    _ensure_writer(user)
    if kind not in Reaction.values:
        raise ForumError(_("Unknown reaction."))
    if post.author_id == user.pk:
        raise ForumError(_("You cannot react to your own post."))
    if not post.is_shown:
        raise ForumError(_("You cannot react to this post."))
    deleted, _rows = PostReaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            PostReaction.objects.create(post=post, user=user, kind=kind)
    except IntegrityError:
        pass
    return True


@transaction.atomic
def answer_accept(*, user, topic: Topic, post: Post) -> None:
    if not rules.can_accept_answer(user, topic):
        raise ForumError(_("Only the topic's author or a moderator can accept an answer."))
    if post.topic_id != topic.pk or post.number == 1 or not post.is_shown:
        raise ForumError(_("This post cannot be the accepted answer."))
    Topic.objects.filter(pk=topic.pk).update(accepted_post=post)
    topic.accepted_post = post
    if post.author and post.author_id != user.pk:
        notify(recipient=post.author, verb="forum.accepted", actor=user, target=topic,
               url=post.get_absolute_url(), title=topic.title)


@transaction.atomic
def answer_unaccept(*, user, topic: Topic) -> None:
    if not rules.can_accept_answer(user, topic):
        raise ForumError(_("Only the topic's author or a moderator can accept an answer."))
    Topic.objects.filter(pk=topic.pk).update(accepted_post=None)
    topic.accepted_post = None


def webinars_category() -> Category:
    category, _created = Category.objects.get_or_create(
        slug=WEBINARS_CATEGORY_SLUG,
        defaults={"name": "Webinars", "name_fr": "Webinaires", "order": 40,
                  "description": "The discussion of each webinar, before and after the event.",
                  "description_fr": "La discussion de chaque webinaire, avant et après "
                                    "l'événement.",
                  "moderators_only": True})
    return category


@transaction.atomic
def topic_for_object(*, key: str, title: str, body: str, author=None,
                     category_slug: str = WEBINARS_CATEGORY_SLUG) -> Topic:
    """The discussion topic of something another app owns (a webinar), created once for
    its key (e.g. "webinar:12"). The forum knows nothing of what the key names."""
    existing = Topic.objects.filter(subject_key=key).first()
    if existing is not None:
        return existing
    category = (webinars_category() if category_slug == WEBINARS_CATEGORY_SLUG
                else Category.objects.get(slug=category_slug))
    at = timezone.now()
    topic = Topic.objects.create(
        category=category, title=title[:200], slug=_unique_slug(title), author=author,
        created_at=at, last_post_at=at, last_poster=author, highest_post_number=1,
        is_visible=True, subject_key=key, first_post_body=body[:20000])
    post = Post.objects.create(topic=topic, number=1, author=author, body=body, created_at=at)
    post.topic = topic
    _topic_visible_delta(topic, 1)
    _shown_delta(post, 1, at=at)
    return topic


@transaction.atomic
def topic_for_object_set_visible(*, key: str, visible: bool) -> bool:
    """Show or withdraw the topic of `key` (e.g. its webinar became members-only): a
    withdrawn topic leaves lists, search and the sitemap, and keeps its posts."""
    topic = Topic.objects.filter(subject_key=key).first()
    if topic is None or not Topic.objects.filter(pk=topic.pk, is_visible=not visible).update(
            is_visible=visible):
        return False
    if topic.deleted_at is None:
        sign = 1 if visible else -1
        _topic_visible_delta(topic, sign)
        Category.objects.filter(pk=topic.category_id).update(
            post_count=Greatest(F("post_count") + sign * topic.post_count, 0))
    return True


def erase_for_user(user) -> None:
    """What the forum keeps about a member beyond their posts (which stay, signed by a
    former member): reading positions, flags given, reactions."""
    TopicUser.objects.filter(user=user).delete()
    Flag.objects.filter(user=user).delete()
    PostReaction.objects.filter(user=user).delete()
