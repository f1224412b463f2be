"""Test settings pointed at the throwaway PostgreSQL cluster of tests/postgres.py."""

from portal.settings.test import *  # noqa: F403
from portal.settings.test import postgres_from_environment

DATABASES = postgres_from_environment()
