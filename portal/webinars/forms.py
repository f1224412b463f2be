from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.core.enums import OrganisationType
from portal.core.models import Country

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


class RegistrationForm(HoneypotMixin, forms.ModelForm):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].required = True
        self.fields["email"].help_text = _("Your confirmation and personal links go here.")
        self.fields["country"].label_from_instance = lambda country: country.display_name
        self.fields["country"].queryset = Country.objects.by_display_name()
        # Keep the honeypot last, after the real fields.
        self.order_fields([*self.Meta.fields, HONEYPOT_FIELD])


class MemberRegistrationForm(HoneypotMixin):
    """A member registers in one click: their account holds the details."""

    consent_updates = forms.BooleanField(
        label=_("Tell me about future webinars of the community."), required=False)


class WebinarFilterForm(forms.Form):
    series = forms.SlugField(required=False)
    theme = forms.SlugField(required=False)
    language = forms.CharField(required=False, max_length=8)
