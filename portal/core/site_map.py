"""The sitemap for people (the footer's "Sitemap"): the same sitemaps that feed
/sitemap.xml, so it lists exactly what search engines may list, as headed links.

`core` imports no app: the sitemaps arrive from the URL configuration. Each section is
bounded; a longer one ends with a link to its own index in the main menu.
"""

from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

SECTION_LIMIT = 200
SECTION_TITLES = {"pages": _("Pages"), "webinars": _("Webinars"),
                  "series": _("Webinar series")}


@dataclass
class SiteMapLink:
    title: str
    url: str
    depth: int = 0


@dataclass
class SiteMapSection:
    key: str
    title: str
    links: list[SiteMapLink] = field(default_factory=list)
    truncated: bool = False


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page_links(sitemap, request) -> list[SiteMapLink]:
    links, root_depth = [], None
    for page in islice(sitemap.items().iterator(), SECTION_LIMIT + 1):
        if not page.get_sitemap_urls(request):
            continue  # pages that keep themselves out of sitemaps (members only)
        root_depth = page.depth if root_depth is None else root_depth
        links.append(SiteMapLink(page.title, _path(page.get_url(request) or "/"),
                                 page.depth - root_depth))
    return links


def site_map_sections(request, sitemaps: dict) -> list[SiteMapSection]:
    sections = []
    for key, sitemap_class in sitemaps.items():
        sitemap = sitemap_class(request)
        section = SiteMapSection(key, str(SECTION_TITLES.get(key, key.title())))
        if hasattr(sitemap, "get_wagtail_site"):
            section.links = _page_links(sitemap, request)
        else:
            items = list(islice(iter(sitemap.items()), SECTION_LIMIT + 1))
            section.links = [SiteMapLink(str(getattr(item, "title", item)),
                                         _path(sitemap.location(item))) for item in items]
        section.truncated = len(section.links) > SECTION_LIMIT
        section.links = section.links[:SECTION_LIMIT]
        if section.links:
            sections.append(section)
    return sections
