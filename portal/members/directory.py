"""The member directory: filters, free text through the site's search engine, sorting.

Free text asks the configured search backend for primary keys only; the profiles shown
are then read with `profiles_visible_to`, so a "members only" or hidden profile never
reaches a visitor, not even through a count."""

from django.db.models import F, QuerySet
from wagtail.search.backends import get_search_backend

from .models import Profile
from .selectors import profiles_visible_to

MAX_SEARCH_HITS = 2000
SORTS = ("relevance", "name", "newest", "active")


def search_profile_pks(query: str) -> list[int]:
    """Profile keys matching the words, best first (any visibility: filtered afterwards)."""
    backend = get_search_backend()
    results = backend.search(query, Profile.objects.only("pk"), operator="and")
    return [profile.pk for profile in results[:MAX_SEARCH_HITS]]


def directory_profiles(*, viewer, query: str = "", country: str = "", region: str = "",
                       organisation_type: str = "", theme: str = "", language: str = "",
                       sort: str = "") -> QuerySet[Profile] | list[Profile]:
    profiles = profiles_visible_to(viewer).prefetch_related("languages")
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
            position = {pk: index for index, pk in enumerate(ranked)}
            return sorted(profiles.order_by("pk"), key=lambda profile: position[profile.pk])
    if sort == "newest":
        return profiles.order_by("-user__date_joined", "-pk")
    if sort == "active":
        return profiles.order_by(F("user__last_login").desc(nulls_last=True), "display_name", "pk")
    return profiles.order_by("display_name", "pk")
