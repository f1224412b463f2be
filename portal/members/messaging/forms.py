from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Profile
from .models import MAX_PARTICIPANTS


class ProfileChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, profile):
        return profile.name


class ConversationForm(forms.Form):
    recipients = ProfileChoiceField(
        label=_("To"), queryset=Profile.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to %(max)s members, yourself included.") % {"max": MAX_PARTICIPANTS})
    subject = forms.CharField(label=_("Subject (optional)"), max_length=160, required=False)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Markdown: **bold**, *italic*, [links](https://…), lists."))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].queryset = choices

    def clean_recipients(self):
        recipients = self.cleaned_data["recipients"]
        if len(recipients) + 1 > MAX_PARTICIPANTS:
            raise forms.ValidationError(_("A conversation can have at most %(max)s members.")
                                        % {"max": MAX_PARTICIPANTS})
        return recipients


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Markdown: **bold**, *italic*, [links](https://…), lists."))
