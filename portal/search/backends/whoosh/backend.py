"""The Whoosh search backend for modelsearch / ``wagtail.search``.

Settings (``WAGTAILSEARCH_BACKENDS`` entry)::

    "default": {
        "BACKEND": "portal.search.backends.whoosh",
        "PATH": VAR_DIR / "whoosh",   # where indexes live (default: settings.VAR_DIR / "whoosh")
        "INDEX_PREFIX": "",           # prepended to every index name
        "LANGUAGE": "en",             # language of content that does not say its own
        "LOCK_TIMEOUT": 60,           # seconds a writer waits for a lock before giving up
        "RAISE_ON_UNAVAILABLE": False,  # True: a missing/corrupt index raises on search
        "REBUILD_PROCESSES": 2,       # processes a large rebuild writes with (default:
                                      # the machine's cores, at most 4; 1: no extra process)
        "REBUILD_MEMORY_MB": 4096,    # Whoosh's estimate of the postings a rebuild sorts
                                      # in memory, shared by its processes; beyond it they
                                      # are sorted on disk, slower (see the README)
    }

A search on a missing or corrupt index logs an error naming the rebuild command and
returns no results (``results.unavailable`` holds the error), so the page still
renders. ``check_indexes()`` raises the same errors for monitoring.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from modelsearch.backends.base import BaseSearchBackend, get_model_root

from .analysis import normalise_language
from .highlight import highlight
from .index import WhooshIndex, WhooshIndexRebuilder
from .query import WhooshAutocompleteQueryCompiler, WhooshSearchQueryCompiler
from .results import WhooshSearchResults

DEFAULT_LOCK_TIMEOUT = 60.0
MAX_DEFAULT_REBUILD_PROCESSES = 4
#: Whoosh's estimate, not the memory used: a 100,000-document rebuild in two processes
#: peaked at 1.7 GB resident with it, and took about 1.6 times as long with 1,024.
DEFAULT_REBUILD_MEMORY_MB = 4096


def default_rebuild_processes() -> int:
    return min(os.cpu_count() or 1, MAX_DEFAULT_REBUILD_PROCESSES)


def default_path() -> Path:
    var_dir = getattr(settings, "VAR_DIR", None)
    base = Path(var_dir) if var_dir else Path(getattr(settings, "BASE_DIR", ".")) / "var"
    return base / "whoosh"


class WhooshSearchBackend(BaseSearchBackend):
    query_compiler_class = WhooshSearchQueryCompiler
    autocomplete_query_compiler_class = WhooshAutocompleteQueryCompiler
    results_class = WhooshSearchResults
    #: The site search may ask for ``Fuzzy`` queries (edit distance on index terms).
    supports_fuzzy = True
    index_class = WhooshIndex
    rebuilder_class = WhooshIndexRebuilder
    # An index problem must not stop editors from saving content: the error is logged
    # and `search_rebuild` restores the index from the database.
    catch_indexing_errors = True

    def __init__(self, params: dict[str, Any]) -> None:
        super().__init__(params)
        params = dict(params)
        self.path = Path(params.pop("PATH", None) or default_path())
        self.index_prefix = str(params.pop("INDEX_PREFIX", ""))
        self.default_language = normalise_language(params.pop("LANGUAGE", "en"))
        self.lock_timeout = float(params.pop("LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT))
        self.raise_on_unavailable = bool(params.pop("RAISE_ON_UNAVAILABLE", False))
        self.rebuild_processes = max(1, int(params.pop("REBUILD_PROCESSES",
                                                       default_rebuild_processes())))
        self.rebuild_memory_mb = max(64, int(params.pop("REBUILD_MEMORY_MB",
                                                        DEFAULT_REBUILD_MEMORY_MB)))

    def get_index_for_model(self, model: type[models.Model]) -> WhooshIndex:
        root = get_model_root(model)
        name = f"{self.index_prefix}{root._meta.app_label.lower()}_{root.__name__.lower()}"
        return self.index_class(self, name, root)

    def check_indexes(self) -> list[WhooshIndex]:
        """Open every index; raises ``SearchIndexUnavailable`` for the first broken one."""
        indexes = list(self.all_indexes())
        for index in indexes:
            index.searcher().doc_count()
        return indexes

    def highlight(self, text: str, query_string: str, language: str | None = None) -> Any:
        """HTML-safe excerpt of ``text`` with the words of ``query_string`` marked."""
        return highlight(text, query_string, normalise_language(language, self.default_language))


SearchBackend = WhooshSearchBackend
