"""A multiple choice stored as one delimited string, so it filters with a plain LIKE."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

DELIMITER = ","


def split_choices(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item]
    return [item for item in str(value).split(DELIMITER) if item]


def join_choices(values) -> str:
    values = split_choices(values)
    # Leading and trailing delimiters make `contains=",west,"` match whole codes only.
    return f"{DELIMITER}{DELIMITER.join(sorted(set(values)))}{DELIMITER}" if values else ""


class DelimitedMultipleChoiceFormField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        return split_choices(value)

    def clean(self, value):
        return join_choices(super().clean(value))

    def has_changed(self, initial, data):
        return set(split_choices(initial)) != set(split_choices(data))


class MultipleChoiceCharField(models.CharField):
    """A CharField holding several choices as ",code,code,"; edited as checkboxes."""

    def __init__(self, *args, multiple_choices=(), **kwargs):
        self.multiple_choices = list(multiple_choices)
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["multiple_choices"] = self.multiple_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return DelimitedMultipleChoiceFormField(
            choices=self.multiple_choices, required=not self.blank,
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=kwargs.get("help_text", self.help_text))

    def validate(self, value, model_instance):
        valid = {code for code, _label in self.multiple_choices}
        unknown = set(split_choices(value)) - valid
        if unknown:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": ", ".join(sorted(unknown))})
        super().validate(value, model_instance)
