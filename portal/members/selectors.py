from django.db.models import Q, QuerySet

from .models import Profile
from .rules import visible_visibilities


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Profiles a user may see, with what their cards show fetched up front."""
    return (
        Profile.objects.filter(user__is_active=True, visibility__in=visible_visibilities(user))
        .select_related("country", "user")
        .prefetch_related("themes")
    )


def profile_directory(*, viewer, query: str = "", country: str = "", organisation_type: str = "",
                      theme: str = "") -> QuerySet[Profile]:
    """Profiles the viewer may see, filtered; related data fetched up front (no N+1)."""
    profiles = profiles_visible_to(viewer).order_by("display_name", "pk")
    if query:
        profiles = profiles.filter(
            Q(display_name__icontains=query) | Q(organisation__icontains=query)
            | Q(job_title__icontains=query)
        )
    if country:
        profiles = profiles.filter(country__iso_code=country)
    if organisation_type:
        profiles = profiles.filter(organisation_type=organisation_type)
    if theme:
        profiles = profiles.filter(themes__slug=theme)
    return profiles.distinct()
