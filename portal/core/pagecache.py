"""A shared cache of whole anonymous pages, invalidated by every write a visitor could see.

Only pages that opt in are kept: Wagtail pages (through the `before_serve_page` hook) and the
Django views decorated with `public_page`. A page is kept only when it was rendered for a
visitor who is surely anonymous (no session cookie), has no pending messages, and the response
set no cookie of its own. The cached HTML is the same for everyone: the two per-person bits are
handled around it.

- The CSRF token: while a candidate page renders, `{% csrf_token %}` writes a placeholder; the
  middleware puts the visitor's own token in its place on every response, hit or miss.
- The viewer's time zone (from the `portal_tz` cookie) changes the times shown, so it is part
  of the key, with the language and the full address.

Invalidation works by generation: every key holds the current generation, and any write to a
model of the portal (or a publish, an unpublish, a document or image) starts a new one, so no
stale page can be served after the commit. Each area (an app, or a model written in bursts:
`area_of`) also has its own generation, which the kept parts of pages that name their areas
use (see fragments.py): a registration drops every whole page, not the library's parts. The generation lives where every process sees it:
in the page cache itself when that cache is shared (Redis, files, database), in a small file
under `var/` when the page cache is each process's local memory.
"""

import hashlib
import os
import re
import threading
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token

from .timezones import is_valid_zone

CSRF_PLACEHOLDER = "csrf-token-placeholder-8d1c6f1e"
CACHE_HEADER = "X-Page-Cache"
GENERATION_KEY = "pagecache:generation"
# Headers that belong to one response, not to the page.
PERSONAL_HEADERS = {"set-cookie", "date", CACHE_HEADER.lower()}


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE_ENABLED", False)


def fragments_enabled() -> bool:
    """Parts of pages (see fragments.py) are kept under the same generation; they also
    serve members and pages rendered on a miss, so they can be on with whole pages off."""
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", False)


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "pages")]


# --- the generation ---------------------------------------------------------------------

class FileGeneration:
    """A token in a file: one stat() per request tells whether another process changed it."""

    def __init__(self, path: Path):
        self.path = path
        self.seen = None
        self.token = ""

    def current(self) -> str:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            return self.bump()
        signature = (status.st_ino, status.st_mtime_ns, status.st_size)
        if signature != self.seen:
            self.token = self.path.read_text().strip()
            self.seen = signature
        return self.token

    def bump(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        token = uuid.uuid4().hex
        temporary = self.path.with_name(f"{self.path.name}.{token}")
        temporary.write_text(token)
        os.replace(temporary, self.path)  # atomic: a reader sees the old token or the new one
        return token


class CacheGeneration:
    """A token in the shared cache itself, for caches every process and machine sees."""

    def __init__(self, cache, key: str = GENERATION_KEY):
        self.cache = cache
        self.key = key

    def current(self) -> str:
        token = self.cache.get(self.key)
        return token or self.bump()

    def bump(self) -> str:
        token = uuid.uuid4().hex
        self.cache.set(self.key, token, timeout=None)
        return token


_generations: dict = {}
#: A token every area's generation includes: a change of unknown reach drops them all.
EVERY_AREA = "every-area"
# Within one request each generation is read once (a page asks for a dozen kept parts,
# each naming several areas); a change made by the request itself forgets what was read.
_request_reads = threading.local()


def generation(area: str | None = None):
    """The generation of everything (whole pages), or of one area (see `area_of`)."""
    cache = page_cache()
    if isinstance(cache, LocMemCache):
        key = (settings.VAR_DIR, area)
        store = _generations.get(key)
        if store is None:
            name = "page-generation" if area is None else f"page-generation.{area}"
            store = _generations[key] = FileGeneration(Path(settings.VAR_DIR) / "cache" / name)
        return store
    return CacheGeneration(cache, GENERATION_KEY if area is None else f"{GENERATION_KEY}:{area}")


def current_generation(area: str | None = None) -> str:
    reads = getattr(_request_reads, "tokens", None)
    if reads is None:
        return generation(area).current()
    token = reads.get(area)
    if token is None:
        token = reads[area] = generation(area).current()
    return token


def areas_generation(areas: Iterable[str]) -> str:
    """One token for a set of areas: it changes when a table of any of them is written."""
    return ".".join(current_generation(area) for area in (EVERY_AREA, *sorted(areas)))


@contextmanager
def generations_read_once():
    _request_reads.tokens = {}
    try:
        yield
    finally:
        _request_reads.tokens = None


def _forget_reads() -> None:
    reads = getattr(_request_reads, "tokens", None)
    if reads is not None:
        reads.clear()


def invalidate(areas: Iterable[str] | None = None, *, using: str | None = None) -> None:
    """Start a new generation of whole pages and of the ``areas`` written (of every area
    when not told) when the current transaction commits, which drops pages rendered from
    not yet committed data; inside a transaction also at once, so that the transaction's
    own reads see its writes. Outside one the commit is now: one new generation. Values
    the worker builds from those areas (prebuilt.py) are asked for once it has committed."""
    from . import prebuilt

    if not (enabled() or fragments_enabled() or prebuilt.enabled()):
        return
    names = [None, *(areas if areas is not None else [EVERY_AREA])]

    def bump():
        for name in names:
            generation(name).bump()
        _forget_reads()

    def committed():
        bump()
        prebuilt.areas_changed(names[1:])

    if transaction.get_connection(using).in_atomic_block:
        bump()
    transaction.on_commit(committed, using=using)


# --- which requests and responses ---------------------------------------------------------

def public_page(view):
    """Mark a view whose anonymous responses may be shared between visitors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        mark_page_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapper


def mark_page_cacheable(request) -> None:
    request.page_cacheable = True


def is_candidate(request) -> bool:
    if request.method not in ("GET", "HEAD") or not enabled():
        return False
    cookies = request.COOKIES
    return (settings.SESSION_COOKIE_NAME not in cookies
            and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies)


def viewer_zone_part(request) -> str:
    zone = unquote(request.COOKIES.get("portal_tz", ""))
    return zone if is_valid_zone(zone) else "-"


def cache_key(request, token: str) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", "")
    return f"pagecache:{token}:{language}:{viewer_zone_part(request)}:{digest}"


def is_shareable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (getattr(request, "page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and "private" not in cache_control and "no-store" not in cache_control
            and not _user_is_authenticated(request))


def _user_is_authenticated(request) -> bool:
    user = getattr(request, "_cached_user", None)
    return bool(user is not None and user.is_authenticated)


def csrf_placeholder(request):
    """Context processor: a candidate page renders a placeholder in place of the token."""
    if is_candidate(request):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def personalise(request, response):
    """Put the visitor's own CSRF token where the shared page has the placeholder."""
    marker = CSRF_PLACEHOLDER.encode()
    if marker in response.content:
        response.content = response.content.replace(marker, get_token(request).encode())
    return response


# --- the middleware ------------------------------------------------------------------------

class PageCacheMiddleware:
    """Placed after the CSRF, session, authentication, messages and time zone middleware,
    so a hit costs only the cache lookup and the CSRF cookie is still set on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with generations_read_once():
            return self.serve(request)

    def serve(self, request):
        if not is_candidate(request):
            return self.get_response(request)
        cache = page_cache()
        key = cache_key(request, current_generation())
        stored = cache.get(key)
        if stored is not None:
            response = self.rebuild(stored)
            response[CACHE_HEADER] = "hit"
            return personalise(request, response)
        response = self.get_response(request)
        if is_shareable(request, response):
            cache.set(key, self.freeze(response), timeout=settings.PAGE_CACHE_SECONDS)
            response[CACHE_HEADER] = "miss"
        return personalise(request, response) if hasattr(response, "content") else response

    @staticmethod
    def freeze(response) -> tuple:
        headers = [(name, value) for name, value in response.items()
                   if name.lower() not in PERSONAL_HEADERS]
        return response.status_code, headers, response.content

    @staticmethod
    def rebuild(stored) -> HttpResponse:
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response


# --- what invalidates ------------------------------------------------------------------------

PORTAL_APPS = {"core", "members", "resources", "forum", "goodpractices", "webinars",
               "portal_search"}
# Written often and never shown to a visitor who is not logged in.
PRIVATE_MODELS = {
    "core.failedemail", "members.conversation", "members.participant", "members.message",
    "members.report", "members.follow", "members.block", "members.notification",
    "members.notificationinbox", "members.notificationpreference",
    "resources.documentdownloadcount", "forum.topicuser", "forum.flag", "forum.moderationlog",
    "goodpractices.clarification", "goodpractices.reviewerassignment", "goodpractices.review",
    "goodpractices.reviewscore", "goodpractices.submissionevent", "webinars.remindersent",
    "webinars.calendarfeedtoken", "webinars.webinarmessage", "webinars.registrationanswer",
}
WAGTAIL_MODELS = {
    "wagtailcore.page", "wagtailcore.site", "wagtailcore.locale",
    "wagtailcore.pageviewrestriction", "wagtailcore.collectionviewrestriction",
    "wagtaildocs.document", "wagtailimages.image", "wagtailredirects.redirect",
}


def changes_what_visitors_see(model) -> bool:
    label = model._meta.label_lower
    if label in WAGTAIL_MODELS:
        return True
    return model._meta.app_label in PORTAL_APPS and label not in PRIVATE_MODELS


# A kept part of a page may name the areas it is built from (`fragments`): only a write to
# one of them drops it. An area is an app, except for models written in bursts, which get
# their own so that, say, hundreds of registrations leave the library's parts alone.
OWN_AREA_MODELS = {"webinars.registration": "registrations"}


def area_of(model) -> str:
    return OWN_AREA_MODELS.get(model._meta.label_lower, model._meta.app_label)


def content_areas() -> set[str]:
    """Every area but those of models written in bursts (`OWN_AREA_MODELS`): what a part
    reads when it shows content and no activity, such as the places left of a webinar."""
    return set(table_areas().values()) - set(OWN_AREA_MODELS.values())


def page_areas() -> set[str]:
    """Where Wagtail pages are read from: the page tree and every app with page models."""
    from wagtail.models import get_page_models

    return {"wagtailcore", *(area_of(model) for model in get_page_models())}


# Every statement that writes to a table a visitor could see starts a new generation: saves
# and deletes, and what sends no signal (QuerySet.update(), bulk writes, a page moved by
# treebeard), through one watch on each database connection.
WRITE_STATEMENT = re.compile(r'^\s*(?:UPDATE|DELETE\s+FROM|INSERT\s+INTO)\s+"?(\w+)"?', re.I)
_table_areas: dict[str, str] | None = None


def table_areas() -> dict[str, str]:
    """The area of each table a visitor could see."""
    global _table_areas
    if _table_areas is None:
        from django.apps import apps

        _table_areas = {model._meta.db_table: area_of(model)
                        for model in apps.get_models(include_auto_created=True)
                        if changes_what_visitors_see(model)}
    return _table_areas


def watch_writes(execute, sql, params, many, context):
    # After the statement: in autocommit mode its change is visible once it has run, and a
    # generation started before it could be filled with pages rendered from the old rows.
    result = execute(sql, params, many, context)
    match = WRITE_STATEMENT.match(sql) if isinstance(sql, str) else None
    area = table_areas().get(match.group(1)) if match else None
    if area is not None:
        invalidate((area,), using=context["connection"].alias)
    return result


def _watch_connection(sender=None, connection=None, **kwargs) -> None:
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)


def connect_invalidation() -> None:
    from django.db import connections
    from django.db.backends.signals import connection_created

    connection_created.connect(_watch_connection, dispatch_uid="pagecache-writes")
    for connection in connections.all(initialized_only=True):
        _watch_connection(connection=connection)
