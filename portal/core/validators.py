from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .timezones import is_valid_zone


def validate_timezone(value: str) -> None:
    if value and not is_valid_zone(value):
        raise ValidationError(_("“%(value)s” is not a time zone we know, e.g. Africa/Nairobi."),
                              params={"value": value}, code="invalid_timezone")
