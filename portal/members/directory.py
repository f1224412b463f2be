"""The member directory: filters, free text through the site's search engine, sorting.

Free text asks the configured search backend for primary keys only; the profiles shown
are then read with `profiles_visible_to`, so a "members only" or hidden profile never
reaches a visitor, not even through a count."""

from django.db.models import F, QuerySet
from wagtail.search.backends import get_search_backend

from .models import Profile
from .selectors import profiles_visible_to

MAX_SEARCH_HITS = 1000  # as the site search, per area
SORTS = ("relevance", "name", "newest", "active")


def search_profile_pks(query: str) -> list[int]:
    """Profile keys matching the words, best first (any visibility: filtered afterwards)."""
    backend = get_search_backend()
    results = backend.search(query, Profile.objects.only("pk"), operator="and")
    return [profile.pk for profile in results[:MAX_SEARCH_HITS]]


class RankedProfiles:
    """Search hits the viewer may see, in the engine's order; the paginator reads its
    length and one slice, so only the shown page's profiles are loaded."""

    def __init__(self, pks: list[int], queryset: QuerySet[Profile]):
        self.pks = pks
        self.queryset = queryset

    def __len__(self) -> int:
        return len(self.pks)

    def count(self) -> int:
        return len(self.pks)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        wanted = self.pks[index]
        loaded = {profile.pk: profile for profile in self.queryset.filter(pk__in=wanted)}
        return [loaded[pk] for pk in wanted if pk in loaded]


def directory_profiles(*, viewer, query: str = "", country: str = "", region: str = "",
                       organisation_type: str = "", theme: str = "", language: str = "",
                       sort: str = "") -> QuerySet[Profile] | RankedProfiles:
    profiles = profiles_visible_to(viewer)
    if country:
        profiles = profiles.filter(country__iso_code=country)
    if region:
        profiles = profiles.filter(country__region=region)
    if organisation_type:
        profiles = profiles.filter(organisation_type=organisation_type)
    if theme:
        profiles = profiles.filter(themes__slug=theme)
    if language:
        profiles = profiles.filter(languages__code=language)
    if theme or language:
        profiles = profiles.distinct()
    if sort not in SORTS or (sort == "relevance" and not query):
        sort = "relevance" if query else "name"
    if query:
        ranked = search_profile_pks(query)
        profiles = profiles.filter(pk__in=ranked)
        if sort == "relevance":
            visible = set(profiles.values_list("pk", flat=True))
            return RankedProfiles([pk for pk in ranked if pk in visible], profiles)
    if sort == "newest":
        return profiles.order_by("-user__date_joined", "-pk")
    if sort == "active":
        return profiles.order_by(F("user__last_login").desc(nulls_last=True), "display_name", "pk")
    return profiles.order_by("display_name", "pk")
