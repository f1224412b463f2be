"""Settings for the relevance benchmark: the test settings on a throwaway folder, with the
search backend (and, for PostgreSQL, the database) chosen by environment variables."""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import INSTALLED_APPS, VAR_DIR

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "modelsearch.test.testapp"]

_backend = os.environ.get("RELEVANCE_BACKEND", "whoosh")
if _backend == "whoosh":
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "portal.search.backends.whoosh", "PATH": VAR_DIR / "whoosh"}
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
if _backend == "database-postgresql":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["PORTAL_PG_NAME"],
            "HOST": os.environ["PORTAL_PG_HOST"],
            "PORT": os.environ["PORTAL_PG_PORT"],
            "USER": os.environ.get("PORTAL_PG_USER", "postgres"),
        }
    }
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portal_folded"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "ERROR"}}
