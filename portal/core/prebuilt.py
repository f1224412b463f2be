"""Values the task worker builds after a change, so that no visitor waits for them.

A few parts of pages grow with the content: the library's facet counts are a pass over every
visible resource, 75 ms at 30,000 resources. Kept parts (fragments.py) spare every request
but the first after a change; this spares that one too. Each such value names the areas it
is read from (a set registered with `fragments.register_area_set`) and the variants to
build (an audience and a language, say). When a change to one of those areas commits, the
worker is asked for one rebuild (a burst of changes still gives one), builds every variant
under the generation it read before starting, and stores them in the shared `built` cache.

A request reads the value of the current generation; until the worker has built it (just
after a change, or with no worker running) the request computes it itself, so a value is
never served after a change made through the portal. Requests never store: what is kept
here is only what the worker built. The periodic runner also asks for a rebuild every hour,
so values that expired or were evicted come back, and a change made behind the portal's
back (a restored database) lasts at most an hour; run `manage.py build_prebuilt` after one.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django_tasks import task

from . import pagecache
from .fragments import areas_named, read_kept
from .taskqueue import enqueue_once

logger = logging.getLogger(__name__)
PENDING_SECONDS = 600
BUILT_SECONDS = 60 * 60 * 24 * 7


@dataclass(frozen=True)
class Prebuilt:
    name: str
    depends: str
    variants: Callable[[], Iterable[tuple]]
    build: Callable[..., object]


_registry: dict[str, Prebuilt] = {}


def register_prebuilt(name: str, *, depends: str, variants: Callable[[], Iterable[tuple]],
                      build: Callable[..., object]) -> None:
    """``build(*parts)`` for each ``parts`` in ``variants()``, after every change to the
    areas named ``depends``. Give the value a new name when its shape changes: what an
    older release built under the old name is then never read."""
    _registry[name] = Prebuilt(name, depends, variants, build)


def enabled() -> bool:
    return getattr(settings, "PREBUILT_ENABLED", False)


def built_cache():
    return caches[getattr(settings, "BUILT_CACHE_ALIAS", "built")]


def _token(prebuilt: Prebuilt) -> str:
    return pagecache.areas_generation(areas_named(prebuilt.depends))


def _key(name: str, token: str, parts: tuple) -> str:
    digest = hashlib.sha256(f"{token}:{parts!r}".encode()).hexdigest()[:40]
    return f"prebuilt:{name}:{digest}"


def prebuilt_value(name: str, parts: tuple):
    """What the worker built for ``parts`` under the current generation, or None while it
    has not (the caller then computes what it needs itself)."""
    if not enabled():
        return None
    return read_kept(built_cache(), _key(name, _token(_registry[name]), parts))


def build(name: str) -> int:
    """Build every variant of one value under the current generation; returns how many
    were stored (none when a change came meanwhile: its own build stores the values)."""
    from .i18n import locale_codes_forget

    prebuilt = _registry[name]
    cache = built_cache()
    cache.delete(_pending_key(name))  # a change committed from now on asks for another run
    locale_codes_forget()  # each process keeps the list of languages; a worker lives long
    token = _token(prebuilt)  # before reading: a change made meanwhile gets its own build
    variants = [tuple(parts) for parts in prebuilt.variants()]
    values = {parts: prebuilt.build(*parts) for parts in variants}
    if _token(prebuilt) != token:
        # Stored now, these could replace the values of a later build by another worker.
        return 0
    cache.set_many({_key(name, token, parts): value for parts, value in values.items()},
                   BUILT_SECONDS)
    _forget_previous(cache, name, token, variants)
    return len(variants)


def _forget_previous(cache, name: str, token: str, variants: list[tuple]) -> None:
    """Values of older generations are never read again: drop them rather than let a
    shared cache fill with them until they expire."""
    latest_key = f"prebuilt:{name}:latest"
    previous = cache.get(latest_key)
    if previous is not None and previous[0] != token:
        cache.delete_many([_key(name, previous[0], parts) for parts in previous[1]])
    cache.set(latest_key, (token, variants), BUILT_SECONDS)


def build_all() -> dict[str, int]:
    return {name: build(name) for name in sorted(_registry)}


def _pending_key(name: str) -> str:
    return f"prebuilt:{name}:pending"


def areas_changed(areas: Iterable[str]) -> None:
    """Called once a change to ``areas`` is committed: ask for the values read from them."""
    if not enabled() or _migrating:
        return
    changed = set(areas)
    for name, prebuilt in _registry.items():
        if pagecache.EVERY_AREA in changed or changed & set(areas_named(prebuilt.depends)):
            # Refused, requests count for themselves until the next change or the hourly
            # rebuild (see apps.py).
            enqueue_once(build_prebuilt_task, name, cache=built_cache(),
                         key=_pending_key(name), seconds=PENDING_SECONDS)


# Migrations write content (the taxonomy, the first pages) before the task queue's table
# exists: they ask for one rebuild when they are all applied.
_migrating = False


def migration_started(**kwargs) -> None:
    global _migrating
    _migrating = True


def migration_finished(**kwargs) -> None:
    """Sent for each app once every migration has run: the first asks for a rebuild."""
    global _migrating
    if _migrating:
        _migrating = False
        areas_changed([pagecache.EVERY_AREA])


def rebuild_soon() -> None:
    """Ask the worker for a rebuild of every value once the current transaction commits
    (nothing more when one is already asked for and not started)."""
    transaction.on_commit(lambda: areas_changed([pagecache.EVERY_AREA]))


@task()
def build_prebuilt_task(name: str) -> dict:
    """One value built by the worker after a change (see `areas_changed`)."""
    if name not in _registry:
        logger.warning("No value %r to build", name)
        return {name: 0}
    return {name: build(name)}
