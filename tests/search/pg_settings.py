"""Test settings for the site search on PostgreSQL with modelsearch's database backend,
pointed at the throwaway cluster of tests/search/test_site_search_database.py."""

import os

from portal.settings.test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ["PORTAL_PG_NAME"],
        "HOST": os.environ["PORTAL_PG_HOST"],
        "PORT": os.environ["PORTAL_PG_PORT"],
        "USER": os.environ.get("PORTAL_PG_USER", "postgres"),
        "CONN_MAX_AGE": 0,
    }
}
# As the production settings configure it on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "modelsearch.backends.database", "SEARCH_CONFIG": "portal_folded"}
}
