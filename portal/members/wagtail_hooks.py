from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .rules import is_moderator


@hooks.register("register_admin_urls")
def register_moderation_urls():
    from .moderation import admin_urls

    return [path("moderation/", include((admin_urls, "members_moderation"),
                                        namespace="members_moderation"))]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_moderator(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(_("Reports queue"), reverse("members_moderation:queue"),
                             icon_name="warning", order=850)
