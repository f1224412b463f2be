"""The library's entries in the main menu and on the home page."""

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.core.home_sections import HomeSection

from .selectors import library_index, resources_latest

NAV_CACHE_KEY = "resources:library-url:{language}"


def library_url() -> str | None:
    """The library's address (cached: the menu is on every page)."""
    key = NAV_CACHE_KEY.format(language=get_language() or "en")
    url = cache.get(key)
    if url is None:
        index = library_index()
        url = index.url if index is not None else ""
        cache.set(key, url, 300)
    return url or None


def library_url_forget() -> None:
    from django.conf import settings

    cache.delete_many([NAV_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


def latest_resources_section(request) -> HomeSection | None:
    index = library_index()
    if index is None:
        return None
    items = resources_latest(user=request.user, limit=3)
    return HomeSection(key="resources", title=_("Latest resources"),
                       template="resources/_home_section.html", items=items,
                       more_url=index.url, more_label=_("Browse the library"))
