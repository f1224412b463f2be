"""How member profiles appear in the site search."""

from django.db.models import Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils.translation import gettext_lazy as _

from portal.search.registry import HitDescription, SearchArea, when_shown

from .models import Profile
from .selectors import profiles_visible_to


def describe_profile(profile: Profile) -> HitDescription:
    role = ", ".join(part for part in (profile.job_title, profile.organisation) if part)
    return HitDescription(
        title=profile.name,
        url=when_shown(profile.get_absolute_url),
        summary=role,
        themes=list(profile.themes.all()),
        countries=[profile.country] if profile.country else [],
    )


# `Profile.name` in SQL: the display name, else the account's full name.
PROFILE_NAME = Coalesce(
    NullIf("display_name", Value("")),
    NullIf(Trim(Concat("user__first_name", Value(" "), "user__last_name")), Value("")),
    Value(""))

MEMBERS_SEARCH_AREA = SearchArea(
    key="members", label=_("Member"), model=Profile, visible_to=profiles_visible_to,
    describe=describe_profile, order=50, excerpt_field="bio",
    sketch_title=PROFILE_NAME, sketch_themes="themes", sketch_countries="country",
)
