"""Development: the embedded defaults, debug on, e-mails printed and kept as .eml files."""

from .base import *  # noqa: F401,F403

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "portal.core.mail.ArchivingConsoleBackend"
