"""Production: every secret and service comes from the environment."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import DATABASES, VAR_DIR


def _env(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name, default)
    if required and not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value or ""


def _env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in _env(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = _env("SECRET_KEY", required=True)
ALLOWED_HOSTS = _env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = _env_list("CSRF_TRUSTED_ORIGINS")
WAGTAILADMIN_BASE_URL = _env("PORTAL_BASE_URL", "https://" + (ALLOWED_HOSTS or ["localhost"])[0])

if _env("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(_env("DATABASE_URL"), conn_max_age=600)}
else:
    DATABASES = DATABASES

if _env("CACHE_URL"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": _env("CACHE_URL")},
        "throttle": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                     "LOCATION": _env("CACHE_URL"), "KEY_PREFIX": "throttle"},
        # Every machine serves the same copy of a page and sees the same generation.
        "pages": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                  "LOCATION": _env("CACHE_URL"), "KEY_PREFIX": "pages"},
        "feeds": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                  "LOCATION": _env("CACHE_URL"), "KEY_PREFIX": "feeds"},
        "built": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                  "LOCATION": _env("CACHE_URL"), "KEY_PREFIX": "built"},
    }

# Search: Whoosh on disk by default; a cluster switches backend by environment alone.
_search_backend = _env("SEARCH_BACKEND", "portal.search.backends.whoosh")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": _search_backend}}
if _search_backend == "portal.search.backends.whoosh":
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = _env("WHOOSH_PATH", str(VAR_DIR / "whoosh"))
elif _search_backend == "modelsearch.backends.database" and DATABASES["default"].get(
        "ENGINE", "").endswith("postgresql"):
    # Accent-folding English configuration created by the portal_search migrations.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "portal_folded"
elif _env("SEARCH_URLS"):
    WAGTAILSEARCH_BACKENDS["default"]["URLS"] = _env_list("SEARCH_URLS")
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] = _env("SEARCH_INDEX_PREFIX", "portal_")

# E-mail server
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = _env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(_env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = _env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = _env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = _env("EMAIL_USE_TLS", "true").lower() == "true"

# Media storage: local disk by default, any django-storages backend by name.
if _env("MEDIA_STORAGE_BACKEND"):
    STORAGES["default"] = {"BACKEND": _env("MEDIA_STORAGE_BACKEND")}  # noqa: F405
MEDIA_ROOT = _env("MEDIA_ROOT", str(VAR_DIR / "media"))
STATIC_ROOT = _env("STATIC_ROOT", str(VAR_DIR / "static"))
# Hashed, compressed copies made by collectstatic: browsers keep them for a year.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Transport security
SECURE_SSL_REDIRECT = _env("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(_env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
