"""The call editor: dates typed as wall-clock times in the call's zone, stored in UTC."""

from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateTimeInput

from portal.core.timezones import in_zone, is_valid_zone, local_to_utc

LOCAL_FIELDS = {
    "local_opens": ("opens_at", _("Opens (local time)")),
    "local_deadline": ("deadline_at", _("Submission deadline (local time)")),
    "local_review_ends": ("review_ends_at", _("Review ends (local time)")),
    "local_voting_starts": ("voting_starts_at", _("Voting starts (local time)")),
    "local_voting_ends": ("voting_ends_at", _("Voting ends (local time)")),
    "local_announcement": ("announcement_at", _("Results announced (local time)")),
}
ORDER = ["opens_at", "deadline_at", "review_ends_at", "voting_starts_at", "voting_ends_at",
         "announcement_at"]


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time kept naive until the form knows the call's zone."""

    widget = AdminDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            result = value
        else:
            try:
                result = parse_datetime(str(value).strip())
            except ValueError:
                result = None
            if result is None:
                result = forms.BaseTemporalField.to_python(self, str(value).strip())
        return result.replace(tzinfo=None) if timezone.is_aware(result) else result

    def prepare_value(self, value):
        return value


def local_dates_to_utc(cleaned: dict, zone: str) -> tuple[dict, dict]:
    """The typed wall-clock times read in `zone`, as UTC instants by model field, and the
    errors of dates out of order by form field."""
    values, errors = {}, {}
    for name, (model_field, _label) in LOCAL_FIELDS.items():
        local = cleaned.get(name)
        values[model_field] = local_to_utc(local, zone) if local else None
    previous = None
    for model_field in ORDER:
        value = values.get(model_field)
        if value is not None and previous is not None and value < previous:
            name = next(key for key, item in LOCAL_FIELDS.items() if item[0] == model_field)
            errors[name] = _("Dates must follow each other: opening, deadline, end of review, "
                             "voting, results.")
        previous = value or previous
    return values, errors


HELP = _("As the clock reads in the call's time zone.")


class CallAdminForm(WagtailAdminPageForm):
    local_opens = LocalDateTimeField(label=LOCAL_FIELDS["local_opens"][1], help_text=HELP)
    local_deadline = LocalDateTimeField(label=LOCAL_FIELDS["local_deadline"][1], help_text=HELP)
    local_review_ends = LocalDateTimeField(label=LOCAL_FIELDS["local_review_ends"][1],
                                           help_text=HELP)
    local_voting_starts = LocalDateTimeField(label=LOCAL_FIELDS["local_voting_starts"][1],
                                             help_text=HELP)
    local_voting_ends = LocalDateTimeField(label=LOCAL_FIELDS["local_voting_ends"][1],
                                           help_text=HELP)
    local_announcement = LocalDateTimeField(label=LOCAL_FIELDS["local_announcement"][1],
                                            help_text=HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = self.instance.timezone if is_valid_zone(self.instance.timezone) else None
        for name, (model_field, _label) in LOCAL_FIELDS.items():
            value = getattr(self.instance, model_field, None)
            if value is not None and zone:
                self.initial[name] = in_zone(value, zone).local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("timezone") or self.instance.timezone
        if not is_valid_zone(zone):
            return cleaned
        values, errors = local_dates_to_utc(cleaned, zone)
        for name, message in errors.items():
            self.add_error(name, message)
        for model_field, value in values.items():
            setattr(self.instance, model_field, value)
        total = cleaned.get("expert_weight")
        if total is not None and total > 100:
            self.add_error("expert_weight", _("At most 100%."))
        return cleaned
