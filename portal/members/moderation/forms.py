from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ReportReason
from .services import SUSPENSION_DAYS


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=ReportReason.choices,
                               widget=forms.RadioSelect)
    details = forms.CharField(label=_("Details (optional)"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Only moderators read this."))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("dismiss", _("Dismiss the report")),
        ("warn", _("Warn the member")),
        ("suspend", _("Suspend the member (can read, cannot post, message or register)")),
        ("ban", _("Ban the member (the account is closed)")),
    ])
    days = forms.TypedChoiceField(label=_("Suspension length"), required=False, coerce=int,
                                  empty_value=None,
                                  choices=[("", "—")] + [(d, _("%(days)s days") % {"days": d})
                                                         for d in SUSPENSION_DAYS])
    note = forms.CharField(label=_("Note to the member (sent by e-mail)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "suspend" and not data.get("days"):
            self.add_error("days", _("Choose how long the suspension lasts."))
        return data
