"""Whoosh search backend: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.backends.whoosh"}}``.

See ``backend.py`` for the options, ``mapping.py`` for how a model declares the
language of its content, ``storage.py`` for the on-disk layout (atomic rebuilds,
concurrent writers) and ``results.py`` for highlighted excerpts.
"""

from .backend import SearchBackend, WhooshSearchBackend
from .exceptions import (
    SearchIndexBusy,
    SearchIndexCorrupt,
    SearchIndexMissing,
    SearchIndexUnavailable,
)

__all__ = [
    "SearchBackend",
    "SearchIndexBusy",
    "SearchIndexCorrupt",
    "SearchIndexMissing",
    "SearchIndexUnavailable",
    "WhooshSearchBackend",
]
