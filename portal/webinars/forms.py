from django import forms
from django.conf import settings
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from portal.core.enums import OrganisationType
from portal.core.formfields import SafeModelChoiceField
from portal.core.fragments import cached_value
from portal.core.models import Country, privacy_notice_url

from .enums import QuestionKind
from .models import Registration

HONEYPOT_FIELD = "website"


class FastSelect(forms.Select):
    """A select rendered in Python: the same markup as Django's templates, without a
    template include per option (the country list has some sixty)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "", "<option value=\"{}\"{}>{}</option>",
            ((option["value"], mark_safe(" selected") if option["selected"] else "",  # noqa: S308
              option["label"])
             for _group, group_options, _index in widget["optgroups"]
             for option in group_options))
        return format_html("<select name=\"{}\"{}>{}</select>", widget["name"],
                           flatatt(widget["attrs"]), options)


class HoneypotMixin(forms.Form):
    """A field people never see; software that fills in every field gives itself away."""

    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())


def privacy_help() -> str:
    """A link to the published privacy notice, for the consent box."""
    url = privacy_notice_url()
    if not url:
        return ""
    return format_html('<a href="{}">{}</a>', url, _("Read the privacy notice"))


def country_choices(empty_label) -> list[tuple[str, str]]:
    """The countries as the select lists them, in the active language's alphabetical order:
    computed once per language and generation, not at every form shown."""
    countries = cached_value("country-choices", (), lambda: [
        (str(country.pk), country.display_name)
        for country in Country.objects.by_display_name()], depends="content")
    return [("", str(empty_label)), *countries]


QUESTION_PREFIX = "question_"
YES, NO = "yes", "no"


def question_field(question) -> forms.Field:
    """The form field for one organiser question, as its kind asks. A question worded in
    another language than the page's (a translation still missing) keeps its `lang`."""
    common = {"label": question.label, "required": question.required,
              "help_text": question.help_text}
    if question.kind == QuestionKind.LONG_TEXT:
        field = forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                                **common)
    elif question.kind == QuestionKind.CHOICE:
        pairs = getattr(question, "choice_pairs", None) or [
            (choice, choice) for choice in question.choice_list]
        field = forms.ChoiceField(choices=pairs, widget=forms.RadioSelect, **common)
    elif question.kind == QuestionKind.YES_NO:
        field = forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))],
                                  widget=forms.RadioSelect, **common)
    else:
        field = forms.CharField(max_length=300, **common)
    lang = getattr(question, "lang", "")
    if lang and lang != (get_language() or "").split("-")[0]:
        field.content_lang = lang
    return field


class QuestionsMixin:
    """Adds the webinar's own questions after the standard fields, and hands their answers
    back keyed by question."""

    def add_questions(self, questions) -> None:
        self.questions = list(questions or [])
        for question in self.questions:
            self.fields[f"{QUESTION_PREFIX}{question.pk}"] = question_field(question)

    def question_answers(self) -> dict:
        """{question: answer text} for the questions answered (after is_valid())."""
        answers = {}
        for question in getattr(self, "questions", []):
            value = self.cleaned_data.get(f"{QUESTION_PREFIX}{question.pk}", "")
            if question.kind == QuestionKind.YES_NO and value:
                # Stored in the original's language, like the choices: one list of answers.
                with override(settings.LANGUAGE_CODE):
                    value = str(_("Yes") if value == YES else _("No"))
            if value:
                answers[question] = value.strip()
        return answers


class RegistrationForm(QuestionsMixin, HoneypotMixin, forms.ModelForm):
    country = SafeModelChoiceField(label=_("Country"), queryset=Country.objects.all(),
                                   empty_label=_("Choose a country"), widget=FastSelect)
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"), widget=FastSelect,
        choices=[("", _("Choose a type")), *OrganisationType.choices])
    consent_privacy = forms.BooleanField(
        label=_("I agree that the organisers keep my details to run this webinar and send me "
                "its information, as the privacy notice explains."),
        error_messages={"required": _("Please agree so that we can register you.")})
    consent_updates = forms.BooleanField(
        label=_("Tell me about future webinars of the community."), required=False)

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation", "organisation_type", "country", "job_title",
                  "consent_privacy", "consent_updates"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["email"].help_text = _("Your confirmation and personal links go here.")
        self.fields["consent_privacy"].help_text = privacy_help()
        # The queryset validates; the list shown is kept per language (see country_choices).
        self.fields["country"].queryset = Country.objects.all()
        self.fields["country"].widget.choices = country_choices(
            self.fields["country"].empty_label)
        self.add_questions(questions)
        # Keep the honeypot last, after the real fields and the organiser's questions.
        self.order_fields([*self.Meta.fields, *self._question_names(), HONEYPOT_FIELD])

    def _question_names(self) -> list[str]:
        return [f"{QUESTION_PREFIX}{question.pk}" for question in self.questions]


class MemberRegistrationForm(QuestionsMixin, HoneypotMixin):
    """A member registers in one click: their account holds the details (and answers the
    webinar's own questions, if it has any)."""

    consent_updates = forms.BooleanField(
        label=_("Tell me about future webinars of the community."), required=False)

    def __init__(self, *args, questions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(questions)
        self.order_fields([f"{QUESTION_PREFIX}{question.pk}" for question in self.questions]
                          + ["consent_updates", HONEYPOT_FIELD])


class WebinarFilterForm(forms.Form):
    series = forms.SlugField(required=False)
    theme = forms.SlugField(required=False)
    language = forms.CharField(required=False, max_length=8)
