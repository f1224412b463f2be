"""Who may read, write and moderate in the forum: named predicates checked in views and
in services."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from portal.members.moderation.rules import can_speak as account_can_post
from portal.members.rules import is_member, is_moderator

from . import apps_settings


def group_ids(user) -> set[int]:
    if not is_member(user):
        return set()
    cached = getattr(user, "_forum_group_ids", None)
    if cached is None:
        cached = set(user.groups.values_list("pk", flat=True))
        user._forum_group_ids = cached
    return cached


def is_forum_moderator(user) -> bool:
    if not is_member(user):
        return False
    cached = getattr(user, "_forum_is_moderator", None)
    if cached is None:
        cached = is_moderator(user)
        user._forum_is_moderator = cached
    return cached


def forum_audience(user) -> tuple:
    """What decides which categories a member reads (see portal/core/audience.py)."""
    return is_forum_moderator(user), tuple(sorted(group_ids(user)))


def readable_categories_q(user, prefix: str = "") -> Q:
    """A filter on categories (or, with a prefix such as "category__", on what they hold)."""
    if is_forum_moderator(user):
        return Q()
    groups = group_ids(user)
    condition = Q(**{f"{prefix}read_group__isnull": True})
    if groups:
        condition |= Q(**{f"{prefix}read_group_id__in": groups})
    return condition


def can_read_category(user, category) -> bool:
    return (category.read_group_id is None or is_forum_moderator(user)
            or category.read_group_id in group_ids(user))


def can_start_topic(user, category) -> bool:
    if not (account_can_post(user) and can_read_category(user, category)):
        return False
    return not category.moderators_only or is_forum_moderator(user)


def can_reply(user, topic) -> bool:
    if is_forum_moderator(user) and account_can_post(user) and not topic.deleted_at:
        return True
    return account_can_post(user) and topic.accepts_replies


def can_see_post(user, post) -> bool:
    if post.is_shown:
        return True
    mine = is_member(user) and post.author_id == user.pk
    if post.deleted_at:
        return is_forum_moderator(user)
    return mine or is_forum_moderator(user)


def can_edit_post(user, post) -> bool:
    if not account_can_post(user) or post.deleted_at:
        return False
    if is_forum_moderator(user):
        return True
    return post.author_id == user.pk and not post.hidden_reason and not post.topic.is_locked


def can_delete_post(user, post) -> bool:
    return is_member(user) and (post.author_id == user.pk or is_forum_moderator(user))


def can_accept_answer(user, topic) -> bool:
    return is_member(user) and (topic.author_id == user.pk or is_forum_moderator(user))


def is_new_member(user) -> bool:
    """Recently joined and fewer than the threshold of approved posts."""
    if is_forum_moderator(user):
        return False
    from .enums import PostStatus
    from .models import Post

    joined = user.date_joined
    if joined and joined < timezone.now() - timedelta(days=apps_settings.new_member_days()):
        return False
    approved = Post.objects.filter(author=user, status=PostStatus.PUBLISHED).count()
    return approved < apps_settings.new_member_approved_posts()
