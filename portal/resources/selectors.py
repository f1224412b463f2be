"""Reads for the library. Every list a user sees starts from `resources_visible_to(user)`."""

import datetime
import enum
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Cast, Coalesce, ExtractYear, Substr
from django.http import QueryDict
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail.models import PageViewRestriction

from portal.core.enums import Region
from portal.core.fragments import cached_value
from portal.core.i18n import one_per_translation
from portal.core.models import Country, Language, Theme, first_in_tree
from portal.core.params import parse_year
from portal.core.prebuilt import prebuilt_value

from .enums import Access, ResourceType, SortOrder
from .models import ResourceDocument, ResourceDocumentLink, ResourceIndexPage, ResourcePage
from .rules import can_bypass_access, can_view_members_only

PAGE_SIZE = 20
#: The whole library's facet counts and size, built by the task worker after each change
#: (portal/core/prebuilt.py).
LIBRARY_COUNTS = "whole-library"
#: Related resources are chosen among this many of the newest sharing a theme or a country.
RELATED_CANDIDATES = 400
#: The newest resources are looked for among this many of the newest by date first.
LATEST_CANDIDATES = 60
# What the library's kept parts (facets, results, cards) are read from: its pages and their
# links, the taxonomy, the page tree (publishing, translations, view restrictions),
# documents and images. Not webinar registrations, nor the forum.
LIBRARY_AREAS = ("resources", "core", "wagtailcore", "wagtaildocs", "wagtailimages")
FACET_KEYS = ("type", "theme", "country", "region", "language", "year")
ThemeLink = ResourcePage.themes.through
CountryLink = ResourcePage.countries.through
LanguageLink = ResourcePage.languages.through


# --- Visibility -------------------------------------------------------------------------

def _restricted_sections_q(restriction_types) -> Q:
    """Pages inside sections an editor locked with Wagtail's privacy setting."""
    q = Q()
    for restriction in (PageViewRestriction.objects.filter(restriction_type__in=restriction_types)
                        .select_related("page").only("page__path")):
        q |= Q(path__startswith=restriction.page.path)
    return q


def _visible_resources(*, members: bool) -> QuerySet:
    queryset = ResourcePage.objects.live()
    if members:
        # Members pass "log in" locks, not password or group ones.
        locked = _restricted_sections_q([PageViewRestriction.PASSWORD,
                                         PageViewRestriction.GROUPS])
    else:
        queryset = queryset.filter(access=Access.PUBLIC)
        locked = _restricted_sections_q([choice for choice, _label in
                                         PageViewRestriction.RESTRICTION_CHOICES])
    return queryset.exclude(locked) if locked else queryset


def resources_visible_to(user) -> QuerySet:
    """Live resources this user may see: public ones for visitors, all for members.

    The one place that decides; listings, counts, facets, feeds, related resources, the home
    page and the site search all start here.
    """
    return _visible_resources(members=can_view_members_only(user))


def resource_is_visible_to(user, page) -> bool:
    return resources_visible_to(user).filter(pk=page.pk).exists()


class DocumentAccess(enum.Enum):
    ALLOWED = "allowed"            # the user may download it
    MEMBERS_ONLY = "members_only"  # a member could: invite the visitor to log in or join
    HIDDEN = "hidden"              # only in unpublished or locked resources: not found
    UNMANAGED = "unmanaged"        # not a library document at all


def document_access(*, user, document) -> DocumentAccess:
    links = ResourceDocumentLink.objects.filter(document_id=document.pk)
    if not links.exists():
        return DocumentAccess.UNMANAGED
    if can_bypass_access(user):
        return DocumentAccess.ALLOWED
    if links.filter(page__in=resources_visible_to(user).values("pk")).exists():
        return DocumentAccess.ALLOWED
    if not can_view_members_only(user) and links.filter(
            page__in=_visible_resources(members=True).values("pk")).exists():
        return DocumentAccess.MEMBERS_ONLY
    return DocumentAccess.HIDDEN


def library_index() -> ResourceIndexPage | None:
    """The library in the visitor's language, else the original library."""
    return first_in_tree(one_per_translation(ResourceIndexPage.objects.live()))


def resources_listed_for(user) -> QuerySet:
    """What lists show: each visible resource once, in the visitor's language when it has
    been translated, else in its original language."""
    return one_per_translation(resources_visible_to(user))


# --- Filters ----------------------------------------------------------------------------

def _clean_list(values, *, allowed=None, transform=str) -> tuple:
    result = []
    for value in values:
        value = transform(value.strip()) if isinstance(value, str) else value
        if value in ("", None) or value in result:
            continue
        if allowed is not None and value not in allowed:
            continue
        result.append(value)
    return tuple(result)


@dataclass(frozen=True)
class ResourceFilters:
    types: tuple = ()
    themes: tuple = ()
    countries: tuple = ()
    regions: tuple = ()
    languages: tuple = ()
    years: tuple = ()
    query: str = ""
    sort: str = SortOrder.NEWEST

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "ResourceFilters":
        """Read filters from GET parameters; values that cannot be valid are dropped."""
        sort = data.get("sort", "")
        return cls(
            types=_clean_list(data.getlist("type"), allowed=set(ResourceType.values)),
            themes=_clean_list(data.getlist("theme"), transform=str.lower),
            countries=_clean_list(data.getlist("country"), transform=str.upper),
            regions=_clean_list(data.getlist("region"), allowed=set(Region.values)),
            languages=_clean_list(data.getlist("language"), transform=str.lower),
            years=_clean_list(data.getlist("year"), transform=parse_year),
            query=data.get("q", "").strip()[:200],
            sort=sort if sort in SortOrder.values else SortOrder.NEWEST,
        )

    def values_for(self, key: str) -> tuple:
        return {"type": self.types, "theme": self.themes, "country": self.countries,
                "region": self.regions, "language": self.languages,
                "year": self.years}[key]

    @property
    def active(self) -> bool:
        return bool(self.query or any(self.values_for(key) for key in FACET_KEYS))


def resources_filter(queryset: QuerySet, filters: ResourceFilters, *,
                     exclude: str | None = None) -> QuerySet:
    """Apply every filter except the facet named in `exclude`.

    Values within one facet are alternatives (OR); facets combine with AND. Many-to-many
    filters are subqueries, so no row is ever duplicated and no DISTINCT is needed.
    """
    if filters.types and exclude != "type":
        queryset = queryset.filter(resource_type__in=filters.types)
    if filters.themes and exclude != "theme":
        queryset = queryset.filter(pk__in=ThemeLink.objects.filter(
            theme__slug__in=filters.themes).values("resourcepage_id"))
    if filters.countries and exclude != "country":
        queryset = queryset.filter(pk__in=CountryLink.objects.filter(
            country__iso_code__in=filters.countries).values("resourcepage_id"))
    if filters.languages and exclude != "language":
        queryset = queryset.filter(pk__in=LanguageLink.objects.filter(
            language__code__in=filters.languages).values("resourcepage_id"))
    if filters.regions and exclude != "region":
        region_q = Q()
        for region in filters.regions:
            region_q |= Q(region_codes__contains=f",{region},")
        queryset = queryset.filter(region_q)
    if filters.years and exclude != "year":
        year_q = Q()
        for year in filters.years:
            year_q |= Q(publication_date__gte=datetime.date(year, 1, 1),
                        publication_date__lt=datetime.date(year + 1, 1, 1))
        queryset = queryset.filter(year_q)
    if filters.query:
        words = filters.query.split()[:8]
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(summary__icontains=word)
                | Q(organisations__icontains=word)
                | Q(pk__in=ResourcePage.authors.rel.related_model.objects.filter(
                    name__icontains=word).values("page_id")))
    return queryset


def with_download_totals(queryset: QuerySet) -> QuerySet:
    """Annotate `downloads`: the sum of the download counts of the resource's documents."""
    totals = (ResourceDocumentLink.objects.filter(page_id=OuterRef("pk"))
              .values("page_id")
              .annotate(total=Sum("document__download_tally__count"))
              .values("total")[:1])
    return queryset.annotate(downloads=Coalesce(Subquery(totals, output_field=IntegerField()), 0))


def resources_sort(queryset: QuerySet, sort: str) -> QuerySet:
    if sort == SortOrder.TITLE:
        return queryset.order_by("title", "-publication_date", "pk")
    if sort == SortOrder.DOWNLOADS:
        return queryset.order_by("-downloads", "-publication_date", "-pk")
    return queryset.order_by("-publication_date", "-first_published_at", "-pk")


# --- Facets -----------------------------------------------------------------------------

@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


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


# --- Pages --------------------------------------------------------------------------------

def listing_facets(*, user, filters: ResourceFilters, base=None) -> dict:
    """The facet counts for these filters, computed once per generation and audience; the
    whole library's (no filter chosen) are built by the task worker after each change."""
    members = can_view_members_only(user)

    def count():
        built = None if filters.active else _whole_library_counts(user)
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


def _whole_library_counts(user) -> LibraryCounts | None:
    """What the worker built for this viewer's audience and language, if it has yet."""
    return prebuilt_value(LIBRARY_COUNTS, (can_view_members_only(user), get_language()))


def library_counts_variants() -> list[tuple]:
    """Every audience in every language: what the worker builds `LIBRARY_COUNTS` for."""
    return [(members, code) for members in (False, True) for code, _name in settings.LANGUAGES]


def library_counts_build(members: bool, language: str) -> LibraryCounts:
    """The whole library's facets and size for one audience and language."""
    with translation.override(language):
        listed = one_per_translation(_visible_resources(members=members))
        return LibraryCounts(resource_facets(listed, ResourceFilters()), listed.count())


@dataclass
class ResourceListing:
    filters: ResourceFilters
    facets: dict[str, Facet]
    page: object
    total: int


def resource_listing(*, user, filters: ResourceFilters, page_number=1,
                     per_page: int = PAGE_SIZE, with_facets: bool = True) -> ResourceListing:
    """The library's results and (unless the caller has them) facets in a constant number
    of queries."""
    base = resources_listed_for(user)
    facets = listing_facets(user=user, filters=filters, base=base) if with_facets else {}
    results = resources_sort(with_download_totals(resources_filter(base, filters)), filters.sort)
    results = results.select_related("cover_image").prefetch_related("countries", "themes")
    paginator = CountedPaginator(results, per_page, count=lambda: _listing_total(
        user=user, filters=filters, results=results))
    page = paginator.get_page(page_number)
    if page.number == 1 and not filters.active and filters.sort == SortOrder.NEWEST:
        newest = _newest_of(results, per_page, candidates=per_page * 5)
        if newest is not None:
            page.object_list = newest
    return ResourceListing(filters=filters, facets=facets, page=page, total=paginator.count)


class CountedPaginator(Paginator):
    """A paginator that asks ``count()`` for its size (kept elsewhere) once, if ever."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count()


def _listing_total(*, user, filters: ResourceFilters, results: QuerySet) -> int:
    built = None if filters.active else _whole_library_counts(user)
    return built.total if built is not None else results.count()


def _newest_first(resources: QuerySet) -> QuerySet:
    """``resources`` by publication date, newest first, with no visibility filter: SQLite
    then reads them down the date index and stops early. With the visitor's filters it
    scans and sorts every public resource (tens of milliseconds at 30,000 resources), so
    callers take the newest few this way and check visibility on those."""
    return resources.order_by("-publication_date", "-pk")


def resources_latest(*, user, limit: int = 3) -> list:
    """The newest resources the user may see (by publication, then first publishing)."""
    listed = resources_listed_for(user).order_by("-publication_date", "-first_published_at")
    listed = listed.prefetch_related("countries")
    found = _newest_of(listed, limit, candidates=LATEST_CANDIDATES)
    return found if found is not None else list(listed[:limit])


def _newest_of(listed: QuerySet, limit: int, *, candidates: int) -> list | None:
    """The first ``limit`` of ``listed`` (sorted newest first) found among the newest
    ``candidates`` resources by date, or None when those do not settle it.

    The answer stands when it is full and strictly newer than the oldest candidate: nothing
    left out could come before it.
    """
    newest = list(_newest_first(ResourcePage.objects)
                  .values_list("pk", "publication_date")[:candidates])
    if len(newest) == candidates:
        found = list(listed.filter(pk__in=[pk for pk, _date in newest])[:limit])
        if len(found) == limit and found[-1].publication_date > newest[-1][1]:
            return found
    return None


def resources_for_feed(*, theme=None, limit: int = 30) -> list:
    """New public resources, newest first; members-only ones never appear in a feed."""
    queryset = resources_listed_for(AnonymousUser())
    if theme is not None:
        queryset = queryset.filter(pk__in=ThemeLink.objects.filter(theme=theme)
                                   .values("resourcepage_id"))
    return list(queryset.order_by("-first_published_at", "-pk")
                .prefetch_related("themes", "authors")[:limit])


def resource_attachments(*, page) -> list[ResourceDocument]:
    attachments = page.attachments.all()
    if hasattr(attachments, "select_related") and page.pk and not _is_in_memory(attachments):
        attachments = attachments.select_related("document", "document__download_tally")
    return [attachment for attachment in attachments if attachment.document_id]


def _is_in_memory(collection) -> bool:
    return collection.__class__.__name__ == "FakeQuerySet"


def resource_related(*, page, user, limit: int = 4) -> list:
    """The editor's chosen related resources, else those sharing the most themes and
    countries among the newest `RELATED_CANDIDATES` that share any; only what the user
    may see, never the page itself."""
    visible = resources_listed_for(user)
    if page.pk:
        visible = visible.exclude(translation_key=page.translation_key)
    chosen_ids = [choice.resource_id for choice in page.related_choices.all()
                  if choice.resource_id]
    if chosen_ids:
        # A choice names one version; show the version in the visitor's language.
        keys = dict(ResourcePage.objects.filter(pk__in=chosen_ids)
                    .values_list("pk", "translation_key"))
        found = {resource.translation_key: resource
                 for resource in visible.filter(translation_key__in=keys.values())}
        chosen = [found[keys[pk]] for pk in chosen_ids if keys.get(pk) in found]
        if chosen:
            return chosen
    theme_ids = [theme.pk for theme in page.themes.all()]
    country_ids = [country.pk for country in page.countries.all()]
    if not theme_ids and not country_ids:
        return []

    themes = ThemeLink.objects.filter(resourcepage_id=OuterRef("pk"), theme_id__in=theme_ids)
    countries = CountryLink.objects.filter(resourcepage_id=OuterRef("pk"),
                                           country_id__in=country_ids)

    def count(links):
        return Coalesce(Subquery(links.values("resourcepage_id").annotate(n=Count("pk"))
                                 .values("n")[:1], output_field=IntegerField()), 0)

    # Visibility is checked on the candidates after: filtering first would lead SQLite
    # to scan every public resource instead of the date index.
    candidates = _newest_first(ResourcePage.objects.filter(Exists(themes) | Exists(countries)))
    return list(visible.filter(pk__in=Subquery(candidates.values("pk")[:RELATED_CANDIDATES]))
                .annotate(score=count(themes) + count(countries))
                .order_by("-score", "-publication_date", "-pk")[:limit])


def resources_count_visible_to(user) -> int:
    return resources_listed_for(user).count()
