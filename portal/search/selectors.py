"""The site search: one query over every registered area, with facets and excerpts.

Each area is searched through Wagtail's search layer (whatever backend is configured),
keeping only primary keys and scores; the objects a user may see are then read from the
database with `visible_to`, so hidden content never appears, not even in a count.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from wagtail.search.backends import get_search_backend

from . import spelling
from .registry import HitDescription, SearchArea, search_areas

MAX_HITS_PER_AREA = 1000
AUTOCOMPLETE_LIMIT = 8
FACETS = ("type", "theme", "country", "year")


@dataclass
class Hit:
    area: SearchArea
    obj: Model
    score: float
    info: HitDescription
    excerpt: SafeString | str = ""

    def facet_values(self) -> dict[str, set[str]]:
        return {
            "type": {self.area.key},
            "theme": {theme.slug for theme in self.info.themes},
            "country": {country.iso_code for country in self.info.countries},
            "year": {str(self.info.date.year)} if self.info.date else set(),
        }


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    query: str
    hits: list[Hit]
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    suggestion: str = ""
    excerpt_source: dict = field(default_factory=dict, repr=False)


def _ranked_pks(
    area: SearchArea, query: str, *, autocomplete: bool = False, limit: int = MAX_HITS_PER_AREA
):
    """(primary key -> score, the backend's results) for an area; objects are not loaded."""
    queryset = area.model.objects.only("pk")
    backend = get_search_backend()
    if autocomplete:
        results = backend.autocomplete(query, queryset)
    else:
        results = backend.search(query, queryset, operator="and")
    results = results.annotate_score("_search_score")
    scores = {obj.pk: (obj._search_score or 0.0) for obj in results[:limit]}
    return scores, results


def _visible_hits(area: SearchArea, user, scores: dict) -> list[Hit]:
    if not scores:
        return []
    visible = area.visible_to(user).filter(pk__in=list(scores))
    return [Hit(area, obj, scores[obj.pk], area.describe(obj)) for obj in visible]


def _one_per_translation(hits: list[Hit], user) -> list[Hit]:
    """A translated object is found once, and shown in the visitor's language when it has
    been translated (whichever version matched); else its original is shown as a fallback."""
    from django.utils.translation import get_language
    from wagtail.models import Locale

    wanted = Locale.objects.filter(
        language_code=(get_language() or "en").split("-")[0]).values_list("pk", flat=True)
    wanted = next(iter(wanted), None)
    kept: dict[tuple, Hit] = {}
    others = []
    for hit in hits:
        key = getattr(hit.obj, "translation_key", None)
        if key is None:
            others.append(hit)
            continue
        rank = (getattr(hit.obj, "locale_id", None) == wanted, hit.score)
        current = kept.get((hit.area.key, key))
        if current is None or rank > (getattr(current.obj, "locale_id", None) == wanted,
                                      current.score):
            kept[(hit.area.key, key)] = hit
    if wanted is not None:
        _swap_to_language(kept, wanted, user)
    return others + list(kept.values())


def _swap_to_language(kept: dict, wanted: int, user) -> None:
    """Replace hits on another language's version by the visitor's version (one query per
    area), keeping the score of the version that matched."""
    by_area: dict[str, dict] = {}
    for (area_key, key), hit in kept.items():
        if getattr(hit.obj, "locale_id", None) != wanted:
            by_area.setdefault(area_key, {})[key] = hit
    for area_key, pending in by_area.items():
        area = next(iter(pending.values())).area
        for obj in area.visible_to(user).filter(translation_key__in=list(pending),
                                                locale_id=wanted):
            old = pending[obj.translation_key]
            kept[(area_key, obj.translation_key)] = Hit(area, obj, old.score, area.describe(obj))


def _passes(hit: Hit, selected: dict[str, str], skip: str | None = None) -> bool:
    values = hit.facet_values()
    return all(value in values[name] for name, value in selected.items() if value and name != skip)


def _facet_options(hits: list[Hit], selected: dict[str, str]) -> dict[str, list[FacetOption]]:
    """Counts per facet value among hits that pass the *other* selected filters."""
    labels: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    for hit in hits:
        labels["type"][hit.area.key] = str(hit.area.label)
        labels["theme"].update({theme.slug: str(theme) for theme in hit.info.themes})
        labels["country"].update({c.iso_code: str(c) for c in hit.info.countries})
        if hit.info.date:
            labels["year"][str(hit.info.date.year)] = str(hit.info.date.year)
        for name in FACETS:
            if _passes(hit, selected, skip=name):
                counts[name].update(hit.facet_values()[name])
    facets = {}
    for name in FACETS:
        order = (
            (lambda item: -int(item[0])) if name == "year" else (lambda item: (-item[1], item[0]))
        )
        facets[name] = [
            FacetOption(value, labels[name][value], count, selected.get(name) == value)
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


def site_search(*, query: str, user, selected: dict[str, str] | None = None) -> SearchOutcome:
    query = " ".join(query.split())
    selected = {name: value for name, value in (selected or {}).items() if name in FACETS and value}
    if not query:
        return SearchOutcome(query="", hits=[])
    hits: list[Hit] = []
    backend_results = {}
    for area in search_areas():
        scores, results = _ranked_pks(area, query)
        backend_results[area.key] = results
        hits.extend(_visible_hits(area, user, scores))
    hits = _one_per_translation(hits, user)
    facets = _facet_options(hits, selected)
    shown = sorted(
        (hit for hit in hits if _passes(hit, selected)),
        key=lambda hit: (-hit.score, hit.info.title),
    )
    outcome = SearchOutcome(query=query, hits=shown, facets=facets, excerpt_source=backend_results)
    if len(shown) < 3:
        outcome.suggestion = spelling_suggestion(query)
    return outcome


def add_excerpts(outcome: SearchOutcome, hits: list[Hit]) -> None:
    """Excerpts only for the hits on the page shown: they read each object's text."""
    for hit in hits:
        hit.excerpt = _excerpt(hit, outcome.excerpt_source[hit.area.key])


def autocomplete(*, query: str, user) -> list[dict]:
    query = " ".join(query.split())
    if len(query) < 2:
        return []
    hits: list[Hit] = []
    for area in search_areas():
        scores, _results = _ranked_pks(area, query, autocomplete=True, limit=AUTOCOMPLETE_LIMIT * 3)
        hits.extend(_visible_hits(area, user, scores))
    hits = _one_per_translation(hits, user)
    hits.sort(key=lambda hit: (-hit.score, hit.info.title))
    return [
        {"title": hit.info.title, "url": hit.info.url, "type": str(hit.area.label)}
        for hit in hits[:AUTOCOMPLETE_LIMIT]
    ]
