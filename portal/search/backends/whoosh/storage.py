"""On-disk layout of one index, safe for many processes.

Layout of ``<PATH>/<index name>/``::

    CURRENT                 name of the live version (replaced atomically)
    versions/<version>/     a complete Whoosh index
    builds/<version>.json   a rebuild in progress: who runs it
    builds/<version>.log    keys of objects changed while that rebuild runs
    coordination.lock       shared by writers, exclusive for rebuild start/finish

Readers only read ``CURRENT`` and open that version: they never take a lock, so a
rebuild (which fills a new version next to the live one) never blocks or breaks a
search. Publishing a rebuild is a single ``os.replace`` of ``CURRENT``.

Writers (web and task workers) hold the coordination lock *shared* while they update
the live version. Whoosh's own write lock serialises their commits; we wait for it
(up to ``LOCK_TIMEOUT``) instead of failing, so no update is lost and no lock error
reaches a user. While a rebuild runs, writers also append the keys they touched to
its journal; the rebuild re-reads those objects from the database before it
publishes, so changes made during a rebuild are not lost by the swap. Start and
finish of a rebuild take the coordination lock *exclusively* so that no write falls
between "is a rebuild running?" and the journal.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import logging
import os
import secrets
import shutil
import socket
import struct
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, LockError
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from .exceptions import SearchIndexBusy, SearchIndexCorrupt, SearchIndexMissing
from .writer import FastCommitSegmentWriter, ParallelRebuildWriter

logger = logging.getLogger("portal.search.whoosh")

POINTER = "CURRENT"
VERSIONS = "versions"
BUILDS = "builds"
LOCK_FILE = "coordination.lock"
STALE_BUILD_SECONDS = 24 * 3600
OPEN_ATTEMPTS = 8

# Errors that reading a damaged index can raise. Programming errors are not in this
# list on purpose: they must surface, not be reported as a corrupt index.
# Errors of reading damaged files while a search runs (narrower: a ValueError or a
# KeyError there is more likely a bug than a damaged file).
SEARCH_IO_ERRORS: tuple[type[BaseException], ...] = (OSError, EOFError, struct.error, zlib.error)
READ_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    whoosh_index.IndexError,
    ValueError,
    KeyError,
)


@dataclass
class _CachedSearcher:
    version: str
    searcher: Searcher


class _SearcherCache(threading.local):
    """Open searchers of this thread, by index directory.

    Whoosh searchers must not be shared between threads, so each thread keeps its own;
    in a usual one-thread worker this is one searcher per index per process.
    """

    def __init__(self) -> None:
        self.entries: dict[Path, _CachedSearcher] = {}


_searchers = _SearcherCache()


def new_version_name() -> str:
    """Sortable, unique version directory name."""
    return f"{time.strftime('%Y%m%dT%H%M%S')}-{time.time_ns() % 10**9:09d}-{secrets.token_hex(3)}"


class IndexDirectory:
    """The directory of one index, with its versions, pointer, locks and journals."""

    def __init__(self, path: Path, name: str, lock_timeout: float) -> None:
        self.path = path
        self.name = name
        self.lock_timeout = lock_timeout

    # -- paths -----------------------------------------------------------------------

    @property
    def pointer_path(self) -> Path:
        return self.path / POINTER

    @property
    def versions_path(self) -> Path:
        return self.path / VERSIONS

    @property
    def builds_path(self) -> Path:
        return self.path / BUILDS

    def version_path(self, version: str) -> Path:
        return self.versions_path / version

    # -- coordination lock -------------------------------------------------------------

    @contextlib.contextmanager
    def coordination(self, exclusive: bool) -> Iterator[None]:
        self.path.mkdir(parents=True, exist_ok=True)
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        with open(self.path / LOCK_FILE, "a+b") as handle:
            self._acquire(handle.fileno(), mode, "exclusive lock" if exclusive else "shared lock")
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _acquire(self, fd: int, mode: int, what: str) -> None:
        deadline = time.monotonic() + self.lock_timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                return
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if time.monotonic() >= deadline:
                raise SearchIndexBusy(self.name, what, self.lock_timeout)
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    # -- versions and pointer ------------------------------------------------------------

    def current_version(self) -> str | None:
        try:
            version = self.pointer_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return version or None

    def create_version(self, schema: object) -> str:
        """A new, empty Whoosh index beside the live one; returns its version name."""
        version = new_version_name()
        path = self.version_path(version)
        path.mkdir(parents=True)
        FileStorage(str(path)).create_index(schema)
        return version

    def replace_schema(self, version: str, schema: object) -> None:
        """Give the not yet written version ``version`` another schema."""
        FileStorage(str(self.version_path(version))).create_index(schema)

    def publish(self, version: str) -> None:
        """Make ``version`` live, atomically, then delete versions nobody needs."""
        previous = self.current_version()
        temporary = self.path / f".{POINTER}.{os.getpid()}.{secrets.token_hex(4)}"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(version)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.pointer_path)
        _fsync_directory(self.path)
        self.remove_unused_versions(keep={version, previous})

    def remove_unused_versions(self, keep: set[str | None]) -> None:
        """Delete old versions, keeping the live one, the previous one and active builds.

        The previous version stays because a process that started a search just
        before the swap may still be reading it.
        """
        keep = keep | set(self.active_builds())
        if not self.versions_path.exists():
            return
        for entry in self.versions_path.iterdir():
            if entry.name not in keep:
                shutil.rmtree(entry, ignore_errors=True)

    def remove_version(self, version: str) -> None:
        if version != self.current_version():
            shutil.rmtree(self.version_path(version), ignore_errors=True)

    def ensure_exists(self, schema: object) -> str:
        """The live version, creating an empty one on first use."""
        version = self.current_version()
        if version is not None:
            return version
        with self.coordination(exclusive=True):
            version = self.current_version()
            if version is None:
                version = self.create_version(schema)
                self.publish(version)
                logger.warning(
                    "Created an empty search index '%s'; run `manage.py search_rebuild` "
                    "to fill it with existing content.",
                    self.name,
                )
        return version

    # -- opening ----------------------------------------------------------------------------

    def open_version(self, version: str) -> FileIndex:
        """Open one version; transient failures are retried before calling it corrupt.

        Opening reads the latest table of contents, which a concurrent commit may
        replace (and delete) between the listing and the read: that is a race, not
        damage, and it resolves on the next attempt.
        """
        path = self.version_path(version)
        error: Exception | None = None
        for attempt in range(OPEN_ATTEMPTS):
            if not path.is_dir():
                raise SearchIndexCorrupt(self.name, path, "the live version directory is missing")
            try:
                return FileStorage(str(path)).open_index()
            except Exception as failure:  # whatever stops the index from opening
                error = failure
                time.sleep(0.005 * (attempt + 1))
        raise SearchIndexCorrupt(self.name, path, f"{type(error).__name__}: {error}") from error

    def searcher(self) -> Searcher:
        """A searcher on the live version, cached per thread and refreshed on change."""
        for _attempt in range(2):
            try:
                return self._searcher()
            except SearchIndexCorrupt:
                # A commit or a rebuild may have replaced files between two reads
                # (refreshing a searcher is not atomic): look once more.
                time.sleep(0.01)
        return self._searcher()

    def _searcher(self) -> Searcher:
        version = self.current_version()
        if version is None:
            self.forget_searcher()
            raise SearchIndexMissing(self.name, self.path)
        cached = _searchers.entries.get(self.path)
        try:
            if cached is not None and cached.version == version and cached.searcher.up_to_date():
                return cached.searcher
            # A new generation: open a new searcher rather than ``Searcher.refresh()``,
            # which in Whoosh 2.7 never actually reuses segment readers and, when a
            # concurrent commit races it, closes the readers of the searcher it was
            # refreshing.
            searcher = self.open_version(version).searcher()
        except SearchIndexCorrupt:
            self.forget_searcher()
            raise
        except READ_ERRORS as error:
            self.forget_searcher()
            path = self.version_path(version)
            raise SearchIndexCorrupt(self.name, path, f"{type(error).__name__}: {error}") from error
        self.forget_searcher()
        _searchers.entries[self.path] = _CachedSearcher(version, searcher)
        return searcher

    def forget_searcher(self) -> None:
        cached = _searchers.entries.pop(self.path, None)
        if cached is not None:
            with contextlib.suppress(Exception):
                cached.searcher.close()

    # -- writing ------------------------------------------------------------------------------

    def open_writer(self, ix: FileIndex, *, processes: int = 1, **options: object) -> IndexWriter:
        """A Whoosh writer, waiting for the write lock instead of failing at once; with
        several ``processes``, one that writes a segment in each (for rebuilds)."""
        try:
            if processes > 1:
                return ParallelRebuildWriter(ix, procs=processes, timeout=self.lock_timeout,
                                             delay=0.02, **options)
            return FastCommitSegmentWriter(ix, timeout=self.lock_timeout, delay=0.02, **options)
        except LockError as error:
            raise SearchIndexBusy(self.name, "Whoosh write lock", self.lock_timeout) from error

    def write(
        self,
        schema: object,
        apply: Callable[[IndexWriter], None],
        journal_keys: list[str],
    ) -> None:
        """Apply ``apply`` to the live version in one commit, journaling for rebuilds."""
        self.ensure_exists(schema)
        with self.coordination(exclusive=False):
            version = self.current_version()
            ix = self.open_version(version)
            writer = self.open_writer(ix)
            try:
                add_missing_fields(writer, schema)
                apply(writer)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            for build in self.active_builds():
                self.append_journal(build, journal_keys)

    # -- rebuild bookkeeping -----------------------------------------------------------------

    def build_marker(self, version: str) -> Path:
        return self.builds_path / f"{version}.json"

    def journal_path(self, version: str) -> Path:
        return self.builds_path / f"{version}.log"

    def register_build(self, version: str) -> None:
        self.builds_path.mkdir(parents=True, exist_ok=True)
        marker = {"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()}
        self.build_marker(version).write_text(json.dumps(marker), encoding="utf-8")
        self.journal_path(version).touch()

    def unregister_build(self, version: str) -> None:
        for path in (self.build_marker(version), self.journal_path(version)):
            path.unlink(missing_ok=True)

    def active_builds(self) -> list[str]:
        """Versions being rebuilt by a live process (stale markers are ignored)."""
        if not self.builds_path.exists():
            return []
        return [
            marker.stem for marker in self.builds_path.glob("*.json") if _build_is_alive(marker)
        ]

    def remove_stale_builds(self) -> None:
        if not self.builds_path.exists():
            return
        for marker in self.builds_path.glob("*.json"):
            if not _build_is_alive(marker):
                self.unregister_build(marker.stem)

    def append_journal(self, version: str, keys: list[str]) -> None:
        if not keys:
            return
        data = "".join(f"{key}\n" for key in keys).encode("utf-8")
        # One O_APPEND write per batch: concurrent writers never interleave lines.
        fd = os.open(self.journal_path(version), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    def read_journal(self, version: str) -> list[str]:
        try:
            lines = self.journal_path(version).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return list(dict.fromkeys(line for line in lines if line))


def add_missing_fields(writer: IndexWriter, schema: object) -> None:
    """Add fields that appeared in the code since the index was built.

    New ``search_fields`` then work for new and updated objects straight away; older
    documents get them at the next rebuild. Word-pair fields come in pairing no words
    (as in the code's schema): a rebuild chooses them, and until then phrases compare
    the positions of words (see ``query._phrase_in_column``).
    """
    existing = set(writer.schema.names())
    for name, field in schema.items():
        if name not in existing:
            writer.add_field(name, field)


def _build_is_alive(marker: Path) -> bool:
    try:
        info = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if time.time() - float(info.get("started", 0)) > STALE_BUILD_SECONDS:
        return False
    if info.get("host") != socket.gethostname():
        return True  # cannot check a process on another host: trust the marker
    return _process_exists(int(info.get("pid", 0)))


def _process_exists(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_directory(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
