"""The library's listing page: one page of results, their facets and the total."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from .enums import SortOrder
from .facets import Facet, listing_facets, whole_library_counts
from .selectors import (
    PAGE_SIZE,
    ResourceFilters,
    newest_of,
    resources_filter,
    resources_listed_for,
    resources_sort,
    with_download_totals,
)


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
        newest = newest_of(results, per_page, candidates=per_page * 5)
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
    built = None if filters.active else whole_library_counts(user)
    return built.total if built is not None else results.count()
