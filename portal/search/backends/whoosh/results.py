"""Search results: running the compiled query, loading objects, facets, excerpts."""

from __future__ import annotations

import logging
from collections import Counter, OrderedDict
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.db import models
from django.utils.safestring import SafeString
from modelsearch.backends.base import BaseSearchResults, FilterFieldError
from whoosh.searching import Searcher

from .analysis import PAIR_SEPARATOR
from .exceptions import SearchIndexUnavailable
from .execution import execute, primary_keys, top_documents
from .highlight import DEFAULT_LENGTH, build_excerpt, find_matches
from .mapping import (
    HAS_VALUE,
    TEXT_PREFIX,
    decode_filter_value,
    flatten_text,
    is_pairs_field,
    object_language,
)
from .query import CompiledSearch, positive_terms
from .storage import SEARCH_IO_ERRORS

logger = logging.getLogger("portal.search.whoosh")


class WhooshSearchResults(BaseSearchResults):
    supports_facet = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: The error that made this search return nothing, if the index was unusable.
        self.unavailable: SearchIndexUnavailable | None = None
        self._highlight_terms: tuple[frozenset[str], frozenset[str]] | None = None

    # -- running the query -------------------------------------------------------------

    def _index(self) -> Any:
        return self.backend.get_index_for_model(self.query_compiler.queryset.model)

    def _run(self, action: Any, empty: Any) -> Any:
        """Run ``action(searcher, compiled)``; on an unusable index log and return ``empty``."""
        try:
            return self._run_on_fresh_searcher(action)
        except SearchIndexUnavailable as error:
            if self.backend.raise_on_unavailable:
                raise
            logger.error("Search returned no results: %s", error)
            self.unavailable = error
            return empty

    def _run_on_fresh_searcher(self, action: Any) -> Any:
        index = self._index()
        try:
            return self._attempt(index, action)
        except SEARCH_IO_ERRORS:
            # Files replaced by a concurrent commit: once more, on a new searcher.
            index.directory.forget_searcher()
        try:
            return self._attempt(index, action)
        except SEARCH_IO_ERRORS as error:
            index.directory.forget_searcher()
            raise index.corrupt_error(error) from error

    def _attempt(self, index: Any, action: Any) -> Any:
        searcher = index.searcher()
        compiled = self.query_compiler.compile(searcher, self.backend.default_language)
        self._remember_terms(compiled)
        return action(searcher, compiled)

    def _hits(self, searcher: Searcher, compiled: CompiledSearch) -> list[tuple[str, float | None]]:
        limit = self.stop
        pk_of = primary_keys(searcher)
        ranked = top_documents(searcher, compiled, limit)
        if ranked is not None:
            return [(pk_of(docnum), score) for docnum, score in ranked[self.start:limit]]
        scored = compiled.sortedby is None or self._score_field is not None
        results = execute(
            searcher, compiled, limit=limit, sortedby=compiled.sortedby, scored=scored
        )
        return [
            (pk_of(docnum), _as_score(score))
            for docnum, score in islice(results.items(), self.start, limit)
        ]

    def hit_pks(self) -> list[str]:
        """Primary keys (as strings) of this slice of results, without touching the database."""
        if self.stop is not None and self.stop <= self.start:
            return []
        return [pk for pk, _score in self._run(self._hits, [])]

    def scored_pks(self) -> list[tuple[str, float | None]]:
        """(primary key as a string, score) of this slice, without touching the database."""
        if self.stop is not None and self.stop <= self.start:
            return []
        return self._run(self._hits, [])

    def _do_search(self) -> Iterator[models.Model]:
        if self.stop is not None and self.stop <= self.start:
            return iter(())
        hits = self._run(self._hits, [])
        return iter(self._load_objects(hits))

    def _load_objects(self, hits: list[tuple[str, float | None]]) -> list[models.Model]:
        """Objects for the hits, in hit order, fetched in one query."""
        if not hits:
            return []
        queryset = self.query_compiler.queryset
        pk_field = queryset.model._meta.pk
        pks = [pk_field.to_python(pk) for pk, _score in hits]
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        objects = {str(obj.pk): obj for obj in queryset.filter(pk__in=pks).order_by()}
        found = []
        for pk, score in hits:
            obj = objects.get(pk)
            if obj is None:
                continue  # deleted from the database, not yet from the index
            if self._score_field:
                setattr(obj, self._score_field, score)
            found.append(obj)
        return found

    def _do_count(self) -> int:
        total = self._run(
            lambda searcher, compiled: len(execute(searcher, compiled, limit=None, scored=False)),
            0,
        )
        total -= self.start
        if self.stop is not None:
            total = min(total, self.stop - self.start)
        return max(total, 0)

    # -- facets ----------------------------------------------------------------------------------

    def facet(self, field_name: str) -> OrderedDict:
        """Count the matching documents per value of a ``FilterField`` (``None``: no value)."""
        compiler = self.query_compiler
        field = compiler._get_filterable_field(field_name)
        column = compiler.mapping.column_for(field, "filter") if field else None
        if column is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {compiler.model.__name__}.search_fields.',
                field_name=field_name,
            )
        counts = self._run(
            lambda searcher, compiled: _facet_counts(searcher, compiled, column), Counter()
        )
        ordered = sorted(counts.items(), key=lambda item: -item[1])
        return OrderedDict(
            (None if key is None else decode_filter_value(column.value_kind, key), count)
            for key, count in ordered
            if count
        )

    # -- highlighted excerpts -----------------------------------------------------------------------

    def _remember_terms(self, compiled: CompiledSearch) -> None:
        terms, prefixes = set(), set()
        for field_name, text in positive_terms(compiled.text_query):
            if isinstance(text, bytes):
                continue
            if field_name.startswith(TEXT_PREFIX):
                terms.add(text)
            elif is_pairs_field(field_name):
                terms.update(text.split(PAIR_SEPARATOR))
            elif field_name.startswith("a_"):
                prefixes.add(text)
        self._highlight_terms = (frozenset(terms), frozenset(prefixes))

    def highlight_terms(self) -> tuple[frozenset[str], frozenset[str]]:
        """(index terms, prefixes) the query looked for; used to mark matches."""
        if self._highlight_terms is None:
            self._run(lambda searcher, compiled: None, None)
        return self._highlight_terms or (frozenset(), frozenset())

    def excerpt(
        self,
        obj: models.Model,
        field_name: str | None = None,
        max_length: int = DEFAULT_LENGTH,
    ) -> SafeString:
        """An HTML-safe excerpt of ``obj`` with the words that matched in ``<mark>``.

        ``field_name`` names a ``SearchField`` of the object's model; without it the
        field with the most matches is used. The source text is escaped, so the result
        can be rendered as is in a template.
        """
        terms, prefixes = self.highlight_terms()
        language = object_language(obj, self.backend.default_language)
        best_text, best_matches = "", []
        for text in _field_texts(obj, field_name):
            matches = find_matches(text, language, terms, prefixes)
            if not best_text or len(matches) > len(best_matches):
                best_text, best_matches = text, matches
        return build_excerpt(best_text, best_matches, max_length)

    def with_excerpts(
        self, field_name: str | None = None, max_length: int = DEFAULT_LENGTH
    ) -> Iterator[tuple[models.Model, SafeString]]:
        """Iterate ``(object, excerpt)`` pairs, handy for a results page."""
        for obj in self:
            yield obj, self.excerpt(obj, field_name, max_length)


def _facet_counts(searcher: Searcher, compiled: CompiledSearch, column: Any) -> Counter:
    matched = set(execute(searcher, compiled, limit=None, scored=False).docs())
    reader = searcher.reader()
    counts: Counter = Counter()
    if column.name not in searcher.schema:
        counts[None] = len(matched)
        return counts
    field = searcher.schema[column.name]
    for term in field.sortable_terms(reader, column.name):
        docs = set(reader.postings(column.name, term).all_ids()) & matched
        if docs:
            counts[field.from_bytes(term)] += len(docs)
    with_value = _docs_with_term(reader, HAS_VALUE, column.name) & matched
    counts[None] = len(matched) - len(with_value)
    return counts


def _docs_with_term(reader: Any, field_name: str, text: str) -> set[int]:
    if (field_name, text) not in reader:
        return set()
    return set(reader.postings(field_name, text).all_ids())


def _field_texts(obj: models.Model, field_name: str | None) -> list[str]:
    """Texts to cut an excerpt from: the named field, or every ``SearchField``.

    A name that is not a ``SearchField`` is read as a plain attribute (or method), so a
    page can show an excerpt of, say, a summary that is not indexed on its own.
    """
    fields = [
        field
        for field in type(obj).get_searchable_search_fields()
        if field_name is None or field.field_name == field_name
    ]
    if fields:
        values = [field.get_value(obj) for field in fields]
    else:
        value = getattr(obj, field_name, None) if field_name else None
        values = [value() if callable(value) else value]
    return [text for text in (flatten_text(value) for value in values) if text]


def _as_score(score: Any) -> float | None:
    return float(score) if isinstance(score, (int, float)) else None
