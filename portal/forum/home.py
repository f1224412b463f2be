"""The home page's "Active discussions": the few topics with the latest posts."""

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.core.home_sections import HomeSection

from .selectors import latest_topics

HOME_LIMIT = 5


def active_discussions_section(request) -> HomeSection:
    topics = list(latest_topics(request.user)[:HOME_LIMIT])
    return HomeSection(key="forum", title=_("Active discussions"),
                       template="forum/home_section.html", items=topics,
                       more_url=reverse("forum:latest"), more_label=_("All discussions"))
