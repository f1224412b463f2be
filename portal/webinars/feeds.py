"""Public calendar feeds, built by the task worker and kept in the shared feeds cache.

Calendar apps poll these addresses all day; building one means rendering every event, so a
request never builds one. A change to a webinar or a series asks for one rebuild (several
changes in a burst still give one), the periodic runner rebuilds every hour so the window
moves on, and a request only reads what was built. Each feed covers the coming webinars and
the last twelve months; older ones are in one archive per year.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.core.i18n import one_per_translation

from .ical import feed_ics
from .models import WebinarSeries
from .selectors import feed_webinars

WINDOW = timedelta(days=365)
PENDING_KEY = "webinars:feeds:rebuild-pending"
PENDING_SECONDS = 600
BUILT_SECONDS = 60 * 60 * 48  # rebuilt hourly; kept longer so a stopped worker is not a 404


def feeds_cache():
    return caches[getattr(settings, "FEEDS_CACHE_ALIAS", "feeds")]


def feed_key(scope: str, language: str) -> str:
    return f"webinars:feed:{scope}:{language}"


def series_scope(series) -> str:
    return f"series-{series.translation_key}"


def window_start(now=None):
    return (now or timezone.now()) - WINDOW


def _store(scope: str, language: str, content: str) -> None:
    etag = '"' + hashlib.sha256(content.encode()).hexdigest()[:32] + '"'
    feeds_cache().set(feed_key(scope, language), (etag, content), BUILT_SECONDS)


def _build_language(language: str, now) -> int:
    built = 0
    start = window_start(now)
    with translation.override(language):
        everything = feed_webinars()
        _store("all", language, feed_ics(everything.filter(start__gte=start),
                                         name=_("Webinars of the community of practice")))
        built += 1
        years = everything.filter(start__lt=start).dates("start", "year")
        for year in {day.year for day in years}:
            _store(f"year-{year}", language, feed_ics(
                everything.filter(start__year=year, start__lt=start),
                name=_("Webinars of the community of practice, %(year)s") % {"year": year}))
            built += 1
        for series in one_per_translation(WebinarSeries.objects.all()):
            _store(series_scope(series), language, feed_ics(
                feed_webinars(series=series).filter(start__gte=start), name=series.title))
            built += 1
    return built


def feeds_build(*, now=None) -> int:
    """Build every public feed in every language; returns how many were stored."""
    feeds_cache().delete(PENDING_KEY)  # a change made from now on asks for another run
    now = now or timezone.now()
    return sum(_build_language(code, now) for code, _name in settings.LANGUAGES)


def feeds_rebuild_requested() -> None:
    """Ask the worker for one rebuild; asking again before it starts changes nothing."""
    from portal.core.taskqueue import enqueue_once

    from .tasks import build_calendar_feeds_task

    enqueue_once(build_calendar_feeds_task, cache=feeds_cache(), key=PENDING_KEY,
                 seconds=PENDING_SECONDS)


def feeds_rebuild_soon() -> None:
    """Ask for a rebuild once the change being written is committed (the worker would
    otherwise build the feeds without it)."""
    transaction.on_commit(feeds_rebuild_requested)


def feed_read(scope: str, language: str):
    """(etag, content) as last built, or None when it was never built."""
    return feeds_cache().get(feed_key(scope, language))
