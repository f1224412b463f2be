"""Moderators edit the forum's categories in the Wagtail admin, and read the moderation log."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Category, ModerationLog


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-1"
    menu_label = _("Categories")
    list_display = ["name", "name_fr", "slug", "order", "read_group", "moderators_only",
                    "topic_count", "post_count"]
    search_fields = ["name", "name_fr"]
    ordering = ["order", "name"]


class ModerationLogViewSet(SnippetViewSet):
    model = ModerationLog
    icon = "history"
    menu_label = _("Moderation log")
    list_display = ["created_at", "moderator", "action", "topic", "post", "note"]
    list_filter = ["action"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class ForumGroup(SnippetViewSetGroup):
    menu_label = _("Forum")
    menu_icon = "group"
    menu_order = 300
    items = (CategoryViewSet, ModerationLogViewSet)


register_snippet(ForumGroup)
