"""One machine: the embedded defaults, e-mails printed and kept as .eml files.

`make run` serves it with debugging off, so visitors meet the portal's own error pages;
`make dev` (PORTAL_DEBUG=1) turns Django's debug pages and auto-reloading on.
"""

import os
import secrets

from .base import *  # noqa: F401,F403
from .base import VAR_DIR


def _local_secret_key() -> str:
    """One key per machine, made on the first run and kept in var/ (readable by its owner
    only), so sessions survive restarts and no two installations share a key."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        draft = VAR_DIR / f"secret_key.{os.getpid()}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)  # whole file or nothing; the first process to start wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


DEBUG = os.environ.get("PORTAL_DEBUG", "") == "1"
SECRET_KEY = _local_secret_key()
# While developing, every reload shows the page as it is now.
PAGE_CACHE_ENABLED = not DEBUG
FRAGMENT_CACHE_ENABLED = not DEBUG
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "portal.core.mail.ArchivingConsoleBackend"
SERVE_PUBLIC_MEDIA = True
if DEBUG:
    # Static files straight from the source folders, no collectstatic step needed.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
else:
    # As in production: names carry a hash of the content, so browsers keep them for a
    # year and a repeat visit downloads only the page (runportal collects them at start).
    STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
