"""Translate modelsearch queries, queryset filters and ordering into Whoosh queries."""

from __future__ import annotations

import itertools
import weakref
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import DEFAULT_DB_ALIAS
from django.db.models import F, OrderBy, Q, Subquery
from django.db.models.expressions import Col
from django.db.models.sql import Query
from django.db.models.sql.constants import MULTI, SINGLE
from django.utils.encoding import force_str
from modelsearch.backends.base import (
    BaseSearchQueryCompiler,
    FilterError,
    OrderByFieldError,
)
from modelsearch.index import FilterField, RelatedFields
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from whoosh import query as wq
from whoosh import sorting
from whoosh.searching import Searcher

from .analysis import (
    DEFAULT_LANGUAGE,
    autocomplete_words,
    phrase_variants,
    query_words,
    word_pair,
    word_variants,
)
from .mapping import (
    CONTENT_TYPES,
    HAS_VALUE,
    IS_NULL,
    LANGUAGE,
    ORDER_PK,
    PK,
    Column,
    content_type_label,
    encode_filter_value,
    mapping_for,
    pair_words,
    pairs_field,
)
from .phrases import PairedPhrase

# ---------------------------------------------------------------------------
# Small algebra on Whoosh queries that keeps MatchAll / MatchNone cheap: Whoosh would
# otherwise walk every document for an Every() nested in an And.


def conjunction(parts: Iterable[wq.Query]) -> wq.Query:
    kept = [part for part in parts if not is_match_all(part)]
    if any(part is wq.NullQuery for part in kept):
        return wq.NullQuery
    if not kept:
        return wq.Every()
    return kept[0] if len(kept) == 1 else wq.And(kept)


def disjunction(parts: Iterable[wq.Query]) -> wq.Query:
    kept = [part for part in parts if part is not wq.NullQuery]
    if any(is_match_all(part) for part in kept):
        return wq.Every()
    if not kept:
        return wq.NullQuery
    return kept[0] if len(kept) == 1 else wq.Or(kept)


def negation(part: wq.Query) -> wq.Query:
    if is_match_all(part):
        return wq.NullQuery
    if part is wq.NullQuery:
        return wq.Every()
    if isinstance(part, wq.Not):
        return part.query
    return wq.Not(part)


def is_match_all(part: wq.Query) -> bool:
    return isinstance(part, wq.Every) and part.fieldname is None


def positive_terms(query: wq.Query) -> Iterator[tuple[str, Any]]:
    """(field, text) of the terms a document matched for, ignoring negated parts."""
    if isinstance(query, wq.Not):
        return
    if query.is_leaf():
        yield from query.terms(phrases=True)
        return
    for child in query.children():
        yield from positive_terms(child)


# ---------------------------------------------------------------------------
# Filters


@dataclass
class FilterNode:
    """A compiled filter (always truthy, unlike some Whoosh queries)."""

    query: wq.Query


@dataclass
class FilterLeaf(FilterNode):
    """One lookup, with what is needed to evaluate it together with its siblings.

    ``correlation`` is the table alias of a many-valued relation the lookup goes
    through. Django applies lookups of one ``filter()`` call on such a relation to the
    *same* related row ("a book published in 1954 *and* longer than 400 pages"). The
    index only knows "some book published in 1954" and "some book longer than 400
    pages", so siblings sharing a correlation are answered by the database instead.
    """

    correlation: str | None = None
    orm_lookup: str = ""
    value: Any = None


@dataclass
class OrderKey:
    reverse: bool
    field: FilterField | None  # None: the primary key
    nulls_first: bool | None = None


#: Term lookups remembered per searcher before the memo starts afresh.
TERM_MEMO_SIZE = 50_000


@dataclass
class _SearcherFacts:
    """What compiling asks of one searcher's (immutable) segments, asked once: every search
    of the page index compiles the same words for several models, and the work grows with
    the number of segments."""

    languages: tuple[str, ...]
    field_names: frozenset[str]
    terms: dict[tuple[str, str], bool]


_facts: weakref.WeakKeyDictionary[Searcher, _SearcherFacts] = weakref.WeakKeyDictionary()


def _searcher_facts(searcher: Searcher) -> _SearcherFacts:
    facts = _facts.get(searcher)
    if facts is None:
        reader = searcher.reader()
        languages = (
            tuple(sorted(term.decode("utf-8") for term in reader.lexicon(LANGUAGE)))
            if LANGUAGE in searcher.schema
            else ()
        )
        facts = _facts[searcher] = _SearcherFacts(
            languages, frozenset(searcher.schema.names()), {})
    return facts


@dataclass
class CompileContext:
    """What the compiler needs to know about the index it is compiled against."""

    languages: tuple[str, ...]
    field_names: frozenset[str]
    reader: Any
    #: The searcher's remembered answers to `has_term` (see `_SearcherFacts`).
    known_terms: dict[tuple[str, str], bool]

    def pair_words(self, pairs_name: str) -> frozenset[str]:
        """The words this index pairs in ``pairs_name``."""
        return pair_words(self.reader.schema, pairs_name)

    def has_term(self, field_name: str, text: str) -> bool:
        """Whether any document has ``text`` in ``field_name``.

        Leaving absent terms out of the query spares Whoosh building (and walking)
        matchers that can never match: most fields lack most words.
        """
        key = (field_name, text)
        found = self.known_terms.get(key)
        if found is None:
            if len(self.known_terms) >= TERM_MEMO_SIZE:
                self.known_terms.clear()
            found = self.known_terms[key] = key in self.reader
        return found

    @classmethod
    def for_searcher(cls, searcher: Searcher, default_language: str) -> CompileContext:
        facts = _searcher_facts(searcher)
        return cls(facts.languages or (default_language,), facts.field_names,
                   searcher.reader(), facts.terms)


@dataclass
class CompiledSearch:
    text_query: wq.Query
    filter_query: wq.Query | None
    sortedby: sorting.FacetType | None


class WhooshSearchQueryCompiler(BaseSearchQueryCompiler):
    HANDLES_ORDER_BY_EXPRESSIONS = True
    column_kind = "text"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.model = self.queryset.model
        self.mapping = mapping_for(self.model)

    # -- entry point ---------------------------------------------------------------------

    def compile(
        self, searcher: Searcher, default_language: str = DEFAULT_LANGUAGE
    ) -> CompiledSearch:
        context = CompileContext.for_searcher(searcher, default_language)
        text_query = self.compile_text(context)
        filter_query = self.compile_filters()
        return CompiledSearch(text_query, filter_query, self.sort_facet(context))

    def compile_filters(self) -> wq.Query | None:
        parts = []
        if self.model is not self.mapping.root:
            parts.append(wq.Term(CONTENT_TYPES, content_type_label(self.model)))
        queryset_filter = self._get_filters_from_queryset()
        if queryset_filter is not None:
            parts.append(queryset_filter.query)
        return conjunction(parts) if parts else None

    # -- full text -------------------------------------------------------------------------

    def search_columns(self, context: CompileContext) -> list[Column]:
        if self.fields:
            fields = {
                field.field_name: field for field in self.model.get_searchable_search_fields()
            }
            columns = [self.mapping.column_for(fields[name], "text") for name in self.fields]
        else:
            columns = self.mapping.subtree_columns("text")
        return [c for c in columns if c is not None and c.name in context.field_names]

    def compile_text(self, context: CompileContext) -> wq.Query:
        return self._compile(self.query, self.search_columns(context), context, 1.0)

    def _compile(
        self, query: Any, columns: list[Column], context: CompileContext, boost: float
    ) -> wq.Query:
        if isinstance(query, MatchAll):
            return wq.Every()
        if isinstance(query, PlainText):
            return self._words(
                query.query_string, query.operator, columns, context, boost * query.boost
            )
        if isinstance(query, Phrase):
            return self._phrase(query.query_string, columns, context, boost)
        if isinstance(query, Fuzzy):
            return self._words(
                query.query_string, query.operator, columns, context, boost, fuzzy=True
            )
        if isinstance(query, Boost):
            return self._compile(query.subquery, columns, context, boost * query.boost)
        if isinstance(query, And):
            return conjunction(self._compile(q, columns, context, boost) for q in query.subqueries)
        if isinstance(query, Or):
            return disjunction(self._compile(q, columns, context, boost) for q in query.subqueries)
        if isinstance(query, Not):
            return negation(self._compile(query.subquery, columns, context, boost))
        raise NotImplementedError(
            f"`{type(query).__name__}` is not supported by the Whoosh search backend."
        )

    def _words(
        self,
        text: str,
        operator: str,
        columns: list[Column],
        context: CompileContext,
        boost: float,
        fuzzy: bool = False,
    ) -> wq.Query:
        per_word = []
        for word in query_words(text):
            variants = word_variants(word, context.languages)
            if not variants:
                continue  # a stop word: documents do not contain it either
            per_word.append(
                disjunction(
                    _term(column, variant, boost, fuzzy, len(word))
                    for column in columns
                    for variant in sorted(variants)
                    if fuzzy or context.has_term(column.name, variant)
                )
            )
        if not per_word:
            return wq.NullQuery
        return conjunction(per_word) if operator == "and" else disjunction(per_word)

    def _phrase(
        self, text: str, columns: list[Column], context: CompileContext, boost: float
    ) -> wq.Query:
        return disjunction(
            _phrase_in_column(column, positions, context, boost * column.boost)
            for positions in sorted(phrase_variants(text, context.languages))
            for column in columns
        )

    # -- filters (hooks called by BaseSearchQueryCompiler) -----------------------------------

    def _process_filter(
        self, column: Any, lookup: str, value: Any, check_only: bool = False
    ) -> Any:
        field_path = self._get_filter_field_path_for_column(column)
        if check_only:
            return None
        query = self._process_lookup(field_path, lookup, value)
        if query is None:
            raise FilterError(
                f'Could not apply filter on search results: "{column.target.attname}__{lookup} = {value}". '
                f'Lookup "{lookup}" not recognised.'
            )
        index_column = self.mapping.filter_column_for_path(field_path)
        return FilterLeaf(
            query,
            correlation=column.alias if index_column.multi_valued else None,
            orm_lookup=_orm_lookup(field_path, lookup),
            value=value,
        )

    def _process_lookup(self, field_path: list[Any], lookup: str, value: Any) -> wq.Query | None:
        column = self.mapping.filter_column_for_path(field_path)
        name, kind = column.name, column.value_kind
        if lookup == "exact":
            value = self._single_value(value)
            if value is None:
                return wq.Term(IS_NULL, name)
            return wq.Term(name, encode_filter_value(kind, value))
        if lookup == "in":
            values = [encode_filter_value(kind, item) for item in self._many_values(value)]
            return disjunction(wq.Term(name, item) for item in values if item is not None)
        if lookup == "isnull":
            return wq.Term(IS_NULL if value else HAS_VALUE, name)
        if lookup in ("startswith", "prefix") and kind == "str":
            return wq.Prefix(name, force_str(value))
        if lookup in ("gt", "gte"):
            return _range(column, value, None, lookup == "gt", False)
        if lookup in ("lt", "lte"):
            return _range(column, None, value, False, lookup == "lt")
        if lookup == "range":
            lower, upper = value
            return _range(column, lower, upper, False, False)
        return None

    def _process_match_none(self) -> FilterNode:
        return FilterNode(wq.NullQuery)

    def _connect_filters(
        self, filters: list[Any], connector: str, negated: bool
    ) -> FilterNode | None:
        if not filters:
            return None
        if connector == "AND":
            query = conjunction(self._correlated(filters))
        else:
            query = disjunction(node.query for node in filters)
        return FilterNode(negation(query) if negated else query)

    def _correlated(self, filters: list[FilterNode]) -> list[wq.Query]:
        """Queries of AND-ed filters; lookups on one many-valued join go to the database."""
        groups: dict[str, list[FilterLeaf]] = defaultdict(list)
        parts = []
        for node in filters:
            if isinstance(node, FilterLeaf) and node.correlation:
                groups[node.correlation].append(node)
            else:
                parts.append(node.query)
        for leaves in groups.values():
            parts.append(leaves[0].query if len(leaves) == 1 else self._database_filter(leaves))
        return parts

    def _database_filter(self, leaves: list[FilterLeaf]) -> wq.Query:
        condition = Q(**{leaf.orm_lookup: leaf.value for leaf in leaves})
        manager = self.model._base_manager.using(self.queryset.db)
        pks = manager.filter(condition).values_list("pk", flat=True).distinct()
        return disjunction(wq.Term(PK, force_str(pk)) for pk in pks)

    def _single_value(self, value: Any) -> Any:
        if isinstance(value, (Query, Subquery)):
            row = self._subquery(value).execute_sql(result_type=SINGLE)
            return row[0] if row else None
        return value

    def _many_values(self, value: Any) -> list[Any]:
        if isinstance(value, (Query, Subquery)):
            chunks = self._subquery(value).execute_sql(result_type=MULTI)
            return [row[0] for chunk in chunks for row in chunk]
        return list(value)

    def _subquery(self, value: Query | Subquery) -> Any:
        query = value.query if isinstance(value, Subquery) else value
        return query.get_compiler(self.queryset._db or DEFAULT_DB_ALIAS)

    # -- ordering ------------------------------------------------------------------------------

    def _get_order_by(self) -> Iterator[tuple[bool, Any]]:
        for key in self.order_keys():
            yield key.reverse, key.field

    def order_keys(self) -> Iterator[OrderKey]:
        if self.order_by_relevance:
            return
        for item in self.queryset.query.order_by:
            yield self._order_key(item)

    def _order_key(self, item: Any) -> OrderKey:
        if isinstance(item, OrderBy):
            name = _expression_name(item.expression)
            if name is None:
                raise OrderByFieldError(
                    f'Sorting search results with "{item}" is not supported by this search backend.',
                    field_name=str(item),
                )
            nulls_first = True if item.nulls_first else False if item.nulls_last else None
            return OrderKey(item.descending, self._order_field(name), nulls_first)
        reverse = item.startswith("-")
        return OrderKey(reverse, self._order_field(item.lstrip("-")))

    def _order_field(self, name: str) -> FilterField | None:
        """The filter field to sort on; ``None`` for the primary key (always sortable)."""
        field = self._get_filterable_field(name)
        if field is not None:
            return field
        pk = self.model._meta.pk
        if name in ("pk", pk.attname, pk.name):
            return None
        raise OrderByFieldError(
            f'Cannot sort search results with field "{name}". Please add '
            f'index.FilterField("{name}") to {self.model.__name__}.search_fields.',
            field_name=name,
        )

    def sort_facet(self, context: CompileContext) -> sorting.FacetType | None:
        if self.order_by_relevance:
            return None
        facets: list[sorting.FacetType] = []
        for key in self.order_keys():
            facets.extend(self._facets_for(key, context))
        # Primary key last: a stable order for ties, newest first when nothing else is asked.
        facets.append(sorting.FieldFacet(ORDER_PK, reverse=True))
        return facets[0] if len(facets) == 1 else sorting.MultiFacet(facets)

    def _facets_for(self, key: OrderKey, context: CompileContext) -> list[sorting.FacetType]:
        if key.field is None:
            return [sorting.FieldFacet(ORDER_PK, reverse=key.reverse)]
        column = self.mapping.column_for(key.field, "filter")
        if column is None or column.multi_valued:
            raise OrderByFieldError(
                f'Cannot sort search results by the many-valued field "{key.field.field_name}".',
                field_name=key.field.field_name,
            )
        if column.name not in context.field_names:
            return []
        facets: list[sorting.FacetType] = []
        # Nulls are stored as the smallest value: first when ascending, last when
        # descending, as in SQLite. Other placements need an extra leading key.
        natural_nulls_first = not key.reverse
        if key.nulls_first is not None and key.nulls_first != natural_nulls_first:
            has_value = wq.Term(HAS_VALUE, column.name)
            first, other = ("1", "0") if key.nulls_first else ("0", "1")
            facets.append(sorting.QueryFacet({first: has_value}, other=other))
        facets.append(sorting.FieldFacet(column.name, reverse=key.reverse))
        return facets


class WhooshAutocompleteQueryCompiler(WhooshSearchQueryCompiler):
    """Prefix matching on the edge n-grams of ``AutocompleteField``s."""

    def search_columns(self, context: CompileContext) -> list[Column]:
        if self.fields:
            fields = {f.field_name: f for f in self.model.get_autocomplete_search_fields()}
            columns = [
                self.mapping.column_for(fields[name], "autocomplete")
                for name in self.fields
                if name in fields
            ]
        else:
            columns = self.mapping.subtree_columns("autocomplete")
        return [c for c in columns if c is not None and c.name in context.field_names]

    def compile_text(self, context: CompileContext) -> wq.Query:
        if isinstance(self.query, MatchAll):
            return wq.Every()
        if not isinstance(self.query, PlainText):
            raise NotImplementedError(
                f"`{type(self.query).__name__}` is not supported for autocomplete queries."
            )
        columns = self.search_columns(context)
        per_word = [
            disjunction(
                wq.Term(column.name, word)
                for column in columns
                if context.has_term(column.name, word)
            )
            for word in autocomplete_words(self.query.query_string)
        ]
        if not per_word:
            return wq.NullQuery
        return conjunction(per_word) if self.query.operator == "and" else disjunction(per_word)


# ---------------------------------------------------------------------------
# Helpers


def _term(column: Column, text: str, boost: float, fuzzy: bool, word_length: int) -> wq.Query:
    weight = boost * column.boost
    if fuzzy:
        # Same tolerance as Elasticsearch's "AUTO" fuzziness.
        distance = 0 if word_length <= 2 else 1 if word_length <= 5 else 2
        return wq.FuzzyTerm(column.name, text, boost=weight, maxdist=distance, prefixlength=0)
    return wq.Term(column.name, text, boost=weight)


def _phrase_in_column(
    column: Column, positions: tuple[tuple[str, ...], ...], context: CompileContext, weight: float
) -> wq.Query:
    """``positions`` (the terms allowed at each place) in a row in ``column``.

    Neighbours that are both words the index pairs are looked up as pairs (see
    ``analysis``): a phrase of two such words is one term, and a longer one compares
    word positions only in the documents holding its pairs (see ``phrases``).
    """
    name = column.name
    present = [[term for term in terms if context.has_term(name, term)] for terms in positions]
    if not all(present):
        return wq.NullQuery
    if len(present) == 1:
        return disjunction(wq.Term(name, term, boost=weight) for term in present[0])
    pairs_name = pairs_field(name)
    paired = context.pair_words(pairs_name)
    steps, covered = [], set()
    for place, (before, after) in enumerate(itertools.pairwise(present)):
        if not all(term in paired for term in (*before, *after)):
            continue
        pairs = [word_pair(first, second) for first in before for second in after]
        pairs = [pair for pair in pairs if context.has_term(pairs_name, pair)]
        if not pairs:
            return wq.NullQuery
        steps.append(pairs)
        covered.update((place, place + 1))
    if not steps:
        return _word_sequence(name, present, weight)
    if len(present) == 2:
        return disjunction(wq.Term(pairs_name, pair, boost=weight) for pair in steps[0])
    lone = [terms for place, terms in enumerate(present) if place not in covered]
    return PairedPhrase(name, present, pairs_name, steps, lone, boost=weight)


def _word_sequence(name: str, present: list[list[str]], weight: float) -> wq.Query:
    if all(len(terms) == 1 for terms in present):
        return wq.Phrase(name, [terms[0] for terms in present], boost=weight)
    return wq.Sequence(
        [disjunction(wq.Term(name, term) for term in terms) for terms in present], boost=weight
    )


def _range(
    column: Column, lower: Any, upper: Any, lower_excluded: bool, upper_excluded: bool
) -> wq.Query:
    kind = column.value_kind
    start = encode_filter_value(kind, lower) if lower is not None else None
    end = encode_filter_value(kind, upper) if upper is not None else None
    if kind == "str":
        return wq.TermRange(column.name, start, end, lower_excluded, upper_excluded)
    return wq.NumericRange(column.name, start, end, lower_excluded, upper_excluded)


def _orm_lookup(field_path: list[Any], lookup: str) -> str:
    names = [field.field_name for field in field_path if isinstance(field, RelatedFields)]
    return "__".join([*names, field_path[-1].field_name, lookup])


def _expression_name(expression: Any) -> str | None:
    if isinstance(expression, F):
        return expression.name
    if isinstance(expression, Col):
        return expression.target.attname
    return None
