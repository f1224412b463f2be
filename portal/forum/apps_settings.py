"""The forum's thresholds, each overridable in settings."""

from django.conf import settings


def get(name: str, default):
    return getattr(settings, name, default)


def page_size() -> int:
    return get("FORUM_POSTS_PER_PAGE", 20)


def flags_to_hide() -> int:
    return get("FORUM_FLAGS_TO_HIDE", 3)


def edit_grace_seconds() -> int:
    return get("FORUM_EDIT_GRACE_SECONDS", 300)


def unread_cutoff_days() -> int:
    return get("FORUM_UNREAD_CUTOFF_DAYS", 30)


def new_member_days() -> int:
    return get("FORUM_NEW_MEMBER_DAYS", 3)


def new_member_approved_posts() -> int:
    """A member's posts go to the approval queue until this many were approved."""
    return get("FORUM_NEW_MEMBER_APPROVED_POSTS", 2)


def rate_limit(new_member: bool) -> tuple[int, int]:
    """(posts, seconds) a member may write in a window."""
    if new_member:
        return get("FORUM_NEW_MEMBER_RATE", (3, 600))
    return get("FORUM_MEMBER_RATE", (20, 600))
