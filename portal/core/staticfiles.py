"""Collecting static files only when they changed since the last collection."""

import hashlib
import os
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command

STAMP_NAME = ".collected-from"


def static_sources_fingerprint() -> str:
    """A digest of every static source file's path, size and time of change, and of the
    storage that collects them: it changes whenever a collection would."""
    entries = []
    for finder in get_finders():
        for path, storage in finder.list(ignore_patterns=None):
            status = os.stat(storage.path(path))
            entries.append(f"{storage.location}\0{path}\0{status.st_size}\0{status.st_mtime_ns}")
    digest = hashlib.sha256(str(settings.STORAGES.get("staticfiles")).encode())
    for entry in sorted(entries):
        digest.update(entry.encode() + b"\n")
    return digest.hexdigest()


def static_files_collect() -> bool:
    """Run collectstatic unless nothing changed since the last run; True if it ran.

    Hashing and compressing every file takes seconds at each start of the portal, for a
    result that changes only when a static file (or the storage) does."""
    root = Path(settings.STATIC_ROOT)
    stamp = root / STAMP_NAME
    fingerprint = static_sources_fingerprint()
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    try:
        if stamp.read_text() == fingerprint and (manifest is None or (root / manifest).exists()):
            return False
    except FileNotFoundError:
        pass
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)
    return True
