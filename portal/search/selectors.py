"""The site search: one query over every registered area, with facets and excerpts.

A query is read into segments (words, or phrases a synonym group knows; see `wording`),
and each segment's alternatives are searched on their own through Wagtail's search layer
(whatever backend is configured), keeping only primary keys and scores (see `ranking`).
The answer is built in steps, each taken only when the previous one found too little:

1. objects that match every segment;
2. if nothing matched, the "did you mean" spelling, when it finds something (the page
   says so and offers the query as typed);
3. if fewer than a few matched, objects that match any segment, those matching more
   segments first (the page says so);
4. if still nothing matched, long words matched fuzzily, where the backend can.

The objects a user may see are then read from the database with `visible_to`, so hidden
content never appears, not even in a count: first as sketches (`sketches`), enough to rank,
filter and count, then, for the page shown only, as objects described by their area.
Objects matching more segments come first, then by score, lifted when the title holds the
words asked for (`_title_share`).
"""

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from modelsearch.query import PlainText
from wagtail.search.backends import get_search_backend

from portal.core.facets import FacetOption
from portal.core.i18n import locale_id_for

from . import spelling
from .ranking import MAX_HITS_PER_SEARCH, lower_is_better, match_segments, supports_fuzzy
from .registry import HitDescription, SearchArea, search_areas
from .sketches import HitSketch, sketch
from .wording import Segment, fold, segments_for, tokens

AUTOCOMPLETE_LIMIT = 8
#: Fewer results than this and the search widens to any word (and offers a spelling).
FEW_RESULTS = 3
#: How much a title holding every segment of the query adds to a score (each segment
#: adds at most 1, see `ranking`).
TITLE_WEIGHT = 0.6
STEM_LENGTH = 5
FACETS = ("type", "theme", "country", "year")
# Of a very common word's matches, the best this many per area are sketched, counted in the
# facets and paged through: nobody reads past the tenth page of results.
MAX_HITS_PER_AREA = 100
#: How many found objects one visibility query checks when counting.
COUNT_CHUNK = 50


@dataclass
class Hit:
    area: SearchArea
    pk: object
    score: float
    sketch: HitSketch
    matched: int = 1  # how many segments of the query the object matches
    # Set by `describe_hits`, for the hits on the page shown.
    obj: Model | None = None
    info: HitDescription | None = None
    excerpt: SafeString | str = ""

    @cached_property
    def facet_values(self) -> dict[str, set[str]]:
        drawn = self.sketch
        return {
            "type": {self.area.key},
            "theme": {theme.slug for theme in drawn.themes},
            "country": {country.iso_code for country in drawn.countries},
            "year": {str(drawn.date.year)} if drawn.date else set(),
        }


@dataclass
class SearchOutcome:
    query: str
    hits: list[Hit]
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    suggestion: str = ""
    #: The query as typed when the results shown are those of ``suggestion`` instead.
    corrected_from: str = ""
    #: Terms searched as well, from the synonym groups ("recognition of prior learning").
    expansions: list[str] = field(default_factory=list)
    #: Some results match only some of the words.
    any_word: bool = False
    segments: list[Segment] = field(default_factory=list, repr=False)
    excerpt_source: dict = field(default_factory=dict, repr=False)
    #: The visitor's language, in which `describe_hits` shows translated hits.
    locale_id: int | None = field(default=None, repr=False)


def _autocomplete_pks(area: SearchArea, query: str, *, limit: int) -> dict:
    """primary key -> score (higher is better) of an area's autocomplete matches."""
    backend = get_search_backend()
    results = backend.autocomplete(query, area.model.objects.only("pk"))
    results = results.annotate_score("_search_score")
    sign = -1.0 if lower_is_better(backend) else 1.0
    return {obj.pk: sign * (obj._search_score or 0.0) for obj in results[:limit]}


def _rank(value) -> tuple:
    return value if isinstance(value, tuple) else (1, value)


def _best(scores: dict) -> dict:
    """The best-ranked matches of an area: a word found in thousands of objects must not
    load and describe every one of them for a page that shows ten."""
    if len(scores) <= MAX_HITS_PER_AREA:
        return scores
    kept = heapq.nlargest(MAX_HITS_PER_AREA, scores, key=lambda pk: _rank(scores[pk]))
    return {pk: scores[pk] for pk in kept}


def _visible_hits(areas: list[SearchArea], user, found: dict[str, dict]) -> list[Hit]:
    """Sketched hits for the best matches ``user`` may see; ``found`` maps an area's key to
    {pk: score or (segments matched, score)}."""
    matches, best = {}, {}
    for area in areas:
        if found.get(area.key):
            best[area.key] = _best(found[area.key])
            matches[area.key] = (area, area.visible_to(user).filter(pk__in=list(best[area.key])))
    hits = []
    for key, sketches in sketch(matches).items():
        area = matches[key][0]
        for pk, drawn in sketches.items():
            matched, score = _rank(best[key][pk])
            hits.append(Hit(area, pk, score * area.weight, drawn, matched=matched))
    return hits


def describe_hits(hits: list[Hit], user, *, locale_id: int | None) -> list[Hit]:
    """Load and describe the hits shown, each in the visitor's language (``locale_id``)
    when it has been translated into it, whichever version matched; one that went out of
    the user's sight since it was found is left out. Each object shown is loaded once, with
    its area's prefetches: one query per area, and one light query for the keys of the
    translations wanted."""
    by_area: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_area[hit.area.key].append(hit)
    for area_hits in by_area.values():
        area = area_hits[0].area
        visible = area.visible_to(user)
        shown = _versions_shown(area_hits, visible, locale_id)
        by_pk = {obj.pk: obj for obj in visible.filter(pk__in=set(shown.values()))}
        for hit in area_hits:
            hit.obj = by_pk.get(shown[hit.pk])
            hit.info = area.describe(hit.obj) if hit.obj is not None else None
    return [hit for hit in hits if hit.info is not None]


def _versions_shown(hits: list[Hit], visible, locale_id: int | None) -> dict:
    """hit's pk -> pk of the version to show: its translation in ``locale_id`` where the
    user may see one, else the version that matched."""
    foreign = {hit.sketch.translation_key for hit in hits
               if hit.sketch.translation_key is not None and hit.sketch.locale_id != locale_id}
    translated = {}
    if foreign and locale_id is not None:  # apart from the pks: with an OR, SQLite reads all
        translated = dict(visible.prefetch_related(None).order_by().filter(
            translation_key__in=foreign, locale_id=locale_id,
        ).values_list("translation_key", "pk"))
    return {hit.pk: translated.get(hit.sketch.translation_key, hit.pk) for hit in hits}


def _visible_count(areas: list[SearchArea], user, found: dict[str, dict]) -> int:
    """How many of the found objects ``user`` may see, counted up to `FEW_RESULTS`: the
    search only asks whether there are none, or too few. The best-ranked are asked first,
    so a common word costs one short query, not one over its thousand matches."""
    visible = 0
    for area in areas:
        scores = found.get(area.key)
        if not scores:
            continue
        ranked = sorted(scores, key=lambda pk: _rank(scores[pk]), reverse=True)
        for start in range(0, len(ranked), COUNT_CHUNK):
            wanted = FEW_RESULTS - visible
            chunk = ranked[start:start + COUNT_CHUNK]
            visible += len(area.visible_to(user).filter(pk__in=chunk).values("pk")[:wanted])
            if visible >= FEW_RESULTS:
                return visible
    return visible


def _one_per_translation(hits: list[Hit], wanted: int | None) -> list[Hit]:
    """A translated object is found once: by its version in the visitor's language
    (``wanted``) if that one matched, else by its best-scored version (`describe_hits` shows
    the visitor's version, when there is one, for the hits on the page)."""
    kept: dict[tuple, Hit] = {}
    others = []
    for hit in hits:
        key = hit.sketch.translation_key
        if key is None:
            others.append(hit)
            continue
        rank = (hit.sketch.locale_id == wanted, hit.score)
        current = kept.get((hit.area.key, key))
        if current is None or rank > (current.sketch.locale_id == wanted, current.score):
            kept[(hit.area.key, key)] = hit
    return others + list(kept.values())


def _passes(hit: Hit, selected: dict[str, str], skip: str | None = None) -> bool:
    values = hit.facet_values
    return all(value in values[name] for name, value in selected.items() if value and name != skip)


def _facet_options(hits: list[Hit], selected: dict[str, str]) -> dict[str, list[FacetOption]]:
    """Counts per facet value among hits that pass the *other* selected filters."""
    labels: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for hit in hits:
        labels["type"][hit.area.key] = str(hit.area.label)
        labels["theme"].update({theme.slug: theme for theme in hit.sketch.themes})
        labels["country"].update({c.iso_code: c for c in hit.sketch.countries})
        if hit.sketch.date:
            labels["year"][str(hit.sketch.date.year)] = str(hit.sketch.date.year)
        for name in FACETS:
            if _passes(hit, selected, skip=name):
                counts[name].update(hit.facet_values[name])
    facets = {}
    for name in FACETS:
        order = (
            (lambda item: -int(item[0])) if name == "year" else (lambda item: (-item[1], item[0]))
        )
        facets[name] = [
            FacetOption(value, str(labels[name][value]), count, selected.get(name) == value)
            for value, count in sorted(counts[name].items(), key=order)
        ]
    return facets


def _excerpt(hit: Hit, results) -> SafeString | str:
    if hasattr(results, "excerpt"):
        excerpt = results.excerpt(hit.obj, hit.area.excerpt_field)
        if excerpt:
            return excerpt
    return escape(Truncator(hit.info.summary).words(40))


def spelling_suggestion(query: str) -> str:
    backend_suggest = getattr(get_search_backend(), "spelling_suggestion", None)
    if backend_suggest is not None:
        suggestion = backend_suggest(query, [area.model for area in search_areas()]) or ""
    else:
        suggestion = spelling.suggest(query)
    return suggestion if suggestion.lower() != query.lower() else ""


def _matching(areas, segments, user, *, any_word: bool, fuzzy: bool = False
              ) -> tuple[dict, int]:
    """(area key -> {pk: (segments matched, score)}, how many the user may see, up to
    `FEW_RESULTS`)."""
    if not segments:
        return {}, 0
    matches = match_segments(areas, segments, any_word=any_word, fuzzy=fuzzy,
                             limit=_depth(segments))
    found = matches.keep(1 if any_word else len(segments))
    return found, _visible_count(areas, user, found)


def _depth(segments: list[Segment]) -> int:
    """How many matches to ask of each backend query. With one segment, only each area's
    best `MAX_HITS_PER_AREA` are ever used (`_best`), and the best of several alternatives
    are among the best of each. With several, an object must be found by every segment
    (or ranks by how many found it), so each is read deeper."""
    return MAX_HITS_PER_AREA if len(segments) == 1 else MAX_HITS_PER_SEARCH


def site_search(*, query: str, user, selected: dict[str, str] | None = None,
                as_typed: bool = False) -> SearchOutcome:
    """Search every area for ``query``; ``as_typed`` turns off the spelling correction."""
    query = " ".join(query.split())
    selected = {name: value for name, value in (selected or {}).items() if name in FACETS and value}
    if not query:
        return SearchOutcome(query="", hits=[])
    areas = search_areas()
    outcome = SearchOutcome(query=query, hits=[])
    segments = segments_for(query)
    found, visible = _matching(areas, segments, user, any_word=False)
    suggestion = None  # computed at most once
    if not visible and not as_typed:
        suggestion = spelling_suggestion(query)
        suggested = segments_for(suggestion) if suggestion else []
        suggested_found, suggested_visible = _matching(areas, suggested, user, any_word=False)
        if suggested_visible:
            outcome.query, outcome.corrected_from = suggestion, query
            segments, found, visible = suggested, suggested_found, suggested_visible
    if visible < FEW_RESULTS and _can_widen(segments):
        wider, wider_visible = _matching(areas, segments, user, any_word=True)
        if wider_visible > visible:
            found, visible, outcome.any_word = wider, wider_visible, True
    if not visible and not as_typed and supports_fuzzy(get_search_backend()):
        found, visible = _matching(areas, segments, user, any_word=True, fuzzy=True)
        outcome.any_word = len(segments) > 1 and any(
            count < len(segments) for hits in found.values() for count, _score in hits.values())
    outcome.segments = segments
    outcome.expansions = list(dict.fromkeys(
        synonym for segment in segments for synonym in segment.synonyms))
    outcome.locale_id = locale_id_for()
    hits = _one_per_translation(_visible_hits(areas, user, found), outcome.locale_id)
    wanted = _wanted_stems(segments)
    for hit in hits:
        hit.score += TITLE_WEIGHT * _title_share(hit.sketch.title, wanted)
    outcome.facets = _facet_options(hits, selected)
    outcome.hits = sorted(
        (hit for hit in hits if _passes(hit, selected)),
        key=lambda hit: (-hit.matched, -hit.score, hit.sketch.title),
    )
    if len(outcome.hits) < FEW_RESULTS and not outcome.corrected_from:
        outcome.suggestion = spelling_suggestion(query) if suggestion is None else suggestion
    return outcome


def _stem(word: str) -> str:
    """A crude, language-neutral stem for comparing query and title words."""
    return fold(word)[:STEM_LENGTH]


def _wanted_stems(segments: list[Segment]) -> list[list[frozenset[str]]]:
    """Per segment, the stems of each alternative's words: worked out once per search,
    not once per hit."""
    return [[frozenset(_stem(word) for word in alternative.split())
             for alternative in segment.alternatives] for segment in segments]


def _title_share(title: str, wanted: list[list[frozenset[str]]]) -> float:
    """The share of the query's segments found in ``title`` (any alternative, every word);
    ``wanted`` is `_wanted_stems` of the segments.

    Backends weigh titles differently (Whoosh by field boosts, SQLite hardly at all);
    this gives a title that says what was asked for the same lift on every backend.
    """
    if not wanted:
        return 0.0
    title_stems = {_stem(word) for word in tokens(title)}
    found = sum(1 for alternatives in wanted
                if any(stems <= title_stems for stems in alternatives))
    return found / len(wanted)


def _can_widen(segments: list[Segment]) -> bool:
    """Any-word matching differs from all-words only with more than one word to match."""
    return len(segments) > 1 or any(len(alternative.split()) > 1 for segment in segments
                                    for alternative in segment.alternatives)


def _highlighting_results(area: SearchArea, outcome: SearchOutcome):
    """Backend results whose query holds every word searched, for marking excerpts."""
    words = dict.fromkeys(word for segment in outcome.segments
                          for alternative in segment.alternatives
                          for word in alternative.split())
    if not words:
        return None
    return get_search_backend().search(PlainText(" ".join(words), operator="or"),
                                       area.model.objects.all())


def add_excerpts(outcome: SearchOutcome, hits: list[Hit]) -> None:
    """Excerpts only for the hits on the page shown (described): they read each object's
    text."""
    for hit in hits:
        if hit.area.key not in outcome.excerpt_source:
            outcome.excerpt_source[hit.area.key] = _highlighting_results(hit.area, outcome)
        hit.excerpt = _excerpt(hit, outcome.excerpt_source[hit.area.key])


def autocomplete(*, query: str, user) -> list[dict]:
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    areas = search_areas()
    found = {area.key: _autocomplete_pks(area, query, limit=AUTOCOMPLETE_LIMIT * 3)
             for area in areas}
    locale_id = locale_id_for()
    hits = _one_per_translation(_visible_hits(areas, user, found), locale_id)
    hits.sort(key=lambda hit: (-hit.score, hit.sketch.title))
    return [
        {"title": hit.info.title, "url": hit.info.url, "type": str(hit.area.label)}
        for hit in describe_hits(hits[:AUTOCOMPLETE_LIMIT], user, locale_id=locale_id)
    ]
