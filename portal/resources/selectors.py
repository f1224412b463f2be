"""Reads for the library. Every list a user sees starts from `resources_visible_to(user)`.

The facet counts are in `facets`, the listing page's results in `listing`."""

import datetime
import enum
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from portal.core.enums import Region
from portal.core.i18n import one_per_translation
from portal.core.models import first_in_tree
from portal.core.params import parse_year

from .enums import Access, ResourceType, SortOrder
from .models import ResourceDocument, ResourceDocumentLink, ResourceIndexPage, ResourcePage
from .rules import can_bypass_access, can_view_members_only

PAGE_SIZE = 20
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


def resources_for_audience(*, members: bool) -> QuerySet:
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
    return resources_for_audience(members=can_view_members_only(user))


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
            page__in=resources_for_audience(members=True).values("pk")).exists():
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


# --- Pages --------------------------------------------------------------------------------

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
    found = newest_of(listed, limit, candidates=LATEST_CANDIDATES)
    return found if found is not None else list(listed[:limit])


def newest_of(listed: QuerySet, limit: int, *, candidates: int) -> list | None:
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
