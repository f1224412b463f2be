"""Test settings for the site search on PostgreSQL with modelsearch's database backend,
pointed at the throwaway cluster of tests/postgres.py."""

from tests.pg_settings import *  # noqa: F403

# As the production settings configure it on PostgreSQL.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "modelsearch.backends.database", "SEARCH_CONFIG": "portal_folded"}
}
