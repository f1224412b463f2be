"""A member's forum data: in their export, and on their profile's recent activity."""

from django.utils.translation import gettext as _

from portal.members.activity import ActivityItem

from .models import Post, TopicUser
from .selectors import public_posts_by


def export_forum(user) -> dict:
    posts = (Post.objects.filter(author=user).select_related("topic").order_by("created_at"))
    return {
        "posts": [{"topic": post.topic.title, "number": post.number, "body": post.body,
                   "created_at": post.created_at.isoformat(), "status": post.status,
                   "deleted": post.deleted_at is not None} for post in posts],
        "topics_followed": [
            {"topic": row.topic.title, "last_read_post": row.last_read_number,
             "notification_level": row.get_level_display()}
            for row in TopicUser.objects.filter(user=user).select_related("topic")],
    }


def profile_activity(*, profile, viewer, limit: int) -> list[ActivityItem]:
    return [ActivityItem(title=post.topic.title, url=post.get_absolute_url(),
                         when=post.created_at,
                         kind=_("Started a topic") if post.number == 1 else _("Replied"))
            for post in public_posts_by(profile.user_id, viewer, limit=limit)]
