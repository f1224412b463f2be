from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Country, Language, Theme


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
