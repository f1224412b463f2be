"""How the forum plugs into the shared registries (called from ForumConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# What the forum's kept parts (lists, posts, the home section) are read from: topics and
# posts, members' profiles (names, pictures), the taxonomy, the webinars a discussion
# belongs to, the page tree and images. Not webinar registrations, nor the library.
FORUM_AREAS = ("forum", "members", "core", "webinars", "wagtailcore", "wagtailimages")


def register_everything() -> None:
    from portal.core.audience import register_audience_part
    from portal.core.demo import register_demo_loader
    from portal.core.fragments import register_area_set
    from portal.core.home_sections import register_home_section
    from portal.core.navigation import register_nav_item
    from portal.members.activity import register_profile_activity
    from portal.members.erasure import register_erasure_handler
    from portal.members.exports import register_export_section
    from portal.members.moderation.targets import register_report_target
    from portal.members.notifications import register_kind, register_verb
    from portal.search.registry import register_search_area

    from .demo import load
    from .home import active_discussions_section
    from .privacy import export_forum, profile_activity
    from .reports import on_report_decision
    from .rules import forum_audience
    from .search import FORUM_SEARCH_AREA
    from .services import erase_for_user

    register_kind("forum", _("Forum replies and mentions"), order=40)
    register_verb("forum.reply", kind="forum", text=_("%(actor)s replied in “%(title)s”"),
                  grouped_text=ngettext_lazy("%(count)s new reply in “%(title)s”",
                                             "%(count)s new replies in “%(title)s”", "count"))
    register_verb("forum.replied", kind="forum",
                  text=_("%(actor)s replied to your post in “%(title)s”"))
    register_verb("forum.mention", kind="forum",
                  text=_("%(actor)s mentioned you in “%(title)s”"))
    register_verb("forum.accepted", kind="forum",
                  text=_("%(actor)s accepted your answer in “%(title)s”"))

    register_nav_item("forum", _("Forum"), lambda: reverse("forum:index"), order=40)
    register_audience_part("forum", forum_audience)
    register_area_set("forum", lambda: FORUM_AREAS)
    register_home_section("forum", active_discussions_section, order=40, depends="forum")
    register_search_area(FORUM_SEARCH_AREA)
    register_profile_activity("forum", profile_activity)
    register_export_section("forum", export_forum)
    register_erasure_handler("forum", erase_for_user)
    register_report_target("forum", on_decision=on_report_decision)
    register_demo_loader("forum", load, order=45)
