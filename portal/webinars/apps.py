from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebinarsConfig(AppConfig):
    name = "portal.webinars"
    label = "webinars"
    verbose_name = _("Webinars")

    def ready(self):
        from django.urls import reverse

        from portal.core.demo import register_demo_loader
        from portal.core.home_sections import register_home_section
        from portal.core.link_cards import register_link_card
        from portal.core.navigation import register_nav_item
        from portal.core.periodic import register_periodic_command
        from portal.members.erasure import register_erasure_handler
        from portal.members.exports import register_export_section
        from portal.resources.links import register_backlink_provider
        from portal.search.registry import register_search_area

        from . import signals  # noqa: F401
        from .cards import webinar_cards
        from .demo import load
        from .demo_pictures import load as load_pictures
        from .exports import collect_calendar_feed, collect_registrations, collect_speaker_roles
        from .home import upcoming_section
        from .search import WEBINARS_SEARCH_AREA
        from .selectors import webinars_using_resource
        from .services import registrations_erase_for_user, speakers_erase_for_user

        register_nav_item("webinars", _("Webinars"), lambda: reverse("webinars:index"), order=10)
        register_home_section("webinars", upcoming_section, order=10)
        register_link_card("webinars:detail", webinar_cards)
        register_demo_loader("webinars", load, order=40)
        register_demo_loader("webinar_pictures", load_pictures, order=41)
        register_export_section("webinar_registrations", collect_registrations)
        register_export_section("speaker_roles", collect_speaker_roles)
        register_export_section("calendar_feed", collect_calendar_feed)
        register_search_area(WEBINARS_SEARCH_AREA)
        register_erasure_handler("webinar_registrations", registrations_erase_for_user)
        register_erasure_handler("webinar_speakers", speakers_erase_for_user)
        register_backlink_provider("webinars", webinars_using_resource)
        # Claims make a second runner harmless: each reminder still goes out once.
        register_periodic_command("send_webinar_reminders", every_seconds=60)
        register_periodic_command("build_calendar_feeds", every_seconds=3600)
