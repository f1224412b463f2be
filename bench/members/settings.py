"""Settings for the members benchmark: the test settings on a throwaway folder, a URLconf
with a bare view beside the portal's, and no per-request logging."""

from portal.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.members.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"null": {"class": "logging.NullHandler"}},
    "root": {"handlers": ["null"], "level": "ERROR"},
    "loggers": {"django.server": {"handlers": ["null"], "level": "ERROR", "propagate": False}},
}
# modelsearch's own test models have no tables here; the index holds the portal's models.
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "modelsearch.test.testapp"]  # noqa: F405
# PAGE_CACHE_ENABLED=1 serves visitors from the page cache, as `make run` does.
PAGE_CACHE_ENABLED = __import__("os").environ.get("PAGE_CACHE_ENABLED") == "1"
