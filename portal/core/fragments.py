"""Costly parts of pages kept under the page cache's generation.

Members never get a whole shared page, and a visitor's page is rebuilt after every change,
when it expires, and for every new address (a filter, a page of results, a time zone);
all of them still get these parts from the cache. Each is computed once per generation,
language and the `parts` that decide it (such as whether the viewer sees members-only
content), and dropped with the kept pages by any change a visitor could see.

Two kinds are kept: values (facet counts, where an address leads) through `cached_value`,
and rendered HTML through the `{% fragment %}` template tag (cards, lists, programmes),
which also keys on the viewer's time zone, since times render in it.

A part that names the areas it is read from (`depends`, a set named with
`register_area_set`; an area is an app, or a model written in bursts such as registrations:
see `pagecache.area_of`) survives changes elsewhere: the library's parts stay kept through
a burst of webinar registrations. The set must hold every area the part reads, or the part
can be stale until it expires (`PAGE_CACHE_SECONDS`).
"""

import functools
import hashlib
import logging
import pickle
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from . import pagecache

# A fragment holding this was rendered for one person (a form's token): never share it.
PERSONAL_MARKERS = ("csrfmiddlewaretoken", pagecache.CSRF_PLACEHOLDER)
logger = logging.getLogger(__name__)
_MISSING = object()  # so that a kept None (no such page, no such topic) counts as kept
_area_sets: dict[str, Callable[[], Iterable[str]]] = {}


def register_area_set(name: str, areas: Callable[[], Iterable[str]]) -> None:
    """Name the areas a family of kept parts is read from (``areas()`` is asked on first
    use, once the apps are loaded); parts then say ``depends="name"``."""
    _area_sets[name] = functools.cache(lambda: tuple(sorted(set(areas()))))


def areas_named(name: str) -> tuple[str, ...]:
    try:
        return _area_sets[name]()
    except KeyError:
        raise ValueError(f"No kept parts depend on {name!r}: register_area_set() it") from None


def cached_value(name: str, parts: tuple, build: Callable[[], object], *,
                 depends: str | None = None):
    """``build()``, kept. ``depends`` names a set of areas (`register_area_set`) the value
    is read from: then only their changes drop it; without it, any visible change does."""
    if not pagecache.fragments_enabled():
        return build()
    cache = pagecache.page_cache()
    key = _key(name, parts, depends)
    value = read_kept(cache, key, _MISSING)
    if value is _MISSING:
        value = build()
        _keep(cache, key, value, name)
    return value


def cached_html(name: str, parts: tuple, zone: str, render: Callable[[], str], *,
                depends: str | None = None) -> str:
    if not pagecache.fragments_enabled():
        return render()
    cache = pagecache.page_cache()
    key = _key(f"html:{name}", (parts, zone), depends)
    html = cache.get(key)
    if html is None:
        html = render()
        if any(marker in html for marker in PERSONAL_MARKERS):
            return html
        _keep(cache, key, html, name)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there


#: What loading a kept value raises when a release has moved or removed a class it holds.
_UNREADABLE = (AttributeError, ImportError, pickle.UnpicklingError)


def read_kept(cache, key: str, default=None):
    """``cache.get(key, default)``, where a value kept by an earlier release that no longer
    loads (a class it holds was moved or removed) is dropped and counts as missing."""
    try:
        return cache.get(key, default)
    except _UNREADABLE as error:
        logger.warning("Kept value %s no longer loads, dropped: %s", key, error)
        cache.delete(key)
        return default


def _keep(cache, key: str, value, name: str) -> None:
    """Store a value; one that cannot be stored (not picklable) is served, not kept."""
    try:
        cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        logger.warning("Fragment %r cannot be kept: %s", name, error)


def lazy_entries(compute: Callable[[], dict], keys: Iterable[str]) -> dict:
    """Template context entries computed together by `compute`, once, and only when a
    template first reads one of them: a kept fragment that holds them skips the work."""
    once = functools.cache(compute)
    return {key: SimpleLazyObject(functools.partial(lambda key: once()[key], key))
            for key in keys}


def _key(name: str, parts: tuple, depends: str | None) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    if depends is None:
        token = pagecache.current_generation()
    else:
        tokens = pagecache.areas_generation(areas_named(depends))
        token = hashlib.sha256(tokens.encode()).hexdigest()[:32]
    return f"fragment:{token}:{name}:{get_language()}:{digest}"
