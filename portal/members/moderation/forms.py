from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import SUSPENSION_DAYS, TIMED_DECISIONS


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ReportReason.choices,
                               widget=forms.RadioSelect)
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Only moderators read this."))


DECISION_LABELS = {
    "dismiss": _("Dismiss the report (content hidden by members' flags is shown again)"),
    "hide": _("Hide the reported content (the member keeps every right; the note is shown "
              "to them)"),
    "warn": _("Warn the member"),
    "silence": _("Silence the member in the discussions (can read, cannot post, reply or "
                 "react)"),
    "suspend": _("Suspend the member (can read, cannot post, message or register)"),
    "ban": _("Ban the member (the account is closed)"),
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[])
    days = forms.TypedChoiceField(label=_("Length of the silence or suspension"),
                                  required=False, coerce=int,
                                  empty_value=None,
                                  choices=[("", "—")] + [(d, _("%(days)s days") % {"days": d})
                                                         for d in SUSPENSION_DAYS])
    note = forms.CharField(label=_("Note to the member (sent by e-mail)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        decisions = decisions or [key for key in DECISION_LABELS if key != "hide"]
        self.fields["decision"].choices = [(key, DECISION_LABELS[key]) for key in decisions]

    def clean(self):
        data = super().clean()
        if data.get("decision") in TIMED_DECISIONS and not data.get("days"):
            self.add_error("days", _("Choose how long the suspension lasts."))
        return data
