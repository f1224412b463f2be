"""The portal as `make run` serves it (DEBUG off, WhiteNoise, page cache on), on a throwaway
folder, with a bare view beside it. PAGE_CACHE_ENABLED=0 in the environment turns the page
cache off, to measure pages as they render on a miss."""

import os

from portal.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.pages.urls"
DEBUG = False
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE_ENABLED", "1") == "1"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "ERROR"},
}
# FRAGMENT_CACHE_ENABLED=0 turns the kept parts of pages off too: every request then renders
# from nothing, as the first request after a change does.
FRAGMENT_CACHE_ENABLED = os.environ.get("FRAGMENT_CACHE_ENABLED", "1") == "1"
