from django import forms
from django.utils.translation import gettext_lazy as _

from portal.core.formfields import SafeModelChoiceField, SafeModelMultipleChoiceField
from portal.core.models import Country, Language, Theme
from portal.core.timezones import timezone_choices

from .models import Profile
from .validators import validate_photo


class ProfileForm(forms.ModelForm):
    photo = forms.FileField(label=_("Photo"), required=False,
                            help_text=_("A JPEG, PNG, GIF or WebP picture, up to 5 MB. "
                                        "It is cropped to a square."),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    themes = SafeModelMultipleChoiceField(
        label=_("Areas of expertise"), queryset=Theme.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)
    languages = SafeModelMultipleChoiceField(
        label=_("Languages spoken"), queryset=Language.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Profile
        fields = ["display_name", "job_title", "organisation", "organisation_type", "country",
                  "bio", "timezone", "visibility", "allow_messages_from_all",
                  "email_webinar_announcements",
                  "email_community_digest", "email_forum_replies"]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6}),
                   "visibility": forms.RadioSelect}
        field_classes = {"country": SafeModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["display_name"].required = True
        self.fields["organisation"].required = True
        self.fields["country"].required = True
        self.fields["country"].queryset = Country.objects.by_display_name()
        self.fields["timezone"] = forms.ChoiceField(
            label=self.fields["timezone"].label, help_text=self.fields["timezone"].help_text,
            required=False, choices=[("", _("My browser's time zone")), *timezone_choices()])
        if self.instance.pk:
            self.initial["themes"] = list(self.instance.themes.all())
            self.initial["languages"] = list(self.instance.languages.all())

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            validate_photo(photo)
        return photo


class AccountDeleteForm(forms.Form):
    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput(
        attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=_("I understand that my account and profile are deleted "
                                         "for good."))

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200,
                        help_text=_("Name, organisation, job or words from a bio."))
    country = forms.ChoiceField(label=_("Country"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), required=False)
    theme = forms.ChoiceField(label=_("Expertise"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=[
        ("", _("Best match, else name")), ("name", _("Name")), ("newest", _("Newest members")),
        ("active", _("Recently active"))])

    def __init__(self, *args, **kwargs):
        from portal.core.enums import OrganisationType, Region

        super().__init__(*args, **kwargs)
        everyone = [("", _("All"))]
        self.fields["country"].choices = everyone + [
            (country.iso_code, country.display_name) for country in Country.objects.all()]
        self.fields["region"].choices = everyone + list(Region.choices)
        self.fields["organisation_type"].choices = everyone + list(OrganisationType.choices)
        self.fields["theme"].choices = everyone + [
            (theme.slug, theme.display_name) for theme in Theme.objects.all()]
        self.fields["language"].choices = everyone + [
            (language.code, language.display_name) for language in Language.objects.all()]
