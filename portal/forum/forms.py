import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from portal.members.moderation.models import ReportReason
from portal.members.moderation.services import SILENCE_DAYS

from .enums import NotificationLevel

BODY_HELP = _("Markdown: **bold**, *italic*, [links](https://…), lists, > quotes. "
              "Mention a member with @ and their user name.")


def body_attrs(rows: int) -> dict:
    """The message box, with what the @mention suggestions need (address and words)."""
    return {"rows": rows, "data-mention-url": reverse_lazy("forum:mentions"),
            "data-mention-label": _("Members to mention"),
            "data-mention-hint": _("%(count)s members match: arrows to choose, Enter to insert, "
                                   "Escape to close."),
            "data-mention-none": _("No member matches.")}


class ImageFields(forms.Form):
    image = forms.FileField(
        label=_("Picture (optional)"), required=False,
        help_text=_("JPEG, PNG, GIF or WebP, at most 5 MB; it is added at the end of your "
                    "message."))
    image_description = forms.CharField(
        label=_("Describe the picture for people who cannot see it"), required=False,
        max_length=200)


class TopicForm(ImageFields):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(
        attrs=body_attrs(10)), help_text=BODY_HELP)


class ReplyForm(ImageFields):
    body = forms.CharField(label=_("Your reply"), max_length=20000, widget=forms.Textarea(
        attrs=body_attrs(8)), help_text=BODY_HELP)
    reply_to = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class EditForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=20000, widget=forms.Textarea(
        attrs=body_attrs(10)), help_text=BODY_HELP)


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why should moderators look at this post?"),
                               choices=ReportReason.choices, widget=forms.RadioSelect)
    details = forms.CharField(label=_("Details"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 4}))


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Notifications for this topic"), coerce=int,
                                   choices=NotificationLevel.choices)


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Move to"), queryset=None)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class SplitForm(forms.Form):
    title = forms.CharField(label=_("Title of the new topic"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category of the new topic"), queryset=None)

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class MergeForm(forms.Form):
    target = forms.CharField(
        label=_("Merge into the topic"), max_length=300,
        help_text=_("Its address (…/forum/t/name/123/) or its number (123). Every post of "
                    "this topic is added after the posts of that one."))

    def clean_target(self) -> int:
        value = self.cleaned_data["target"].strip()
        match = re.search(r"/t/[^/]*/(\d+)/?", value) or re.fullmatch(r"#?(\d+)", value)
        if not match:
            raise forms.ValidationError(_("Paste the topic's address or type its number."))
        return int(match.group(1))


class SilenceForm(forms.Form):
    days = forms.TypedChoiceField(label=_("Silence for"), coerce=int, choices=[
        (days, _("%(days)s days") % {"days": days}) for days in SILENCE_DAYS])
    note = forms.CharField(label=_("Note to the member (sent by e-mail)"), required=False,
                           max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
