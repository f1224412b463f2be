"""How webinars appear in the site search."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from portal.search.registry import HitDescription, SearchArea, when_shown

from .models import Webinar


def searchable_webinars(user):
    return Webinar.objects.visible_to(user).prefetch_related("themes", "countries")


def describe_webinar(webinar: Webinar) -> HitDescription:
    badges = []
    if webinar.is_cancelled:
        badges.append(pgettext("webinar status", "Cancelled"))
    elif webinar.start >= timezone.now():
        badges.append(str(_("Upcoming")))
    if webinar.is_members_only:
        badges.append(str(_("Members only")))
    return HitDescription(
        title=webinar.title, url=when_shown(webinar.get_absolute_url), summary=webinar.summary,
        date=timezone.localdate(webinar.start), themes=list(webinar.themes.all()),
        countries=list(webinar.countries.all()), badges=tuple(badges),
    )


WEBINARS_SEARCH_AREA = SearchArea(
    key="webinars", label=_("Webinar"), model=Webinar, visible_to=searchable_webinars,
    describe=describe_webinar, order=10, excerpt_field="summary",
    sketch_date="start", sketch_themes="themes", sketch_countries="countries",
)
