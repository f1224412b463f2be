"""Settings for the relevance benchmark: the test settings on a throwaway folder, with the
search backend (and, for PostgreSQL, the database) chosen by environment variables."""

import os

from portal.settings.test import *  # noqa: F403
from portal.settings.test import INSTALLED_APPS, VAR_DIR, postgres_from_environment

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "modelsearch.test.testapp"]

_backend = os.environ.get("RELEVANCE_BACKEND", "whoosh")
if _backend == "whoosh":
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "portal.search.backends.whoosh", "PATH": VAR_DIR / "whoosh"}
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}
if _backend == "database-postgresql":
    DATABASES = postgres_from_environment()
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portal_folded"
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "ERROR"}}
