"""The home page's "Upcoming webinars" section."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.core.home_sections import HomeSection

from .selectors import upcoming_webinars


def upcoming_section(request) -> HomeSection | None:
    items = upcoming_webinars(user=request.user, limit=3)
    return HomeSection("webinars", _("Upcoming webinars"), "webinars/includes/home_section.html",
                       items, more_url=reverse("webinars:index"), more_label=_("All webinars"))
