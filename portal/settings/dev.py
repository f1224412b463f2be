"""One machine: the embedded defaults, e-mails printed and kept as .eml files.

`make run` serves it with debugging off, so visitors meet the portal's own error pages;
`make dev` (PORTAL_DEBUG=1) turns Django's debug pages and auto-reloading on.
"""

import os

from .base import *  # noqa: F401,F403

DEBUG = os.environ.get("PORTAL_DEBUG", "") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "portal.core.mail.ArchivingConsoleBackend"
SERVE_PUBLIC_MEDIA = True
# Static files straight from the source folders, no collectstatic step needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
