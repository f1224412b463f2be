"""Moderators reshape discussions: split replies into a new topic, merge a topic into
another, silence a member.

Posts keep their rows (reactions, flags, revisions and links by id follow them); what
changes is their topic and number. Numbers stay dense (1..n) in every topic touched, so
"unread = highest − last read" keeps holding: each reader's position is recomputed as the
count of the posts they had read that are still before it, and a moved post that a
member had read counts as read where it lands. Renumbering goes through a large offset
first, so the unique (topic, number) constraint never sees two rows with one number
halfway through an UPDATE. Counters of the topics and categories touched are recounted
from the rows (a rare moderator action, unlike a reply, can afford the aggregates).
"""

from bisect import bisect_right

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Q, Sum, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.members.moderation.services import ModerationError, member_silence, silence_lift

from . import rules
from .enums import ModerationAction, PostStatus
from .models import Category, Post, Topic, TopicUser
from .services import ForumError, _log, _reindex_topic, _require_moderator, _unique_slug

OFFSET = 1_000_000


def _renumber(posts: list[Post], *, topic: Topic, start: int = 0) -> dict[int, int]:
    """Give `posts` (in order) the numbers start+1.. in `topic`; fix their reply links.
    Returns old number → new number."""
    if not posts:
        return {}
    old_to_new = {post.number: start + index for index, post in enumerate(posts, 1)}
    pks = [post.pk for post in posts]
    Post.objects.filter(pk__in=pks).update(number=Case(
        *[When(pk=post.pk, then=Value(OFFSET + start + index))
          for index, post in enumerate(posts, 1)], output_field=IntegerField()))
    Post.objects.filter(pk__in=pks).update(
        topic=topic,
        number=Case(*[When(pk=post.pk, then=Value(old_to_new[post.number])) for post in posts],
                    output_field=IntegerField()),
        reply_to_number=Case(
            *[When(pk=post.pk, then=Value(old_to_new.get(post.reply_to_number)))
              for post in posts if post.reply_to_number],
            default=Value(None), output_field=IntegerField()))
    return old_to_new


def _read_count(read_up_to: int, numbers: list[int]) -> int:
    """How many of the sorted `numbers` are at or before the reading position."""
    return bisect_right(numbers, read_up_to)


def _recount_topic(topic_id: int) -> None:
    shown = Post.objects.filter(topic_id=topic_id, status=PostStatus.PUBLISHED, hidden_reason="",
                                deleted_at__isnull=True)
    last = shown.order_by("-created_at", "-number").values("created_at", "author_id").first()
    topic = Topic.objects.get(pk=topic_id)
    first = Post.objects.filter(topic_id=topic_id, number=1).values_list("body", flat=True).first()
    Topic.objects.filter(pk=topic_id).update(
        post_count=shown.count(),
        highest_post_number=(Post.objects.filter(topic_id=topic_id)
                             .aggregate(n=Max("number"))["n"] or 0),
        last_post_at=last["created_at"] if last else topic.created_at,
        last_poster_id=last["author_id"] if last else topic.author_id,
        first_post_body=(first or "")[:20000])


def _recount_categories(*category_ids: int) -> None:
    for category_id in set(category_ids):
        totals = Topic.objects.filter(category_id=category_id, is_visible=True,
                                      deleted_at__isnull=True).aggregate(
            topics=Count("pk"), posts=Sum("post_count"), last=Max("last_post_at"))
        Category.objects.filter(pk=category_id).update(
            topic_count=totals["topics"], post_count=totals["posts"] or 0,
            last_post_at=totals["last"])


@transaction.atomic
def topic_split(*, moderator, topic: Topic, numbers, title: str, category: Category) -> Topic:
    """Move the chosen replies (never the first post) into a new topic in `category`,
    started by the author of the first of them, in their order."""
    _require_moderator(moderator)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    title = (title or "").strip()
    if not title:
        raise ForumError(_("Give the new topic a title."))
    wanted = sorted({int(number) for number in numbers if int(number) > 1})
    moving = list(Post.objects.filter(topic=topic, number__in=wanted).order_by("number"))
    if not moving:
        raise ForumError(_("Choose the replies to move (the first post stays)."))
    if topic.deleted_at:
        raise ForumError(_("Restore the topic before splitting it."))
    first = moving[0]
    new = Topic.objects.create(
        category=category, title=title[:200], slug=_unique_slug(title), author=first.author,
        created_at=first.created_at, last_post_at=first.created_at,
        last_poster_id=first.author_id, highest_post_number=0, post_count=0, is_visible=True,
        first_post_body=first.body[:20000])
    moved_numbers = [post.number for post in moving]
    _renumber(moving, topic=new)
    staying = list(Post.objects.filter(topic=topic).order_by("number").only("pk", "number",
                                                                            "reply_to_number"))
    staying_numbers = [post.number for post in staying]
    for post in staying:  # a reply to a moved post no longer points into this topic
        if post.reply_to_number in moved_numbers:
            post.reply_to_number = None
    Post.objects.filter(topic=topic, reply_to_number__in=moved_numbers).update(
        reply_to_number=None)
    _renumber(staying, topic=topic)
    if topic.accepted_post_id in {post.pk for post in moving}:
        Topic.objects.filter(pk=topic.pk).update(accepted_post=None)
    readers = list(TopicUser.objects.filter(topic=topic))
    copies = []
    for row in readers:
        read_moved = _read_count(row.last_read_number, moved_numbers)
        copies.append(TopicUser(user_id=row.user_id, topic=new, last_read_number=read_moved,
                                level=row.level, level_set=row.level_set))
        row.last_read_number = _read_count(row.last_read_number, staying_numbers)
    TopicUser.objects.bulk_update(readers, ["last_read_number"])
    TopicUser.objects.bulk_create(copies, ignore_conflicts=True)
    _recount_topic(topic.pk)
    _recount_topic(new.pk)
    _recount_categories(topic.category_id, category.pk)
    _log(moderator=moderator, action=ModerationAction.SPLIT, topic=new,
         note=_("%(count)s posts from “%(title)s” (topic %(id)s)") % {
             "count": len(moving), "title": topic.title, "id": topic.pk})
    new_id = new.pk
    transaction.on_commit(lambda: _reindex_topic(new_id))
    new.refresh_from_db()
    return new


@transaction.atomic
def topic_merge(*, moderator, source: Topic, target: Topic) -> Topic:
    """Append every post of `source` to `target`, in their order; `source` is withdrawn and
    its address leads to `target`."""
    _require_moderator(moderator)
    if source.pk == target.pk:
        raise ForumError(_("Choose another topic to merge into."))
    topics = {topic.pk: topic for topic in
              Topic.objects.select_for_update().filter(pk__in=[source.pk, target.pk])}
    source, target = topics[source.pk], topics[target.pk]
    if source.subject_key:
        raise ForumError(_("This topic is the discussion of a webinar: merge other topics "
                           "into it instead."))
    if source.deleted_at or target.deleted_at:
        raise ForumError(_("Deleted topics cannot be merged."))
    base = Post.objects.filter(topic=target).aggregate(n=Max("number"))["n"] or 0
    moving = list(Post.objects.filter(topic=source).order_by("number"))
    source_numbers = [post.number for post in moving]
    _renumber(moving, topic=target, start=base)
    target_rows = {row.user_id: row for row in TopicUser.objects.filter(topic=target)}
    changed, created = [], []
    for row in TopicUser.objects.filter(topic=source):
        read_moved = _read_count(row.last_read_number, source_numbers)
        mine = target_rows.get(row.user_id)
        if mine is None:
            created.append(TopicUser(user_id=row.user_id, topic=target, last_read_number=0,
                                     level=row.level, level_set=row.level_set))
        elif mine.last_read_number >= base and read_moved:
            mine.last_read_number = base + read_moved
            if not mine.level_set and row.level > mine.level:
                mine.level = row.level
            changed.append(mine)
    TopicUser.objects.bulk_update(changed, ["last_read_number", "level"])
    TopicUser.objects.bulk_create(created, ignore_conflicts=True)
    TopicUser.objects.filter(topic=source).delete()
    Topic.objects.filter(pk=source.pk).update(
        deleted_at=timezone.now(), merged_into=target, accepted_post=None, post_count=0,
        highest_post_number=0)
    if not target.accepted_post_id and source.accepted_post_id:
        Topic.objects.filter(pk=target.pk).update(accepted_post_id=source.accepted_post_id)
    _recount_topic(target.pk)
    _recount_categories(source.category_id, target.category_id)
    _log(moderator=moderator, action=ModerationAction.MERGE, topic=target,
         note=_("“%(title)s” (topic %(id)s, %(count)s posts) merged in") % {
             "title": source.title, "id": source.pk, "count": len(moving)})
    target.refresh_from_db()
    return target


@transaction.atomic
def member_silence_in_forum(*, moderator, member, days: int, note: str = ""):
    """Silence a member (the members app's tool) and record it in the forum's log."""
    _require_moderator(moderator)
    try:
        until = member_silence(moderator=moderator, member=member, days=days, note=note)
    except ModerationError as error:
        raise ForumError(str(error)) from None
    _log(moderator=moderator, action=ModerationAction.SILENCE,
         note=f"@{member.username} → {until:%Y-%m-%d %H:%M} UTC {note}".strip())
    return until


@transaction.atomic
def member_unsilence_in_forum(*, moderator, member) -> None:
    _require_moderator(moderator)
    silence_lift(member=member)
    _log(moderator=moderator, action=ModerationAction.UNSILENCE, note=f"@{member.username}")


def merge_candidates_q(user) -> Q:
    """Topics a moderator may merge into: readable, visible, not deleted."""
    return rules.readable_categories_q(user, "category__") & Q(deleted_at__isnull=True)
