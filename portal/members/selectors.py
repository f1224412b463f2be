from django.db.models import QuerySet

from .models import Profile
from .rules import visible_visibilities


def profiles_visible_to(user) -> QuerySet[Profile]:
    """Profiles a user may see, with what their cards show fetched up front."""
    return (
        Profile.objects.filter(user__is_active=True, visibility__in=visible_visibilities(user))
        .select_related("country", "user")
        .prefetch_related("themes")
    )
