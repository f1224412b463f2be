"""Edit handlers of the webinar admin (kept apart from the models they lay out)."""

from django import forms
from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    PageChooserPanel,
    Panel,
    PublishingPanel,
    TabbedInterface,
)

from .admin_forms import WebinarAdminForm, ZoneListWidget
from .agenda import agenda_minutes, agenda_schedule

RESOURCE_PAGE_MODEL = "resources.ResourcePage"


def resource_page_type() -> str | None:
    """The resource library's page type once that app defines it; any page until then."""
    try:
        apps.get_model(RESOURCE_PAGE_MODEL)
    except (LookupError, ValueError):
        return None
    return RESOURCE_PAGE_MODEL


class AgendaTimesPanel(Panel):
    """Each item's computed times, in the event's zone and its display zones, as saved last;
    with a warning when the agenda runs past the webinar's end."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "webinars/admin/agenda_times_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            webinar = self.instance
            schedule, minutes = [], 0
            if webinar is not None and webinar.start and webinar.timezone:
                try:
                    schedule = agenda_schedule(webinar, webinar.zone_names)
                    minutes = agenda_minutes(webinar)
                except (ValueError, TypeError):
                    schedule = []
            context.update({"schedule": schedule, "agenda_minutes": minutes,
                            "duration": getattr(webinar, "duration_minutes", None),
                            "over": bool(schedule) and webinar.duration_minutes is not None
                            and minutes > webinar.duration_minutes})
            return context


class ResourcePageChooserPanel(PageChooserPanel):
    def get_form_options(self):
        self.page_type = resource_page_type()
        return super().get_form_options()


AGENDA_ITEM_PANELS = [
    FieldRowPanel([FieldPanel("label"), FieldPanel("duration_minutes")]),
    FieldPanel("title"),
    FieldPanel("description"),
    FieldPanel("sub_topics"),
    MultipleChooserPanel("speaker_links", chooser_field_name="speaker", label=_("Speakers"),
                         panels=[FieldPanel("speaker")]),
]

AGENDA_SESSION_PANELS = [
    FieldPanel("title"),
    FieldPanel("description"),
    MultipleChooserPanel("moderator_links", chooser_field_name="speaker",
                         label=_("Moderators"), panels=[FieldPanel("speaker")]),
    InlinePanel("items", label=_("Items"), panels=AGENDA_ITEM_PANELS, min_num=1),
]

MATERIAL_PANELS = [
    FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
    FieldPanel("document"),
    ResourcePageChooserPanel("page"),
    FieldPanel("url"),
]

QUESTION_PANELS = [
    FieldPanel("label"),
    FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
    FieldPanel("choices"),
    FieldPanel("help_text"),
]

webinar_edit_handler = TabbedInterface(
    [
        ObjectList([
            FieldPanel("title"),
            FieldPanel("slug"),
            FieldPanel("series"),
            FieldPanel("summary"),
            FieldPanel("image"),
            MultiFieldPanel([FieldPanel("introduction"), FieldPanel("objectives"),
                             FieldPanel("expected_outcomes")], heading=_("Concept note")),
            FieldRowPanel([FieldPanel("language"), FieldPanel("is_members_only")]),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
        ], heading=_("Content")),
        ObjectList([
            FieldPanel("timezone"),
            FieldRowPanel([FieldPanel("local_start"), FieldPanel("duration_minutes")]),
            FieldPanel("display_timezones", widget=ZoneListWidget),
            HelpPanel(content=_("Item times are computed from the start and the durations, "
                                "in the order below.")),
            AgendaTimesPanel(heading=_("Computed times")),
            InlinePanel("sessions", label=_("Sessions"), panels=AGENDA_SESSION_PANELS),
        ], heading=_("Date and agenda")),
        ObjectList([
            FieldPanel("capacity"),
            InlinePanel("questions", label=_("Questions for registrants"),
                        panels=QUESTION_PANELS,
                        help_text=_("Your own questions on the registration form, e.g. "
                                    "interpretation language, accessibility needs or a "
                                    "question for the panel. Answers appear in the "
                                    "registrants report and the exports.")),
            FieldRowPanel([FieldPanel("local_registration_opens"),
                           FieldPanel("local_registration_closes")]),
            FieldPanel("reminder_schedule"),
            MultiFieldPanel([FieldPanel("platform"), FieldPanel("join_url"),
                             FieldPanel("join_details")], heading=_("Meeting (private)")),
            MultiFieldPanel([FieldPanel("is_cancelled"), FieldPanel("cancellation_note")],
                            heading=_("Cancellation")),
        ], heading=_("Registration")),
        ObjectList([
            FieldPanel("recording_url"),
            FieldPanel("discussion_url"),
            InlinePanel("materials", label=_("Materials"), panels=MATERIAL_PANELS),
        ], heading=_("After the event")),
        ObjectList([PublishingPanel()], heading=_("Publishing")),
    ],
    base_form_class=WebinarAdminForm,
)

series_panels = [
    FieldPanel("title"),
    FieldPanel("slug"),
    FieldPanel("description"),
    FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
    FieldPanel("image"),
    InlinePanel("partners", label=_("Partner organisations"),
                panels=[FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]),
]

speaker_panels = [
    FieldPanel("name"),
    FieldRowPanel([FieldPanel("title"), FieldPanel("organisation")]),
    FieldPanel("country"),
    FieldPanel("photo"),
    FieldPanel("bio"),
    FieldPanel("member"),
]
