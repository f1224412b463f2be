"""Scoring word searches in bulk: a word's postings read as arrays and scored at once.

Whoosh scores a search one posting at a time, through a tree of matcher objects. For a
word found in most documents that is the whole cost of a search: "skills" in each of
30,000 resources took 72-90 ms for that area alone, most of it spent calling methods.
The searches the site search sends for words have three shapes: a word in several fields
(an Or of Terms), all of several words (an And of such Ors) and any of them (an Or of
such Ors). For those, this module
reads each term's postings of a segment as two arrays (documents, term frequencies),
scores them with Whoosh's BM25F formula and parameters in one vectorised step per term,
adds the terms up per document as Whoosh's matchers do, and picks the best with a
partial sort. Any other shape (phrases, prefixes, fuzzy terms, negations, boosted groups,
another weighting) returns None and goes through Whoosh as before.

A segment never changes once written, so its longer posting lists and its field lengths
are kept decoded in memory per process (`MAX_KEPT_POSTINGS` postings in all, least
recently used first out). Each search works on the documents its terms hold, never on
arrays the size of the segment, so a rare word stays cheap in a large index.
Scores equal Whoosh's up to the order of additions (the last bits of a double).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import ListMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

#: Postings kept decoded per process, over every kept list (8 bytes each).
MAX_KEPT_POSTINGS = 2_000_000
#: Lists shorter than this are read from the segment every time: reading them is cheap.
MIN_KEPT_POSTINGS = 256
#: Fewer matching documents than this have their field lengths read one by one.
FEW_DOCUMENTS = 256
#: A group whose postings number at least this share of their segment's documents is added
#: up in arrays the size of the segment, which needs no sort; fewer are sorted and merged,
#: so that a rare word stays cheap in a large segment.
DENSE_SHARE = 0.25

_BYTE_TO_LENGTH = np.array([0] + [byte_to_length(byte) for byte in range(1, 256)],
                           dtype=np.float64)

Plan = list[list[tuple[str, str, float]]]


def word_plan(query: Any) -> Plan | None:
    """The groups of an And (each an Or of weighted terms), or None for other shapes."""
    if isinstance(query, wq.And) and type(query) is wq.And:
        if query.boost != 1.0:
            return None
        groups = [_group(sub) for sub in query.subqueries]
        return None if not groups or any(group is None for group in groups) else groups
    group = _group(query)
    return None if group is None else [group]


def _group(query: Any) -> list[tuple[str, str, float]] | None:
    """The weighted terms of a Term or of an Or (of Terms or such Ors: any of several
    words), or None."""
    if type(query) is wq.Term:
        if not isinstance(query.text, str) or query.minquality:
            return None
        return [(query.fieldname, query.text, query.boost)]
    if type(query) is wq.Or and query.boost == 1.0 and not query.scale and query.subqueries:
        terms = []
        for sub in query.subqueries:
            group = _group(sub)
            if group is None:
                return None
            terms.extend(group)
        return terms
    return None


def top_hits(searcher: Any, plan: Plan, *, allowed: np.ndarray | None,
             limit: int | None) -> list[tuple[int, float]] | None:
    """(document number, score) of the best ``limit`` documents matching ``plan``, best
    first, ties by document number as Whoosh orders them; None if Whoosh must score.

    ``allowed`` is a boolean mask over the searcher's document numbers (a filter)."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or weighting._field_B:
        return None
    schema = searcher.schema
    if any(field not in schema or not schema[field].scorable
           for group in plan for field, _text, _boost in group):
        return None
    documents, scores = [], []
    for subsearcher, offset in searcher.leaf_searchers():
        found = _segment_scores(searcher, subsearcher.reader(), plan, weighting)
        if found is None:
            continue
        numbers, values = found[0] + offset, found[1]
        if allowed is not None:
            keep = allowed[numbers]
            numbers, values = numbers[keep], values[keep]
        documents.append(numbers)
        scores.append(values)
    if not documents:
        return []
    documents, scores = np.concatenate(documents), np.concatenate(scores)
    if limit is not None and limit < len(scores):
        # Every document scoring at least the limit-th best, ties included, then sorted.
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= threshold
        documents, scores = documents[keep], scores[keep]
    order = np.lexsort((documents, -scores))
    if limit is not None:
        order = order[:limit]
    return list(zip(documents[order].tolist(), scores[order].tolist(), strict=True))


def _segment_scores(searcher: Any, reader: Any, plan: Plan, weighting: BM25F
                    ) -> tuple[np.ndarray, np.ndarray] | None:
    """(matching local document numbers, their scores) in one segment, or None.

    Sparse: the work follows the postings read, not the size of the segment, so a rare
    word costs little however large the index."""
    found = None
    for group in plan:
        documents, scores = _group_scores(searcher, reader, group, weighting)
        if documents is None:
            return None  # a group matching nothing here: so does the whole And
        if found is None:
            found = documents, scores
            continue
        common, mine, theirs = np.intersect1d(found[0], documents, assume_unique=True,
                                              return_indices=True)
        found = common, found[1][mine] + scores[theirs]
    if found is None:
        return None
    documents, scores = found
    if reader.has_deletions() and len(documents):
        alive = ~np.isin(documents, _deleted(reader), assume_unique=True)
        documents, scores = documents[alive], scores[alive]
    return documents, scores


def _group_scores(searcher: Any, reader: Any, group: list, weighting: BM25F
                  ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The documents holding any term of ``group`` (sorted, once each) and the sum of
    their terms' scores, added in the group's order as Whoosh's union matcher does."""
    parts_documents, parts_scores = [], []
    b, k1 = weighting.B, weighting.K1
    for field, text, boost in group:
        if (field, text) not in reader:
            continue
        documents, frequencies = _postings(reader, field, text)
        lengths = _lengths_of(reader, field, documents)
        idf = searcher.idf(field, text)
        average = searcher.avg_field_length(field) or 1
        score = idf * ((frequencies * (k1 + 1))
                       / (frequencies + k1 * ((1 - b) + b * lengths / average)))
        if boost != 1.0:
            score = score * boost
        parts_documents.append(documents)
        parts_scores.append(score)
    if not parts_documents:
        return None, None
    if len(parts_documents) == 1:
        return parts_documents[0], parts_scores[0]
    documents, scores = np.concatenate(parts_documents), np.concatenate(parts_scores)
    size = reader.doc_count_all()
    # Both ways add each document's scores in the same order (the group's), so they give
    # the same sums to the last bit.
    if len(documents) >= DENSE_SHARE * size:
        found = np.flatnonzero(np.bincount(documents, minlength=size))
        return found, np.bincount(documents, weights=scores, minlength=size)[found]
    documents, where = np.unique(documents, return_inverse=True)
    return documents, np.bincount(where, weights=scores, minlength=len(documents))


# --- decoded postings and lengths, kept per segment --------------------------------------

_kept: OrderedDict[tuple, Any] = OrderedDict()
_kept_postings = 0
_lock = threading.Lock()


def _segment_key(reader: Any) -> tuple | None:
    segment = getattr(reader, "_segment", None)
    storage = getattr(reader, "_storage", None)
    if segment is None or storage is None:
        return None
    return getattr(storage, "folder", id(storage)), segment.segment_id()


def _kept_for_segment(reader: Any, what: tuple) -> tuple[tuple | None, Any]:
    """(the key of ``what`` for this segment, its kept value or None)."""
    segment = _segment_key(reader)
    if segment is None:
        return None, None
    key = (*segment, *what)
    with _lock:
        kept = _kept.get(key)
        if kept is None:
            return key, None
        _kept.move_to_end(key)
        return key, kept[0]


def _keep(key: tuple | None, value: Any, postings: int) -> None:
    global _kept_postings
    if key is None or postings > MAX_KEPT_POSTINGS:
        return
    with _lock:
        if key in _kept:
            return
        _kept[key] = (value, postings)
        _kept_postings += postings
        while _kept_postings > MAX_KEPT_POSTINGS:
            _old_key, (_old, count) = _kept.popitem(last=False)
            _kept_postings -= count


def _postings(reader: Any, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    key, kept = _kept_for_segment(reader, ("postings", field, text))
    if kept is not None:
        return kept
    documents, frequencies = _read_postings(reader.postings(field, text))
    if len(documents) >= MIN_KEPT_POSTINGS:
        _keep(key, (documents, frequencies), len(documents))
    return documents, frequencies


def _read_postings(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """All (document, term frequency) of a term in a segment, as arrays."""
    if isinstance(matcher, ListMatcher):
        documents = np.asarray(matcher._ids, dtype=np.int64)
        if matcher._all_weights:
            weights = np.full(len(documents), matcher._all_weights, dtype=np.float64)
        elif matcher._weights is not None:
            weights = np.asarray(matcher._weights, dtype=np.float64)
        else:
            weights = np.ones(len(documents), dtype=np.float64)
        return documents, weights
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        return _read_blocks(matcher)
    documents, weights = [], []
    while matcher.is_active():  # any other reader: one posting at a time
        documents.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(documents, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def _read_blocks(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh's blocks of postings, decoded as arrays (ids are stored as gaps)."""
    documents, weights = [], []
    while True:
        matcher._read_data()
        gaps, block_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        documents.append(np.cumsum(np.asarray(gaps, dtype=np.int64)))
        if block_weights is None:
            weights.append(np.ones(count, dtype=np.float64))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights, dtype=np.float64))
        else:
            weights.append(np.asarray(block_weights, dtype=np.float64))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(documents), np.concatenate(weights)


def _lengths_of(reader: Any, field: str, documents: np.ndarray) -> np.ndarray:
    """The lengths in ``field`` of ``documents``: a few are read one by one, more from
    the segment's whole column, decoded once and kept."""
    key, lengths = _kept_for_segment(reader, ("lengths", field))
    if lengths is None:
        if len(documents) < FEW_DOCUMENTS:
            return np.array([reader.doc_field_length(docnum, field, 0) for docnum in
                             documents.tolist()], dtype=np.float64)
        lengths = _all_lengths(reader, field)
        _keep(key, lengths, len(lengths))
    return lengths[documents]


def _all_lengths(reader: Any, field: str) -> np.ndarray:
    """Every document's length in ``field`` (0 when it has none), as Whoosh reads it."""
    size = reader.doc_count_all()
    column = _length_column(reader, field)
    if column is _NO_LENGTHS:
        return np.zeros(size, dtype=np.float64)
    if column is None:
        return np.fromiter((reader.doc_field_length(docnum, field, 0)
                            for docnum in range(size)), dtype=np.float64, count=size)
    stored = np.frombuffer(column._dbfile.get(column._basepos, column._count), dtype=np.uint8)
    codes = np.zeros(size, dtype=np.uint8)
    codes[:min(size, len(stored))] = stored[:size]
    return _BYTE_TO_LENGTH[codes]


_NO_LENGTHS = object()


def _length_column(reader: Any, field: str) -> Any:
    """Whoosh 3's column of length bytes when the segment has one of the usual kind,
    `_NO_LENGTHS` when no document of the segment has the field, else None."""
    per_document = getattr(reader, "_perdoc", None)
    cached_reader = getattr(per_document, "_cached_reader", None)
    if cached_reader is None:
        return None
    column = cached_reader(_lenfield(field), LENGTHS_COLUMN)
    if column is None:
        return _NO_LENGTHS
    if not all(hasattr(column, name) for name in ("_dbfile", "_basepos", "_count")):
        return None
    return column if getattr(column, "_fixedlen", 1) == 1 else None


def _deleted(reader: Any) -> np.ndarray:
    """The segment's deleted document numbers, sorted."""
    deleted = getattr(getattr(reader, "_segment", None), "deleted", None)
    if deleted is None:
        deleted = [docnum for docnum in range(reader.doc_count_all())
                   if reader.is_deleted(docnum)]
    return np.array(sorted(deleted), dtype=np.int64)
