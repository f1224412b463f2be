"""Indexes (one per root model) and the atomic rebuilder."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from modelsearch.backends.base import BaseIndex
from modelsearch.index import class_is_indexed, get_indexed_instance
from whoosh.searching import Searcher
from whoosh.writing import IndexWriter

from .analysis import common_words
from .exceptions import SearchIndexCorrupt
from .mapping import PK, TEXT_PREFIX, mapping_for, root_schema, with_pair_words
from .storage import IndexDirectory

if TYPE_CHECKING:
    from .backend import WhooshSearchBackend

logger = logging.getLogger("portal.search.whoosh")
#: A rebuild of fewer documents is written by one process.
PARALLEL_MIN_DOCUMENTS = 2000
#: Words paired for phrases: found in this share of the first documents of a rebuild,
#: and in this many of them (see ``analysis``). Below that, a phrase compares positions
#: in few documents anyway.
PAIR_WORD_SHARE = 0.01
PAIR_WORD_MIN_DOCUMENTS = 20
#: How many documents a rebuild reads before it chooses them.
PAIR_SAMPLE_DOCUMENTS = 1000


def journal_key(obj: models.Model) -> str:
    """``app_label.Model:pk``: what a rebuild needs to re-read a changed object."""
    return f"{obj._meta.label}:{force_str(obj.pk)}"


class WhooshIndex(BaseIndex):
    """The index of one root model and its subclasses, in its own directory."""

    def __init__(self, backend: WhooshSearchBackend, name: str, root: type[models.Model]) -> None:
        super().__init__(backend)
        self.name = name
        self.root = root
        self.directory = IndexDirectory(backend.path / name, name, backend.lock_timeout)

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"<WhooshIndex {self.name} at {self.directory.path}>"

    def get_key(self) -> str:
        return self.name

    def schema(self) -> Any:
        return root_schema(self.root, self.backend.default_language)

    # -- reading ------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        return self.directory.searcher()

    def document_count(self) -> int:
        return self.searcher().doc_count()

    def corrupt_error(self, error: BaseException) -> SearchIndexCorrupt:
        version = self.directory.current_version() or "?"
        path = self.directory.version_path(version)
        return SearchIndexCorrupt(self.name, path, f"{type(error).__name__}: {error}")

    # -- writing -------------------------------------------------------------------------

    def add_model(self, model: type[models.Model]) -> None:
        # The schema covers every model of the root's tree from the start; new fields
        # are added on the next write (see storage.add_missing_fields).
        pass

    def add_items(self, model: type[models.Model], items: Iterable[models.Model]) -> None:
        if not class_is_indexed(model):
            return
        items = list(items)
        if not items:
            return
        documents = self._documents(model, items)
        self.directory.write(
            self.schema(),
            lambda writer: self._update_documents(writer, documents),
            [journal_key(obj) for obj in items],
        )

    def delete_item(self, item: models.Model) -> None:
        if not class_is_indexed(type(item)):
            return
        self.directory.write(
            self.schema(),
            lambda writer: writer.delete_by_term(PK, force_str(item.pk)),
            [journal_key(item)],
        )

    def refresh(self) -> None:
        # Commits are visible as soon as they are written; searchers notice the new
        # generation by themselves (see IndexDirectory.searcher).
        pass

    def reset(self) -> None:
        """Replace the live index with an empty one (atomically)."""
        with self.directory.coordination(exclusive=True):
            version = self.directory.create_version(self.schema())
            self.directory.publish(version)

    def _documents(self, model: type[models.Model], items: list[models.Model]) -> list[dict]:
        mapping = mapping_for(model)
        language = self.backend.default_language
        return [mapping.document(obj, language) for obj in items]

    @staticmethod
    def _update_documents(writer: IndexWriter, documents: list[dict]) -> None:
        for document in documents:
            writer.update_document(**document)


class BuildingIndex(WhooshIndex):
    """A new version being filled by a rebuild, invisible to searches until published.

    It keeps one writer open for the whole rebuild: one segment, no merge per batch,
    which is what makes a full rebuild fast.
    """

    def __init__(self, live: WhooshIndex, version: str) -> None:
        super().__init__(live.backend, live.name, live.root)
        self.version = version
        self._writer: IndexWriter | None = None
        self._added: set[str] = set()
        self._readd: dict[str, dict] = {}
        self._expected = 0
        # The first documents wait here until the words to pair are chosen from them.
        self._sample: list[dict] | None = []

    def expect(self, documents: int) -> None:
        """How many documents the rebuild will add: a large one is written in parallel."""
        self._expected = documents

    def writer(self) -> IndexWriter:
        if self._writer is None:
            ix = self.directory.open_version(self.version)
            processes = self.backend.rebuild_processes
            if self._expected < PARALLEL_MIN_DOCUMENTS:
                processes = 1  # starting processes would cost more than they save
            # A large sorting pool keeps a rebuild's postings in memory instead of
            # spilling pickled runs to disk (Whoosh falls back to disk beyond it).
            self._writer = self.directory.open_writer(
                ix, processes=processes, limitmb=self.backend.rebuild_memory_mb // processes)
        return self._writer

    def add_items(self, model: type[models.Model], items: Iterable[models.Model]) -> None:
        if not class_is_indexed(model):
            return
        documents = self._documents(model, list(items))
        if self._sample is not None:
            self._sample.extend(documents)
            if len(self._sample) >= PAIR_SAMPLE_DOCUMENTS:
                self._write_sample()
            return
        self._add_documents(documents)

    def _add_documents(self, documents: list[dict]) -> None:
        writer = self.writer()
        for document in documents:
            key = document[PK]
            if key in self._added:
                # Whoosh cannot replace a document of the segment being written:
                # keep the latest copy and apply it after the first commit.
                self._readd[key] = document
                continue
            self._added.add(key)
            writer.add_document(**document)

    def _write_sample(self) -> None:
        """Pair the words common in the first documents (an index's first models may hold
        a handful each), then write those documents."""
        sample, self._sample = self._sample or [], None
        words = common_words(
            ([value for name, value in doc.items() if name.startswith(TEXT_PREFIX)]
             for doc in sample),
            self.backend.default_language,
            share=PAIR_WORD_SHARE,
            minimum=PAIR_WORD_MIN_DOCUMENTS,
        )
        if words:
            schema = with_pair_words(self.schema(), words, self.backend.default_language)
            self.directory.replace_schema(self.version, schema)
        self._add_documents(sample)

    def delete_item(self, item: models.Model) -> None:
        if self._sample is not None:
            self._write_sample()  # deletions apply after the additions before them
        key = force_str(item.pk)
        self._readd.pop(key, None)
        self.writer().delete_by_term(PK, key)

    def commit(self) -> None:
        if self._sample is not None:
            self._write_sample()
        writer = self.writer()
        writer.commit()
        self._writer = None
        if self._readd:
            documents = list(self._readd.values())
            self._readd.clear()
            ix = self.directory.open_version(self.version)
            second = self.directory.open_writer(ix)
            self._update_documents(second, documents)
            second.commit()

    def cancel(self) -> None:
        self._sample = None
        if self._writer is not None:
            self._writer.cancel()
            self._writer = None

    def replay_journal(self) -> int:
        """Re-index objects changed while this rebuild ran; returns how many."""
        keys = self.directory.read_journal(self.version)
        if not keys:
            return 0
        ix = self.directory.open_version(self.version)
        writer = self.directory.open_writer(ix)
        try:
            for key in keys:
                self._replay(writer, key)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return len(keys)

    def _replay(self, writer: IndexWriter, key: str) -> None:
        label, _, pk = key.partition(":")
        model = apps.get_model(label)
        obj = model._base_manager.filter(pk=pk).first()
        indexed = get_indexed_instance(obj) if obj is not None else None
        writer.delete_by_term(PK, pk)
        if indexed is not None and class_is_indexed(type(indexed)):
            mapping = mapping_for(type(indexed))
            writer.add_document(**mapping.document(indexed, self.backend.default_language))


class WhooshIndexRebuilder:
    """Builds a new version beside the live index and swaps it in when complete.

    Searches keep using the live version during the whole rebuild. Objects saved or
    deleted meanwhile are journaled by the writers and re-read before the swap.
    """

    def __init__(self, index: WhooshIndex) -> None:
        self.live = index
        self.building: BuildingIndex | None = None

    def start(self) -> BuildingIndex:
        directory = self.live.directory
        with directory.coordination(exclusive=True):
            directory.remove_stale_builds()
            version = directory.create_version(self.live.schema())
            directory.register_build(version)
        self.building = BuildingIndex(self.live, version)
        return self.building

    def finish(self) -> None:
        building = self._require_started()
        directory = self.live.directory
        try:
            building.commit()
            with directory.coordination(exclusive=True):
                replayed = building.replay_journal()
                directory.publish(building.version)
                directory.unregister_build(building.version)
        except BaseException:
            self.abort()
            raise
        if replayed:
            logger.info(
                "Search index %s: %d objects changed during the rebuild were re-read.",
                self.live.name,
                replayed,
            )

    def abort(self) -> None:
        """Give up a rebuild: the live index stays as it was."""
        building = self._require_started()
        building.cancel()
        directory = self.live.directory
        directory.unregister_build(building.version)
        directory.remove_version(building.version)

    def _require_started(self) -> BuildingIndex:
        if self.building is None:
            raise RuntimeError("The rebuild has not been started")
        return self.building
