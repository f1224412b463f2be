from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from portal.forum import services
from portal.forum.models import Category
from tests.factories.members import member

_counter = iter(range(1, 10**6))


def category(**fields) -> Category:
    n = next(_counter)
    defaults = {"name": f"Category {n}", "slug": f"category-{n}", "colour": "#1f4e79"}
    defaults.update(fields)
    return Category.objects.create(**defaults)


def established(**profile_fields):
    """A member who joined weeks ago: past the new-member approval queue."""
    user = member(**profile_fields)
    user.date_joined = timezone.now() - timedelta(days=60)
    user.save(update_fields=["date_joined"])
    return user


def newcomer(**profile_fields):
    user = member(**profile_fields)
    user.date_joined = timezone.now() - timedelta(hours=1)
    user.save(update_fields=["date_joined"])
    return user


def moderator(**profile_fields):
    user = established(**profile_fields)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def topic(*, author=None, cat=None, title="A question on skills recognition",
          body="How do you recognise prior learning?", replies=0, repliers=None):
    author = author or established()
    cat = cat or category()
    created = services.topic_create(author=author, category=cat, title=title, body=body,
                                    check_rate=False)
    for index in range(replies):
        replier = repliers[index % len(repliers)] if repliers else author
        services.post_create(author=replier, topic=created, body=f"Reply {index + 1}",
                             check_rate=False)
    created.refresh_from_db()
    return created
