from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "portal.members"
    label = "members"
    verbose_name = _("Members")

    def ready(self):
        from django.urls import reverse

        from portal.core.demo import register_demo_loader
        from portal.core.navigation import register_nav_item
        from portal.search.registry import register_search_area

        from . import signals  # noqa: F401
        from .demo import load
        from .erasure import register_erasure_handler
        from .search import MEMBERS_SEARCH_AREA
        from .services import mail_erase_for_user, sessions_erase_for_user

        register_demo_loader("members", load, order=20)
        register_erasure_handler("mail", mail_erase_for_user)
        register_erasure_handler("sessions", sessions_erase_for_user)
        register_search_area(MEMBERS_SEARCH_AREA)

        register_nav_item("members", _("Members"), lambda: reverse("members:directory"), order=50)

        from portal.core.audience import register_audience_part

        from .rules import is_member

        register_audience_part("member", is_member)

        from portal.core.periodic import register_periodic_command

        from .erasure import register_erasure_handler
        from .exports import register_export_section
        from .network.privacy import export_messages, export_network
        from .notifications.privacy import erase_notifications, export_notifications
        from .notifications.verbs import register_builtin

        register_builtin()
        register_periodic_command("send_notification_emails", every_seconds=60)
        register_periodic_command("send_notification_digests", every_seconds=600)
        register_export_section("notifications", export_notifications)
        register_export_section("network", export_network)
        register_export_section("messages", export_messages)
        register_erasure_handler("notifications", erase_notifications)
