from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_urls as core_admin_urls
from .models import Country, Language, Theme
from .pagecache import mark_page_cacheable
from .taskqueue import queue_health


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "name_fr", "slug"]
    search_fields = ["name", "name_fr"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "name_fr", "iso_code", "region"]
    list_filter = ["region", "is_au_member"]
    search_fields = ["name", "name_fr", "iso_code"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    list_display = ["name", "name_fr", "code"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "folder-open-inverse"
    menu_order = 900
    items = (ThemeViewSet, CountryViewSet, LanguageViewSet)


register_snippet(TaxonomyGroup)


class MailQueuePanel(Component):
    """On the dashboard of administrators: a warning when mail is stuck or has failed."""

    name = "mail_queue"
    order = 5
    template_name = "core/admin/mail_queue_status.html"

    def __init__(self, health):
        self.health = health

    def get_context_data(self, parent_context):
        return {"health": self.health}


@hooks.register("construct_homepage_panels")
def add_mail_queue_panel(request, panels):
    if not request.user.is_superuser:
        return
    health = queue_health()
    if health["stuck"] or health["failed_emails"]:
        panels.append(MailQueuePanel(health))


@hooks.register("register_admin_urls")
def register_core_admin_urls():
    return [path("failed-emails/", include((core_admin_urls, "core_admin")))]


@hooks.register("register_settings_menu_item")
def register_failed_emails_menu_item():
    return AdminOnlyMenuItem(_("Failed e-mails"), reverse("core_admin:failed_emails"),
                             icon_name="mail", order=900)


@hooks.register("before_serve_page")
def share_anonymous_pages(page, request, serve_args, serve_kwargs):
    # Pages are the same for every anonymous visitor: the page cache may keep them.
    mark_page_cacheable(request)
