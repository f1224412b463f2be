"""The library's facets: how many resources each filter value would give, and the whole
library's counts that the task worker builds after each change."""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.db.models import Count, IntegerField, Q, QuerySet
from django.db.models.functions import Cast, ExtractYear, Substr
from django.utils import translation
from django.utils.translation import get_language

from portal.core.enums import Region
from portal.core.facets import FacetOption
from portal.core.fragments import cached_value
from portal.core.i18n import one_per_translation
from portal.core.models import Country, Language, Theme
from portal.core.prebuilt import prebuilt_value

from .enums import ResourceType
from .rules import can_view_members_only
from .selectors import (
    FACET_KEYS,
    CountryLink,
    LanguageLink,
    ResourceFilters,
    ThemeLink,
    resources_filter,
    resources_for_audience,
    resources_listed_for,
)

#: The whole library's facet counts and size, built by the task worker after each change
#: (portal/core/prebuilt.py).
LIBRARY_COUNTS = "whole-library"


@dataclass
class Facet:
    key: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    selected_count: int = 0
    clear_url: str = ""

    @property
    def visible_options(self):
        return self.options[:8]

    @property
    def more_options(self):
        return self.options[8:]


def _bilingual(name: str, name_fr: str) -> str:
    if (get_language() or "en").startswith("fr") and name_fr:
        return name_fr
    return name


# The facets counted through a link table: (facet, link model, taxonomy model, key column).
LINK_FACETS = (("theme", ThemeLink, Theme, "slug"), ("country", CountryLink, Country, "iso_code"),
               ("language", LanguageLink, Language, "code"))


def _link_counts(base: QuerySet, filters: ResourceFilters) -> dict[str, list[tuple]]:
    """(key, name, French name, count) per theme, country and language, in one statement.

    Each facet counts the resources that pass every other filter. Finding those resources
    is most of the work (with one version per translation, a subquery per row); facets
    whose filters agree share one set, computed once (a materialized common table
    expression), where three statements computed it three times.
    """
    quote = connection.ops.quote_name
    sets: dict[tuple, str] = {}
    set_params: list = []
    arms = []
    for key, link, taxonomy, column in LINK_FACETS:
        sql, params = (resources_filter(base, filters, exclude=key).values("pk")
                       .query.sql_with_params())
        params = tuple(params)
        name = sets.get((sql, params))
        if name is None:
            name = sets[(sql, params)] = f"facet_set_{len(sets)}"
            set_params.extend(params)
        target, resource = (quote(link._meta.get_field(field).column)
                            for field in (key, "resourcepage"))
        # Names from the models' metadata; every value is a parameter of the sets.
        arms.append(
            f"SELECT '{key}', t.{quote(column)}, t.name, t.name_fr, counted.n FROM "  # noqa: S608
            f"(SELECT {target} AS target, COUNT(*) AS n FROM {quote(link._meta.db_table)}"
            f" WHERE {resource} IN (SELECT id FROM {name}) GROUP BY {target})"
            f" counted JOIN {quote(taxonomy._meta.db_table)} t ON t.id = counted.target")
    materialized = "MATERIALIZED " if _can_materialize() else ""
    statement = ("WITH " + ", ".join(f"{name}(id) AS {materialized}({sql})"
                                     for (sql, _params), name in sets.items())
                 + " " + " UNION ALL ".join(arms))
    counts: dict[str, list[tuple]] = {key: [] for key, *_rest in LINK_FACETS}
    with connection.cursor() as cursor:
        cursor.execute(statement, set_params)
        for key, *row in cursor.fetchall():
            counts[key].append(tuple(row))
    return counts


def _can_materialize() -> bool:
    """``AS MATERIALIZED`` is understood by PostgreSQL 12 and SQLite 3.35 on."""
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version_info >= (3, 35)
    return connection.vendor == "postgresql"


def _add_missing_selected(facet: Facet, selected: tuple, model, column: str) -> None:
    """A chosen term no other filter leaves any resource for still shows, with 0."""
    missing = set(selected) - {option.value for option in facet.options}
    if not missing:
        return
    for term in model.objects.filter(**{f"{column}__in": missing}):
        facet.options.append(FacetOption(getattr(term, column), term.display_name, 0, True))


def _year_of(date_field: str):
    """The year of a date column. SQLite has no native year extraction (Django calls back
    into Python for every row); its dates are ISO text, so the first four characters are
    the year, read natively."""
    if connection.vendor == "sqlite":
        return Cast(Substr(date_field, 1, 4), IntegerField())
    return ExtractYear(date_field)


def _region_counts() -> dict:
    return {f"region_{region}": Count("pk", filter=Q(region_codes__contains=f",{region},"))
            for region in Region.values}


def _column_counts(base: QuerySet, filters: ResourceFilters) -> tuple[Counter, Counter, Counter]:
    """Counts per type, region and year. With none of them chosen the three share their
    base: one pass groups it by type and year and counts regions on the way, instead of
    three passes over the library (each a scan of every visible resource)."""
    if not (filters.types or filters.regions or filters.years):
        rows = (resources_filter(base, filters).annotate(year=_year_of("publication_date"))
                .values("resource_type", "year")
                .annotate(n=Count("pk"), **_region_counts()).order_by())
    else:
        rows = [row for key in ("type", "region", "year") for row in
                _column_counts_for(resources_filter(base, filters, exclude=key), key)]
    types, regions, years = Counter(), Counter(), Counter()
    for row in rows:
        if "resource_type" in row:
            types[row["resource_type"]] += row["n"]
        if "year" in row and row["year"] is not None:
            years[row["year"]] += row["n"]
        for region in Region.values:
            regions[region] += row.get(f"region_{region}") or 0
    return types, regions, years


def _column_counts_for(queryset: QuerySet, key: str) -> list[dict]:
    if key == "type":
        return list(queryset.values("resource_type").annotate(n=Count("pk")).order_by())
    if key == "region":
        return [queryset.aggregate(**_region_counts())]
    return list(queryset.annotate(year=_year_of("publication_date")).values("year")
                .annotate(n=Count("pk")).order_by())


def resource_facets(base: QuerySet, filters: ResourceFilters) -> dict[str, Facet]:
    """One aggregate query per facet; each facet's counts apply every *other* filter.

    So the counts next to "Ghana" say how many resources you would get by adding Ghana to
    the countries already chosen, given the themes, types and years chosen.
    """
    from django.utils.translation import gettext as _

    facets: dict[str, Facet] = {}

    type_counts, region_counts, year_counts = _column_counts(base, filters)
    facets["type"] = Facet("type", _("Type"), [
        FacetOption(value, str(label), type_counts.get(value, 0), value in filters.types)
        for value, label in ResourceType.choices])

    link_counts = _link_counts(base, filters)
    labels = {"theme": _("Theme"), "country": _("Country"), "language": _("Language")}
    for key, *_link in LINK_FACETS:
        chosen = filters.values_for(key)
        facets[key] = Facet(key, labels[key], [
            FacetOption(value, _bilingual(name, name_fr), n, value in chosen)
            for value, name, name_fr, n in link_counts[key]])

    facets["region"] = Facet("region", _("Region"), [
        FacetOption(value, str(label), region_counts.get(value) or 0, value in filters.regions)
        for value, label in Region.choices])

    facets["year"] = Facet("year", _("Year"), [
        FacetOption(str(year), str(year), n, year in filters.years)
        for year, n in sorted(year_counts.items(), key=lambda item: -item[0])])

    _add_missing_selected(facets["theme"], filters.themes, Theme, "slug")
    _add_missing_selected(facets["country"], filters.countries, Country, "iso_code")
    _add_missing_selected(facets["language"], filters.languages, Language, "code")

    for key, facet in facets.items():
        # Keep chosen values listed (so they can be unchosen) even when nothing matches.
        facet.options = [option for option in facet.options if option.count or option.selected]
        if key in ("theme", "country", "language"):
            facet.options.sort(key=lambda option: (not option.selected, -option.count,
                                                   option.label))
        elif key == "type" or key == "region":
            facet.options.sort(key=lambda option: (not option.selected, -option.count))
        facet.selected_count = sum(option.selected for option in facet.options)
    return {key: facets[key] for key in FACET_KEYS}


def listing_facets(*, user, filters: ResourceFilters, base=None) -> dict:
    """The facet counts for these filters, computed once per generation and audience; the
    whole library's (no filter chosen) are built by the task worker after each change."""
    members = can_view_members_only(user)

    def count():
        built = None if filters.active else whole_library_counts(user)
        if built is not None:
            return built.facets
        return resource_facets(base if base is not None else resources_listed_for(user),
                               filters)

    return cached_value("resource-facets", (members, filters), count, depends="library")


@dataclass(frozen=True)
class LibraryCounts:
    """The whole library (no filter chosen) as one audience sees it in one language."""
    facets: dict
    total: int


def whole_library_counts(user) -> LibraryCounts | None:
    """What the worker built for this viewer's audience and language, if it has yet."""
    return prebuilt_value(LIBRARY_COUNTS, (can_view_members_only(user), get_language()))


def library_counts_variants() -> list[tuple]:
    """Every audience in every language: what the worker builds `LIBRARY_COUNTS` for."""
    return [(members, code) for members in (False, True) for code, _name in settings.LANGUAGES]


def library_counts_build(members: bool, language: str) -> LibraryCounts:
    """The whole library's facets and size for one audience and language."""
    with translation.override(language):
        listed = one_per_translation(resources_for_audience(members=members))
        return LibraryCounts(resource_facets(listed, ResourceFilters()), listed.count())
