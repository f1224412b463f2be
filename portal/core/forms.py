from django import forms
from django.utils.translation import gettext_lazy as _

from .timezones import timezone_choices


class TimezoneForm(forms.Form):
    """A visitor's own choice of zone for "your time"; empty means the browser's zone."""

    timezone = forms.ChoiceField(label=_("Your time zone"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [("", _("The zone of this device")),
                                           *timezone_choices()]
