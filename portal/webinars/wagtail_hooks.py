from django.db.models import Count, Q
from django.urls import include, path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, LiveStatusTagColumn
from wagtail.admin.widgets import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .enums import RegistrationStatus
from .models import Speaker, Webinar, WebinarSeries
from .panels import series_panels, speaker_panels, webinar_edit_handler
from .rules import can_manage_registrations


def start_in_event_zone(webinar) -> str:
    """'Tue 22 Dec 2026, 11:00 SAST (GMT+2)': a real date, in the zone the event is written
    in (a relative "in 3 weeks" or "just now" hides the day)."""
    if not webinar.start:
        return ""
    local = webinar.local_start
    return f"{formats.date_format(local.local, 'D j M Y, H:i')} {local.label}"


class WebinarIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("series").annotate(
            confirmed_count=Count("registrations", filter=Q(
                registrations__status=RegistrationStatus.CONFIRMED)),
            waitlist_count=Count("registrations", filter=Q(
                registrations__status=RegistrationStatus.WAITLISTED)),
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if can_manage_registrations(self.request.user):
            buttons.append(Button(_("Registrants and reports"), icon_name="group",
                                  url=reverse("webinars_admin:registrants", args=[instance.pk]),
                                  priority=15))
        return buttons


class WebinarEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if can_manage_registrations(self.request.user):
            buttons.append(Button(_("Registrants and reports"), icon_name="group",
                                  url=reverse("webinars_admin:registrants",
                                              args=[self.object.pk]), priority=5))
        return buttons

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if can_manage_registrations(self.request.user):
            buttons.append(HeaderButton(_("Registrants"), icon_name="group",
                                        url=reverse("webinars_admin:registrants",
                                                    args=[self.object.pk])))
        return buttons


class WebinarViewSet(SnippetViewSet):
    model = Webinar
    icon = "date"
    menu_label = _("Webinars")
    list_display = [
        "title",
        Column("start", label=_("Start (event's time)"), sort_key="start",
               accessor=start_in_event_zone),
        Column("series", label=_("Series")),
        Column("confirmed_count", label=_("Confirmed registrations")),
        Column("waitlist_count", label=_("Waiting list")),
        LiveStatusTagColumn(),
    ]
    list_filter = ["series", "is_cancelled", "is_members_only"]
    ordering = ["-start"]
    edit_handler = webinar_edit_handler
    index_view_class = WebinarIndexView
    edit_view_class = WebinarEditView


class WebinarSeriesViewSet(SnippetViewSet):
    model = WebinarSeries
    icon = "list-ul"
    menu_label = pgettext_lazy("admin menu, plural", "Series")
    list_display = ["title", "slug"]
    panels = series_panels


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    icon = "user"
    menu_label = _("Speakers")
    list_display = ["name", "title", "organisation", "country"]
    panels = speaker_panels


class WebinarsGroup(SnippetViewSetGroup):
    menu_label = _("Webinars")
    menu_icon = "date"
    menu_order = 200
    items = (WebinarViewSet, WebinarSeriesViewSet, SpeakerViewSet)


register_snippet(WebinarsGroup)


@hooks.register("register_admin_urls")
def register_organiser_urls():
    from . import admin_urls

    return [path("webinars/", include((admin_urls, "webinars_admin"),
                                      namespace="webinars_admin"))]
