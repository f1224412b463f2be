"""Errors raised by the Whoosh search backend.

Every message that concerns the state of an index on disk tells the operator how to
repair it, because these errors end up in logs read by people who did not write
the code.
"""

from __future__ import annotations

REBUILD_HINT = "Run `python manage.py search_rebuild` to rebuild the search indexes."


class WhooshBackendError(Exception):
    """Base class for every error raised by this backend."""


class SearchIndexUnavailable(WhooshBackendError):
    """An index cannot be searched: it is missing or unreadable.

    Searches catch this error and return no results (see ``RAISE_ON_UNAVAILABLE``),
    so a broken index degrades the search page instead of crashing it.
    """

    problem = "is unavailable"

    def __init__(self, index_name: str, path: object, detail: str = "") -> None:
        self.index_name = index_name
        self.path = path
        self.detail = detail
        message = f"Search index '{index_name}' at {path} {self.problem}"
        if detail:
            message += f" ({detail})"
        super().__init__(f"{message}. {REBUILD_HINT}")


class SearchIndexMissing(SearchIndexUnavailable):
    problem = "does not exist yet"


class SearchIndexCorrupt(SearchIndexUnavailable):
    problem = "is corrupt or unreadable"


class SearchIndexBusy(WhooshBackendError):
    """A lock on an index could not be taken within ``LOCK_TIMEOUT`` seconds."""

    def __init__(self, index_name: str, what: str, timeout: float) -> None:
        super().__init__(
            f"Search index '{index_name}': could not take the {what} within {timeout:g}s. "
            "Another process holds it for unusually long (a stuck rebuild?); "
            "raise LOCK_TIMEOUT or check running `search_rebuild` processes."
        )
