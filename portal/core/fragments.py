"""Costly parts of pages (facet counts) kept under the page cache's generation.

Members never get a whole shared page, and a visitor's page is rebuilt after every change;
both still get these parts from the cache. Each is computed once per generation, language
and the `parts` that decide it (such as whether the viewer sees members-only content), and
dropped with the kept pages by any change a visitor could see.
"""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.utils.translation import get_language

from . import pagecache


def cached_value(name: str, parts: tuple, build: Callable[[], object]):
    if not pagecache.enabled():
        return build()
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"fragment:{pagecache.generation().current()}:{name}:{get_language()}:{digest}"
    cache = pagecache.page_cache()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value
