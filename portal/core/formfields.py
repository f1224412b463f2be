"""Model choice fields that turn any value a browser could send into a form error.

Django passes the submitted keys straight to the database: a 30-digit id overflows
SQLite's integers (OverflowError, a 500). Keys that cannot be ids are refused first.
"""

import re

from django import forms

ID_PATTERN = re.compile(r"[0-9]{1,18}")


def _plausible(value) -> bool:
    return value in (None, "") or bool(ID_PATTERN.fullmatch(str(value).strip()))


class SafeModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value):
        if self.to_field_name is None and not _plausible(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"],
                                        code="invalid_choice")
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if self.to_field_name is None:
            for item in value if isinstance(value, list | tuple | set | frozenset) else [value]:
                if not _plausible(item):
                    raise forms.ValidationError(self.error_messages["invalid_choice"],
                                                code="invalid_choice", params={"value": item})
        return super()._check_values(value)
