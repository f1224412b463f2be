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
