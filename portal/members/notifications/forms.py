from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .verbs import Frequency, emailed_kinds


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, initial_frequencies: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in emailed_kinds():
            self.fields[f"kind_{kind.key}"] = forms.ChoiceField(
                label=kind.label, choices=Frequency.choices, widget=forms.RadioSelect,
                initial=initial_frequencies.get(kind.key, kind.default_frequency))

    def frequencies(self) -> dict[str, str]:
        return {name.removeprefix("kind_"): value for name, value in self.cleaned_data.items()
                if name.startswith("kind_")}
