"""Main navigation, filled by the apps: each registers its entry in AppConfig.ready().

`core` imports no app, so an entry's URL is a callable evaluated per request; an entry whose
URL cannot be found (e.g. its index page is not published yet) is left out.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    url: Callable[[], str | None]
    order: int


_items: dict[str, NavItem] = {}


def register_nav_item(key: str, label, url: Callable[[], str | None], *, order: int) -> None:
    _items[key] = NavItem(key, label, url, order)


def nav_items(request) -> list[dict]:
    result = []
    for item in sorted(_items.values(), key=lambda entry: entry.order):
        try:
            url = item.url()
        except NoReverseMatch:
            url = None
        if url:
            current = request.path.startswith(url) if url != "/" else request.path == "/"
            result.append({"key": item.key, "label": item.label, "url": url, "current": current})
    return result
