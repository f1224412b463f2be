"""Running compiled searches, with filters cached per searcher.

Queryset filters (content type, "live", a category...) repeat from one search to the
next while the words change. Each distinct filter is evaluated once per index
generation into a set of document numbers; later searches only test membership, and
a filter-only search (MATCH_ALL) walks that set directly instead of every document.
The cache lives as long as the cached searcher, so any write to the index (a new
searcher generation) drops it.
"""

from __future__ import annotations

import functools
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from whoosh import query as wq
from whoosh.idsets import BitSet
from whoosh.matching import ListMatcher, NullMatcher
from whoosh.searching import Results, Searcher

from . import bulkscore
from .mapping import PK
from .query import CompiledSearch, is_match_all

FILTERS_PER_SEARCHER = 16


class DocSet:
    """Document numbers matching a filter: sorted array plus a bit set for lookups."""

    def __init__(self, docnums: list[int], size: int) -> None:
        self.sorted = array("l", docnums)
        self.bits = BitSet(docnums, size=size)
        self.size = size

    def __len__(self) -> int:
        return len(self.sorted)

    @functools.cached_property
    def mask(self) -> np.ndarray:
        """The documents as a boolean mask over document numbers (for bulk scoring)."""
        mask = np.zeros(self.size, dtype=bool)
        mask[np.asarray(self.sorted, dtype=np.int64)] = True
        return mask


class DocSetQuery(wq.Query):
    """Matches the documents of a ``DocSet`` (constant score)."""

    def __init__(self, docs: DocSet) -> None:
        self.docs_ = docs
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self.docs_)} documents)"

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.docs_ is self.docs_

    def __hash__(self) -> int:
        return id(self.docs_)

    def estimate_size(self, ixreader: Any) -> int:
        return len(self.docs_)

    def matcher(self, searcher: Searcher, context: Any = None) -> Any:
        # Whoosh runs the query once per segment with segment-local numbers.
        parent = searcher.parent() if searcher.parent else None
        offset = parent._offset_for_subsearcher(searcher) if parent is not None else 0
        docnums = self.docs_.sorted
        low = bisect_left(docnums, offset)
        high = bisect_left(docnums, offset + searcher.doc_count_all())
        local = [docnum - offset for docnum in docnums[low:high]]
        return ListMatcher(local, all_weights=1.0) if local else NullMatcher()


_filters: WeakKeyDictionary[Searcher, OrderedDict[str, DocSet]] = WeakKeyDictionary()


def filter_docs(searcher: Searcher, filter_query: wq.Query) -> DocSet:
    cache = _filters.setdefault(searcher, OrderedDict())
    key = repr(filter_query)
    docs = cache.get(key)
    if docs is None:
        docs = DocSet(sorted(searcher.docs_for_query(filter_query)), searcher.doc_count_all())
        cache[key] = docs
        if len(cache) > FILTERS_PER_SEARCHER:
            cache.popitem(last=False)
    else:
        cache.move_to_end(key)
    return docs


def execute(searcher: Searcher, compiled: CompiledSearch, **options: Any) -> Results:
    """``searcher.search`` for a compiled search; ``options`` as for Whoosh."""
    text, filter_query = compiled.text_query, compiled.filter_query
    if filter_query is None or is_match_all(filter_query):
        return searcher.search(text, **options)
    if text is wq.NullQuery or filter_query is wq.NullQuery:
        return searcher.search(wq.NullQuery, **options)
    docs = filter_docs(searcher, filter_query)
    if is_match_all(text):
        return searcher.search(DocSetQuery(docs), **options)
    return searcher.search(text, filter=docs.bits, **options)


def top_documents(searcher: Searcher, compiled: CompiledSearch, limit: int | None
                  ) -> list[tuple[int, float]] | None:
    """(document number, score) of the best ``limit`` matches, best first, scored in bulk
    (see `bulkscore`); None when the search's shape needs Whoosh's own scoring."""
    text, filter_query = compiled.text_query, compiled.filter_query
    if compiled.sortedby is not None or text is wq.NullQuery or filter_query is wq.NullQuery:
        return None
    plan = bulkscore.word_plan(text)
    if plan is None:
        return None
    allowed = None
    if filter_query is not None and not is_match_all(filter_query):
        allowed = filter_docs(searcher, filter_query).mask
    return bulkscore.top_hits(searcher, plan, allowed=allowed, limit=limit)


_primary_keys: WeakKeyDictionary[Searcher, dict[int, str]] = WeakKeyDictionary()


def primary_keys(searcher: Searcher) -> Callable[[int], str]:
    """A function giving a document's primary key, each read once per searcher (a common
    word's best thousand hits are read again by every search that has the word)."""
    known = _primary_keys.setdefault(searcher, {})
    stored = searcher.stored_fields

    def pk_of(docnum: int) -> str:
        pk = known.get(docnum)
        if pk is None:
            pk = known[docnum] = stored(docnum)[PK]
        return pk

    return pk_of
