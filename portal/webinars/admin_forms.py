"""Forms of the Wagtail admin: the webinar editor and the organiser tools."""

from datetime import datetime, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from portal.core.enums import OrganisationType
from portal.core.formfields import SafeModelChoiceField
from portal.core.models import Country
from portal.core.timezones import in_zone, is_valid_zone, local_to_utc, timezone_choices

from .enums import MessageAudience, RegistrationStatus
from .models import WebinarMessage
from .validators import split_list


class ZoneListWidget(forms.SelectMultiple):
    """Display zones picked from the list of IANA zones, stored as the model's text list."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"size": 8, **(attrs or {})})

    @property
    def choices(self):
        return timezone_choices()

    @choices.setter
    def choices(self, value):
        pass  # the zone list is fixed

    def format_value(self, value):
        if isinstance(value, list | tuple):
            return [str(item) for item in value]
        return split_list(value or "")

    def value_from_datadict(self, data, files, name):
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter else data.get(name, [])
        if isinstance(values, str):
            values = split_list(values)
        return ", ".join(value for value in values if value)


def formset_minutes(form) -> int | None:
    """The agenda's total minutes as the editor submitted it (deleted sessions and items
    left out), or None when the nested forms are not there."""
    sessions = getattr(form, "formsets", {}).get("sessions")
    if sessions is None:
        return None
    total = 0
    for session_form in sessions.forms:
        data = getattr(session_form, "cleaned_data", None) or {}
        if data.get("DELETE"):
            continue
        items = session_form.formsets.get("items") if hasattr(session_form, "formsets") else None
        for item_form in (items.forms if items is not None else []):
            item = getattr(item_form, "cleaned_data", None) or {}
            if item.get("DELETE"):
                continue
            total += item.get("duration_minutes") or 0
    return total


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time, kept naive.

    Django would read a typed time in the admin user's own zone; here the webinar's zone
    gives it its meaning, so the value stays naive until the form knows that zone.
    """

    widget = AdminDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            result = value
        else:
            text = str(value).strip()
            try:
                result = parse_datetime(text)
            except ValueError:
                result = None
            if result is None:
                result = forms.BaseTemporalField.to_python(self, text)
        return result.replace(tzinfo=None) if timezone.is_aware(result) else result

    def prepare_value(self, value):
        return value


LOCAL_FIELDS = {
    "local_start": "start",
    "local_registration_opens": "registration_opens_at",
    "local_registration_closes": "registration_closes_at",
}


class WebinarAdminForm(WagtailAdminModelForm):
    local_start = LocalDateTimeField(label=_("Start (local time)"))
    local_registration_opens = LocalDateTimeField(
        label=_("Registration opens (local time)"), required=False,
        help_text=_("Empty: open as soon as the webinar is published."))
    local_registration_closes = LocalDateTimeField(
        label=_("Registration closes (local time)"), required=False,
        help_text=_("Empty: open until the webinar ends."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.timezone if is_valid_zone(self.instance.timezone) else None
        for form_field, model_field in LOCAL_FIELDS.items():
            if form_field not in self.fields:
                continue
            value = getattr(self.instance, model_field, None)
            if value is not None and zone:
                self.initial[form_field] = in_zone(value, zone).local.replace(tzinfo=None)
        if "local_start" in self.fields:
            if zone:
                self.fields["local_start"].label = _("Start (local time in %(zone)s)") % {
                    "zone": zone}
                self.fields["local_start"].help_text = _(
                    "Type the time as it reads in %(zone)s (%(label)s on that date), whatever "
                    "your own time zone is. If you change the event's zone, the times you type "
                    "are read in the new zone.") % {
                        "zone": zone,
                        "label": in_zone(self.instance.start or timezone.now(), zone).label}
            else:
                self.fields["local_start"].help_text = _(
                    "Type the time as it reads in the event's time zone chosen below, whatever "
                    "your own time zone is.")

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("timezone") or self.instance.timezone
        if not is_valid_zone(zone):
            return cleaned
        values = {}
        for form_field, model_field in LOCAL_FIELDS.items():
            if form_field not in self.fields:
                continue
            local = cleaned.get(form_field)
            values[model_field] = local_to_utc(local, zone) if local else None
        opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
        start = values.get("start")
        if opens and closes and opens >= closes:
            self.add_error("local_registration_closes",
                           _("Registration must close after it opens."))
        duration = cleaned.get("duration_minutes")
        if start and closes and duration and closes > start + timedelta(
                minutes=duration):
            self.add_error("local_registration_closes",
                           _("Registration cannot close after the webinar ends."))
        for model_field, value in values.items():
            if model_field != "start" or value is not None:
                setattr(self.instance, model_field, value)
        return cleaned


    def is_valid(self):
        """An agenda that runs past the webinar's end is refused: the page would show items
        after the advertised end, and calendars would cut them off."""
        valid = super().is_valid()
        duration = (getattr(self, "cleaned_data", None) or {}).get("duration_minutes")
        minutes = formset_minutes(self)
        if valid and duration and minutes is not None and minutes > duration:
            self.add_error("duration_minutes", _(
                "The agenda lasts %(agenda)d minutes, longer than the webinar's "
                "%(duration)d. Shorten the items or lengthen the webinar.") % {
                    "agenda": minutes, "duration": duration})
            return False
        return valid


class RegistrantFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *RegistrationStatus.choices])
    country = SafeModelChoiceField(label=_("Country"), required=False,
                                     queryset=Country.objects.all(), to_field_name="iso_code",
                                     empty_label=_("All"))
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), required=False,
                                          choices=[("", _("All")), *OrganisationType.choices])
    attended = forms.ChoiceField(label=_("Attendance"), required=False,
                                 choices=[("", _("All")), ("yes", _("Attended")),
                                          ("no", _("Did not attend"))])
    q = forms.CharField(label=_("Name, e-mail or organisation"), required=False,
                        max_length=100)


class AttendanceImportForm(forms.Form):
    file = forms.FileField(label=_("Attendance list (CSV)"),
                           help_text=_("A CSV file with a column of e-mail addresses, e.g. the "
                                       "attendee report of the meeting platform."))

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        raw = upload.read()
        if b"\x00" in raw[:4096]:
            raise ValidationError(_("This is not a CSV text file."))
        for encoding in ("utf-8-sig", "utf-16", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise ValidationError(_("The file's text encoding could not be read; save it as UTF-8."))


class WebinarMessageForm(forms.ModelForm):
    class Meta:
        model = WebinarMessage
        fields = ["audience", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"body": _("Plain text. Each recipient's personal link to their "
                                "registration is added below the message.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = MessageAudience.choices
