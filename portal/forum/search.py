"""How forum topics appear in the site search (only those in categories the user reads)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.search.registry import HitDescription, SearchArea, when_shown

from .models import Topic
from .selectors import searchable_topics


def describe_topic(topic: Topic) -> HitDescription:
    return HitDescription(title=topic.title, url=when_shown(topic.get_absolute_url),
                          summary=topic.first_post_body[:300],
                          date=timezone.localdate(topic.last_post_at),
                          badges=(topic.category.display_name,))


FORUM_SEARCH_AREA = SearchArea(
    key="forum", label=_("Forum topic"), model=Topic, visible_to=searchable_topics,
    describe=describe_topic, order=60, excerpt_field="first_post_body", weight=0.8,
    sketch_date="last_post_at",
)
