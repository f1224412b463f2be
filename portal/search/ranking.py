"""Asking the configured backend for one alternative at a time, and merging the answers.

Backends do not score alike: Whoosh's BM25F and PostgreSQL's ts_rank grow with relevance,
while SQLite FTS5's bm25() is negative and *lower* is better (on SQLite the portal queries
the FTS5 index itself, with stems as prefixes: see `fts5`). Every score is first turned
the right way up, then scaled by the best score any alternative of the same segment
reached in any area, so each segment of a query weighs at most 1 whatever the backend,
and webinars, resources and members are merged on one scale.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from modelsearch.query import Fuzzy, PlainText
from wagtail.search.backends import get_search_backend

from . import fts5
from .registry import SearchArea
from .wording import Segment, fold

#: How many of its best matches one backend query returns, unless told fewer.
MAX_HITS_PER_SEARCH = 1000
#: Words at least this long are also matched fuzzily, where the backend can.
FUZZY_MIN_LENGTH = 5
#: pg_trgm word similarity (0-1) a fuzzy match needs on PostgreSQL.
FUZZY_MIN_SIMILARITY = 0.5


def lower_is_better(backend) -> bool:
    """SQLite FTS5 ranks with bm25(), negative and lower for better matches."""
    return fts5.is_sqlite_database_backend(backend)


def supports_fuzzy(backend) -> bool:
    """Whoosh says so; modelsearch's PostgreSQL backend matches ``Fuzzy`` queries with
    pg_trgm (enabled by the portal_search migrations); SQLite cannot."""
    return getattr(backend, "supports_fuzzy", False) or _is_postgres_database_backend(backend)


def _is_postgres_database_backend(backend) -> bool:
    return type(backend).__module__.startswith("modelsearch.backends.database.postgres")


def _fuzzy_search(backend, area: SearchArea, word: str, limit: int) -> dict:
    """A long word matched fuzzily: on PostgreSQL, trigram word similarity at least
    `FUZZY_MIN_SIMILARITY` (the backend's own threshold lets much looser matches in)."""
    scores = _search(backend, area, Fuzzy(fold(word)), limit)
    if _is_postgres_database_backend(backend):
        scores = {pk: score for pk, score in scores.items() if score >= FUZZY_MIN_SIMILARITY}
    return scores


def _key_type(model):
    """The conversion of a stored key to the model's primary key: a child page's key is its
    parent page's, converted by that field directly (a thousand keys per search)."""
    field = model._meta.pk
    while field.remote_field is not None:
        field = field.target_field
    return field.to_python


def _search(backend, area: SearchArea, query, limit: int) -> dict:
    """primary key -> score (higher is better) of the best ``limit`` matches of one backend
    query on one area."""
    queryset = area.model.objects.only("pk")
    results = backend.search(query, queryset).annotate_score("_search_score")
    results = results[:limit]
    scores = {}
    if hasattr(results, "scored_pks"):  # the Whoosh backend: no database round trip
        to_python = _key_type(area.model)
        for pk, score in results.scored_pks():
            scores[to_python(pk)] = score or 0.0
    else:
        for obj in results:
            scores[obj.pk] = obj._search_score or 0.0
    return scores


def _search_words(backend, area: SearchArea, text: str, *, any_word: bool, limit: int) -> dict:
    """Like `_search` for the words of ``text``, all of them required unless ``any_word``.

    On SQLite the portal asks the FTS5 index itself (stems as prefixes, weighted title;
    see `fts5`); other backends get a plain-text query."""
    if fts5.is_sqlite_database_backend(backend):
        return fts5.scores(area.model, text.split(), any_word=any_word, limit=limit)
    return _search(backend, area, PlainText(text, operator="or" if any_word else "and"), limit)


def _normalised(per_area: dict[str, dict]) -> dict[str, dict]:
    """Scores divided by the best one over every area; all 1.0 when there is no spread."""
    values = [score for scores in per_area.values() for score in scores.values()]
    if not values:
        return per_area
    best, worst = max(values), min(values)
    if best <= 0 or best == worst:
        return {key: dict.fromkeys(scores, 1.0) for key, scores in per_area.items()}
    floor = min(worst, 0.0)
    return {key: {pk: 0.05 + 0.95 * (score - floor) / (best - floor)
                  for pk, score in scores.items()}
            for key, scores in per_area.items()}


@dataclass
class Matches:
    """For each area: primary key -> (segments matched, summed normalised score)."""

    segment_count: int
    found: dict[str, dict] = field(default_factory=lambda: defaultdict(dict))
    fuzzy_used: bool = False

    def add(self, area_key: str, pk, score: float) -> None:
        count, total = self.found[area_key].get(pk, (0, 0.0))
        self.found[area_key][pk] = (count + 1, total + score)

    def keep(self, minimum: int) -> dict[str, dict]:
        return {key: {pk: value for pk, value in hits.items() if value[0] >= minimum}
                for key, hits in self.found.items()}


def match_segments(areas: list[SearchArea], segments: list[Segment], *,
                   any_word: bool, fuzzy: bool = False,
                   limit: int = MAX_HITS_PER_SEARCH) -> Matches:
    """Search each segment's alternatives in each area (all of an alternative's words
    required, or any of them when ``any_word``), keeping the best ``limit`` matches of
    each; a segment counts once per object. With ``fuzzy``, a long word that matches
    nothing as spelled is matched fuzzily, where the backend can."""
    backend = get_search_backend()
    matches = Matches(segment_count=len(segments))
    for segment in segments:
        per_area: dict[str, dict] = {}
        for area in areas:
            best: dict = {}
            for position, alternative in enumerate(segment.alternatives):
                weight = 1.0 if position == 0 else 0.9  # the words as typed come first
                found = _search_words(backend, area, alternative, any_word=any_word,
                                      limit=limit)
                for pk, score in found.items():
                    best[pk] = max(best.get(pk, float("-inf")), score * weight)
            per_area[area.key] = best
        word = segment.text
        if (fuzzy and not any(per_area.values()) and segment.is_word and supports_fuzzy(backend)
                and len(word) >= FUZZY_MIN_LENGTH):
            per_area = {area.key: _fuzzy_search(backend, area, word, limit) for area in areas}
            matches.fuzzy_used = matches.fuzzy_used or any(per_area.values())
        for area_key, scores in _normalised(per_area).items():
            for pk, score in scores.items():
                matches.add(area_key, pk, score)
    return matches
