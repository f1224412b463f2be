"""Small cards for links to the portal's own objects (a webinar, a resource) that members
write on a line of their own in a post.

Links are resolved by the site's own URL patterns, grouped by URL name and handed to the
loader the owning app registered for that name (`register_link_card` from its
`AppConfig.ready()`), which reads them all in one query and returns one `Card` per link
(None when the viewer may not see it). So a page of posts costs one lookup per kind of
object, never one per link. A card holds plain text only: the template escapes it.
Core imports no app; Wagtail pages get a loader here, since every page app shares it.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils import translation

MAX_CARDS_PER_PAGE = 50
OWN_LINE_URL = re.compile(r"^[ \t]*<?((?:https?://[^\s<>]+)|(?:/[^\s<>]*))>?[ \t]*$",
                          re.MULTILINE)


@dataclass(frozen=True)
class Card:
    title: str
    kind: str
    url: str
    when: date | datetime | None = None


Loader = Callable[..., list["Card | None"]]
_loaders: dict[str, Loader] = {}


def register_link_card(url_name: str, loader: Loader) -> None:
    """`loader(matches, *, user)` gets ResolverMatch objects (with `.path` set to the
    link) and returns a list of the same length."""
    _loaders[url_name] = loader


def own_line_links(text: str) -> list[str]:
    return [match.group(1).rstrip(".,)") for match in OWN_LINE_URL.finditer(text or "")]


def _local_path(url: str, hosts: set[str]) -> str | None:
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.lower() not in hosts:
        return None
    return parts.path or "/"


def _resolve(path: str) -> tuple[ResolverMatch, str] | None:
    """Resolve in the language the address names (/fr/… in French)."""
    language = settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        if path.startswith(f"/{code}/"):
            language = code
            break
    try:
        with translation.override(language):
            return resolve(path), language
    except Resolver404:
        return None


def cards_for_links(links: Iterable[str], *, user, hosts: set[str]) -> dict[str, Card]:
    """Cards by link, for the links that name something the user may see."""
    grouped: dict[str, list[ResolverMatch]] = {}
    for link in list(dict.fromkeys(links))[:MAX_CARDS_PER_PAGE]:
        path = _local_path(link, hosts)
        resolved = _resolve(path) if path else None
        if resolved is None:
            continue
        match, language = resolved
        name = match.view_name
        if name not in _loaders:
            continue
        match.link = link
        match.path = path
        match.language = language
        grouped.setdefault(name, []).append(match)
    cards: dict[str, Card] = {}
    for name, matches in grouped.items():
        for match, card in zip(matches, _loaders[name](matches, user=user), strict=True):
            if card is not None:
                cards[match.link] = card
    return cards


def wagtail_page_cards(matches: list[ResolverMatch], *, user) -> list[Card | None]:
    """Live, public Wagtail pages by their address, whatever their type: one query for
    the roots, one for view restrictions, one for the pages, one per page type found."""
    from wagtail.models import Page

    roots = list(Page.objects.filter(depth=2).values_list("url_path", "locale__language_code"))
    wanted: dict[str, tuple[int, str]] = {}
    for index, match in enumerate(matches):
        path = match.path
        if match.language != settings.LANGUAGE_CODE:
            path = path[len(match.language) + 1:]
        for root_path, language in roots:
            wanted[root_path + path.lstrip("/")] = (index, language)
    if not wanted:
        return [None] * len(matches)
    found: list[Card | None] = [None] * len(matches)
    pages = Page.objects.live().public().filter(url_path__in=list(wanted)).specific()
    for page in pages:
        index, language = wanted[page.url_path]
        if found[index] is not None and language != matches[index].language:
            continue
        when = (getattr(page, "card_date", None) or getattr(page, "publication_date", None)
                or page.last_published_at)
        found[index] = Card(title=page.title, kind=str(page._meta.verbose_name),
                            url=matches[index].link, when=when)
    return found
