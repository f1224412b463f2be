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


def image_max_bytes() -> int:
    return get("FORUM_IMAGE_MAX_BYTES", 5 * 1024 * 1024)


def image_max_side() -> int:
    """Longer side, in pixels, an uploaded image is reduced to."""
    return get("FORUM_IMAGE_MAX_SIDE", 1600)


def image_rate(new_member: bool) -> tuple[int, int]:
    """(images, seconds) a member may upload in a window."""
    if new_member:
        return get("FORUM_NEW_MEMBER_IMAGE_RATE", (3, 86400))
    return get("FORUM_MEMBER_IMAGE_RATE", (30, 86400))
