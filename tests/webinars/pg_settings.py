"""Test settings pointed at the throwaway PostgreSQL cluster of tests/webinars/conftest.py."""

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
