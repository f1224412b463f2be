"""How resources appear in the site search."""

from django.utils.translation import gettext_lazy as _

from portal.core.enums import choice_label
from portal.search.registry import HitDescription, SearchArea, when_shown

from .enums import Access, ResourceType
from .models import ResourcePage
from .selectors import resources_visible_to


def searchable_resources(user):
    # Languages: the language of a hit (for its excerpt) reads them.
    return resources_visible_to(user).prefetch_related("themes", "countries", "languages")


def _url_for_visitor(page) -> str:
    """The resource inside the visitor's interface language (its translation's address
    and its original's share a path)."""
    from portal.core.i18n import active_language, object_language, url_in_language

    if object_language(page) == active_language():
        return page.url
    return url_in_language(page.url, object_language(page), active_language())


def describe_resource(page: ResourcePage) -> HitDescription:
    badges = [choice_label(ResourceType, page.resource_type)]
    if page.access == Access.MEMBERS:
        badges.append(str(_("Members only")))
    return HitDescription(
        title=page.title, url=when_shown(_url_for_visitor, page), summary=page.summary, date=page.publication_date,
        themes=list(page.themes.all()), countries=list(page.countries.all()),
        badges=tuple(badges),
    )


RESOURCES_SEARCH_AREA = SearchArea(
    key="resources", label=_("Resource"), model=ResourcePage, visible_to=searchable_resources,
    describe=describe_resource, order=20, excerpt_field="summary",
    sketch_date="publication_date", sketch_themes="themes", sketch_countries="countries",
)
