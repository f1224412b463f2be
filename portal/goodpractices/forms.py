from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.core.models import Country
from portal.members.moderation.models import ReportReason

from .models import Submission
from .validators import check_attachment


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class SubmissionForm(forms.ModelForm):
    partner_countries = forms.ModelMultipleChoiceField(
        label=_("Partner countries"), queryset=Country.objects.all(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}))
    coauthor_emails = forms.CharField(
        label=_("Co-authors"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("E-mail addresses of other members, one per line. They confirm before "
                    "they appear as co-authors."))
    files = forms.FileField(label=_("Attachments"), required=False,
                            widget=MultipleFileInput(),
                            help_text=_("PDF, PNG, JPEG or office documents, 5 MB each."))

    class Meta:
        model = Submission
        fields = ["title", "summary", "idea", "partner_organisations", "target_groups",
                  "sectors", "expected_results", "resources_needed"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3}),
                   "partner_organisations": forms.Textarea(attrs={"rows": 3}),
                   "target_groups": forms.Textarea(attrs={"rows": 2}),
                   "expected_results": forms.Textarea(attrs={"rows": 4}),
                   "resources_needed": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, teams_allowed=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not teams_allowed:
            del self.fields["coauthor_emails"]
        if self.instance.pk:
            self.initial["partner_countries"] = list(
                self.instance.partner_countries.values_list("pk", flat=True))
            if "coauthor_emails" in self.fields:
                self.initial["coauthor_emails"] = "\n".join(
                    self.instance.coauthors.values_list("user__email", flat=True))

    def clean_coauthor_emails(self):
        emails = [line.strip().lower() for line in
                  self.cleaned_data["coauthor_emails"].splitlines() if line.strip()]
        users = list(get_user_model().objects.filter(email__in=emails, is_active=True))
        missing = set(emails) - {user.email.lower() for user in users}
        if missing:
            raise ValidationError(_("No member has the address %(emails)s.")
                                  % {"emails": ", ".join(sorted(missing))})
        return users

    def clean_files(self):
        uploads = self.files.getlist(self.add_prefix("files"))
        for upload in uploads:
            check_attachment(upload)
        return uploads


class ClarificationRequestForm(forms.Form):
    question = forms.CharField(label=_("Question to the submitters"), max_length=4000,
                               widget=forms.Textarea(attrs={"rows": 3}))


class ClarificationAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 4}))


def review_form_class(criteria):
    fields = {}
    for criterion in criteria:
        fields[f"value_{criterion.pk}"] = forms.IntegerField(
            label=_("%(name)s (0–%(scale)d)") % {"name": criterion.name,
                                                 "scale": criterion.scale},
            min_value=0, max_value=criterion.scale, help_text=criterion.description)
        fields[f"comment_{criterion.pk}"] = forms.CharField(
            label=_("Comment on %(name)s") % {"name": criterion.name}, required=False,
            max_length=4000, widget=forms.Textarea(attrs={"rows": 2}))
    fields["private_note"] = forms.CharField(
        label=_("Private note for the editors"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}))
    return type("ReviewForm", (forms.Form,), fields)


class ProgressForm(forms.Form):
    text = forms.CharField(label=_("Progress update"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why should moderators look at this submission?"),
                               choices=ReportReason.choices, widget=forms.RadioSelect)
    details = forms.CharField(label=_("Details"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))
