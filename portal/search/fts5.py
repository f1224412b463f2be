"""Searching the SQLite FTS5 index of modelsearch's database backend, the portal's way.

The database backend on SQLite keeps every indexed object in one FTS5 table with three
columns (autocomplete, body, title), but its own query neither stems nor weighs fields:
"recognising" misses "recognised" and "partnerships" misses "partnership", and its score
multiplies bm25() by a title-length factor, so a person's name (a short title) outranks
better matches. Whoosh and PostgreSQL stem, so the same query ranked worse on SQLite.

This module asks the same index with:

- each word matched as typed *or* as a prefix of its stem ("partnerships" ->
  ``"partnership"*``, "Réintégration" -> ``"reintegr"*``), so inflections and partial words
  match as the stemming backends match them (FTS5 already folds accents in the index and
  in the query);
- bm25() over the title and body columns only: the autocomplete column repeats the title,
  which the backend's own ranking counts twice (and then multiplies again by a title-length
  factor that lifts every short title, a person's name above better matches).

Scores come back the right way up (higher is better), one query per call, restricted to
one model and its subclasses like the backend's own search.
"""

from __future__ import annotations

from functools import cache

from django.db.models import FloatField, Func, Value
from modelsearch.conf import get_app_config
from modelsearch.utils import get_descendants_content_types_pks
from whoosh.lang import stemmer_for_language

from .wording import fold

#: bm25() column weights. The title is lifted after the merge, the same way on every
#: backend (see `selectors._title_share`); weighing it here as well measured worse on the
#: judged query set (bench/search/relevance.py).
TITLE_WEIGHT = 1.0
BODY_WEIGHT = 1.0
#: Words at least this long are also matched by the prefix of their stem.
PREFIX_MIN_LENGTH = 4
#: A stem shorter than this is too vague to match as a prefix ("mal" would find "malaria").
STEM_MIN_LENGTH = 4


def is_sqlite_database_backend(backend) -> bool:
    return type(backend).__module__.startswith("modelsearch.backends.database.sqlite")


@cache
def _stem(word: str) -> str:
    """The English stem, the language most of the content is written in; French words keep
    a useful prefix too ("formations" -> "format")."""
    return stemmer_for_language("en")(word)


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def term(word: str) -> str:
    """One query word as an FTS5 expression: as typed, or the prefix of its stem."""
    word = fold(word)
    stem = _stem(word) if len(word) >= PREFIX_MIN_LENGTH else ""
    if len(stem) < STEM_MIN_LENGTH:
        return _quoted(word)
    if word.startswith(stem):
        return f"{_quoted(stem)}*"
    return f"({_quoted(word)} OR {_quoted(stem)}*)"


def match_expression(words: list[str], *, any_word: bool) -> str:
    """``words`` (content words, each made of letters and digits) joined by AND or OR."""
    joiner = " OR " if any_word else " AND "
    return joiner.join(term(word) for word in words)


class _WeightedBM25(Func):
    """bm25() of the FTS5 table with one weight per column (autocomplete, body, title)."""

    output_field = FloatField()

    def __init__(self, table: str) -> None:
        self.table = table
        super().__init__()

    def as_sql(self, compiler, connection, **extra):
        return f"bm25({self.table}, 0.0, {BODY_WEIGHT!r}, {TITLE_WEIGHT!r})", []


def scores(model, words: list[str], *, any_word: bool, limit: int) -> dict:
    """primary key -> score (higher is better) of ``model``'s objects matching ``words``."""
    if not words:
        return {}
    # Imported here: the module defines its model lookups on import, SQLite only.
    from modelsearch.backends.database.sqlite.query import MatchExpression

    entries = get_app_config().get_model("SQLiteFTSIndexEntry")
    query = MatchExpression(["title", "body"], Value(match_expression(words, any_word=any_word)))
    rows = (
        entries.objects.filter(query)
        .filter(index_entry__content_type__in=get_descendants_content_types_pks(model))
        .annotate(score=_WeightedBM25(entries._meta.db_table))
        .order_by("score")
        .values_list("index_entry__object_id", "score")[:limit]
    )
    to_python = model._meta.pk.to_python
    return {to_python(object_id): -score for object_id, score in rows}
