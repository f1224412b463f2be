"""Test settings for the site search on PostgreSQL with modelsearch's database backend,
pointed at the throwaway cluster of tests/postgres.py."""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import postgres_from_environment

DATABASES = postgres_from_environment()
# As the production settings configure it on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "modelsearch.backends.database", "SEARCH_CONFIG": "portal_folded"}
}
