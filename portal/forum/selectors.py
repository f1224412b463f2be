"""Reads of the forum: every list is one query (plus pagination's count), whatever its
length; a member's unread counts come from a join on their reading positions, never from
a query per topic."""

from datetime import timedelta

from django.db.models import (
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from portal.core.fragments import cached_value
from portal.members.rules import is_member

from . import apps_settings, rules
from .enums import NotificationLevel, PostStatus
from .models import Category, Post, PostReaction, Topic


def categories_for(user) -> QuerySet[Category]:
    return Category.objects.filter(rules.readable_categories_q(user))


def read_threshold(user):
    """Everything older than this counts as read for the member: the cut-off, or when they
    joined if later."""
    cutoff = timezone.now() - timedelta(days=apps_settings.unread_cutoff_days())
    joined = getattr(user, "date_joined", None)
    return max(cutoff, joined) if joined else cutoff


def topics_for(user) -> QuerySet[Topic]:
    """Topics the user may see in lists, with their category and last poster, and for a
    member `last_read` (None when never opened), `level` and `is_new`/`unread` flags."""
    topics = (Topic.objects.filter(rules.readable_categories_q(user, "category__"),
                                   is_visible=True, deleted_at__isnull=True)
              .select_related("category", "last_poster__profile", "author__profile"))
    if not is_member(user):
        return topics
    return topics.annotate(
        mine=FilteredRelation("readers", condition=Q(readers__user_id=user.pk)),
    ).annotate(
        last_read=F("mine__last_read_number"),
        level=Coalesce(F("mine__level"), Value(NotificationLevel.NORMAL),
                       output_field=IntegerField()),
    )


def decorate(topics, user) -> list[Topic]:
    """Derive the badges in Python from the annotated columns (no query)."""
    topics = list(topics)
    if not is_member(user):
        for topic in topics:
            topic.is_new = False
            topic.unread = 0
        return topics
    threshold = read_threshold(user)
    for topic in topics:
        last_read = getattr(topic, "last_read", None)
        if last_read is None:
            topic.is_new = topic.created_at > threshold
            topic.unread = 0
        else:
            topic.is_new = False
            topic.unread = (max(topic.highest_post_number - last_read, 0)
                            if topic.last_post_at > threshold
                            and topic.level >= NotificationLevel.TRACKING else 0)
    return topics


def latest_topics(user) -> QuerySet[Topic]:
    return topics_for(user).order_by("-last_post_at", "-pk")


def category_topics(user, category: Category) -> QuerySet[Topic]:
    return topics_for(user).filter(category=category).order_by("-is_pinned", "-last_post_at",
                                                              "-pk")


TOP_PERIODS = {"week": 7, "month": 30, "year": 365, "all": None}
REPLY_WEIGHT = 2  # a reply is worth two reactions: it took more than a click


def top_topics(user, period: str) -> QuerySet[Topic]:
    """Topics started in the period, most active first: replies and reactions on visible
    posts, in one query (reactions counted by a correlated subquery, not per row)."""
    days = TOP_PERIODS[period]
    reactions = (PostReaction.objects.filter(post__topic_id=OuterRef("pk"),
                                             post__status=PostStatus.PUBLISHED,
                                             post__hidden_reason="",
                                             post__deleted_at__isnull=True)
                 .order_by().values("post__topic_id").annotate(n=Count("pk")).values("n"))
    topics = topics_for(user)
    if days is not None:
        topics = topics.filter(created_at__gte=timezone.now() - timedelta(days=days))
    return topics.annotate(
        reaction_total=Coalesce(Subquery(reactions, output_field=IntegerField()), Value(0)),
    ).annotate(
        score=(Greatest(F("post_count") - 1, Value(0)) * REPLY_WEIGHT + F("reaction_total")),
    ).order_by("-score", "-last_post_at", "-pk")


def unread_topics(user) -> QuerySet[Topic]:
    """Topics the member tracks or watches with posts past their reading position, and new
    topics they never opened, within the cut-off."""
    threshold = read_threshold(user)
    return latest_topics(user).filter(last_post_at__gt=threshold).filter(
        Q(mine__last_read_number__lt=F("highest_post_number"),
          mine__level__gte=NotificationLevel.TRACKING)
        | Q(mine__id__isnull=True, created_at__gt=threshold))


def unread_total(user) -> int:
    if not is_member(user):
        return 0
    return unread_topics(user).count()


def topic_for(user, pk: int) -> Topic | None:
    # The row is kept per generation (any post or moderation renews it); who may read it is
    # checked here on every request.
    topic = cached_value("forum-topic", (pk,), lambda: Topic.objects.select_related(
        "category", "author__profile", "accepted_post__author__profile")
        .filter(pk=pk).first(), depends="forum")
    if topic is None or not rules.can_read_category(user, topic.category):
        return None
    if topic.deleted_at and not rules.is_forum_moderator(user):
        return None
    if not topic.is_visible and not (rules.is_forum_moderator(user)
                                     or (is_member(user) and topic.author_id == user.pk)):
        return None
    return topic


def posts_for(user, topic: Topic) -> QuerySet[Post]:
    """Posts of a topic the user may see: published ones, and for moderators everything,
    for an author their own pending posts. Hidden posts stay in place as a notice."""
    posts = Post.objects.filter(topic=topic).select_related("author__profile")
    if rules.is_forum_moderator(user):
        return posts.order_by("number")
    visible = Q(status=PostStatus.PUBLISHED, deleted_at__isnull=True)
    if is_member(user):
        visible |= Q(author_id=user.pk, deleted_at__isnull=True)
    return posts.filter(visible).order_by("number")


def reactions_for(posts, user) -> tuple[dict, dict]:
    """Counts per post and kind, and the kinds the user gave, in two queries."""
    ids = [post.pk for post in posts]
    counts: dict[int, dict[str, int]] = {}
    for row in (PostReaction.objects.filter(post_id__in=ids).values("post_id", "kind")
                .annotate(n=Count("pk"))):
        counts.setdefault(row["post_id"], {})[row["kind"]] = row["n"]
    mine: dict[int, set[str]] = {}
    if is_member(user):
        for post_id, kind in PostReaction.objects.filter(post_id__in=ids, user=user).values_list(
                "post_id", "kind"):
            mine.setdefault(post_id, set()).add(kind)
    return counts, mine


def page_of_number(user, topic: Topic, number: int) -> int:
    before = posts_for(user, topic).filter(number__lt=number).count()
    return before // apps_settings.page_size() + 1


def pending_posts() -> QuerySet[Post]:
    return (Post.objects.filter(status=PostStatus.PENDING, deleted_at__isnull=True)
            .select_related("topic__category", "author__profile").order_by("created_at"))


def hidden_posts() -> QuerySet[Post]:
    return (Post.objects.exclude(hidden_reason="").filter(deleted_at__isnull=True)
            .select_related("topic__category", "author__profile").order_by("-created_at"))


def public_posts_by(user_id: int, viewer, *, limit: int) -> QuerySet[Post]:
    return (Post.objects.filter(author_id=user_id, status=PostStatus.PUBLISHED, hidden_reason="",
                                deleted_at__isnull=True, topic__deleted_at__isnull=True,
                                topic__is_visible=True)
            .filter(rules.readable_categories_q(viewer, "topic__category__"))
            .select_related("topic").order_by("-created_at")[:limit])


def searchable_topics(user) -> QuerySet[Topic]:
    return Topic.objects.filter(rules.readable_categories_q(user, "category__"), is_visible=True,
                                deleted_at__isnull=True).select_related("category")


def topic_for_key(key: str) -> Topic | None:
    """The discussion topic another app created with `services.topic_for_object`."""
    return Topic.objects.filter(subject_key=key, is_visible=True, deleted_at__isnull=True).first()


MENTION_LIMIT = 8


def mention_suggestions(user, prefix: str, *, category: Category | None = None,
                        limit: int = MENTION_LIMIT) -> list[dict]:
    """Members the author may mention, by the start of their name or user name: profiles
    visible to the author, no block either way, not the author; in a restricted category
    only those who can read it. Two queries (blocks, then the profiles) whatever the
    number of matches."""
    from portal.members.models import Profile
    from portal.members.network.selectors import blocked_either_way_ids
    from portal.members.selectors import profiles_visible_to

    prefix = prefix.strip().lstrip("@")
    if not is_member(user) or not prefix:
        return []
    profiles = (profiles_visible_to(user).prefetch_related(None).select_related("user")
                .filter(Q(display_name__istartswith=prefix)
                        | Q(user__username__istartswith=prefix))
                .exclude(user_id__in=blocked_either_way_ids(user) | {user.pk}))
    if category is not None and category.read_group_id is not None:
        profiles = profiles.filter(Q(user__groups=category.read_group_id)
                                   | Q(user__groups__name="Moderators")
                                   | Q(user__is_superuser=True)).distinct()
    rows: list[Profile] = list(profiles.order_by("display_name", "pk")[:limit])
    return [{"username": profile.user.username, "name": profile.name} for profile in rows]


def link_cards(posts, *, user, hosts: set[str]) -> dict[int, list]:
    """Cards for the links to portal objects each post writes on a line of its own: one
    lookup per kind of object for the whole page (portal/core/link_cards.py)."""
    from portal.core.link_cards import cards_for_links, own_line_links

    links = {post.pk: own_line_links(post.body) for post in posts}
    cards = cards_for_links([link for found in links.values() for link in found], user=user,
                            hosts=hosts)
    return {pk: [cards[link] for link in dict.fromkeys(found) if link in cards]
            for pk, found in links.items()}
