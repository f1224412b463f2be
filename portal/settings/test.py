"""Test settings: a throwaway var/ folder, fast hashing, e-mails in Django's outbox."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403
from .base import INSTALLED_APPS, SQLITE_OPTIONS

VAR_DIR = Path(os.environ.get("PORTAL_TEST_VAR_DIR") or tempfile.mkdtemp(prefix="portal-test-"))
VAR_DIR.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = VAR_DIR / "media"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
EMAIL_ARCHIVE_DIR = VAR_DIR / "mail"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "test.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
        "TEST": {"NAME": str(VAR_DIR / "test-db.sqlite3")},
    }
}
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "portal.search.backends.whoosh",
        "PATH": VAR_DIR / "whoosh",
    }
}
# modelsearch's own backend conformance suite needs its test models.
INSTALLED_APPS = [*INSTALLED_APPS, "modelsearch.test.testapp"]
# Its migrations name modelsearch's own app label, which Wagtail renames to wagtailsearch;
# its tables are created straight from the models instead.
MIGRATION_MODULES = {"searchtests": None}
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once in tests so every e-mail lands in the outbox synchronously.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False
WAGTAILADMIN_BASE_URL = "http://testserver"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"},
    "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                 "LOCATION": "throttle"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "feeds": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "feeds"},
    "built": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "built"},
}
# Tests of the page cache turn it on themselves; the others see every page rendered.
PAGE_CACHE_ENABLED = False
FRAGMENT_CACHE_ENABLED = False
PREBUILT_ENABLED = False


def postgres_from_environment() -> dict:
    """The throwaway PostgreSQL cluster that a test or benchmark started and described in
    PORTAL_PG_* variables (see bench/common.py's PostgresCluster)."""
    return {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ["PORTAL_PG_NAME"],
            "HOST": os.environ["PORTAL_PG_HOST"],
            "PORT": os.environ["PORTAL_PG_PORT"],
            "USER": os.environ.get("PORTAL_PG_USER", "postgres"),
            "CONN_MAX_AGE": 0,
        }
    }
