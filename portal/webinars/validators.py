import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from portal.core.timezones import is_valid_zone

RESERVED_SLUGS = {"series", "calendar", "feed", "join", "registration", "me", "calendar.ics"}
_REMINDER_TOKEN = re.compile(r"^\s*(\d+)\s*([hm])\s*$", re.IGNORECASE)
MAX_REMINDER_MINUTES = 14 * 24 * 60


def split_list(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\s]+", value or "") if part.strip()]


def validate_zone_list(value: str) -> None:
    unknown = [name for name in split_list(value) if not is_valid_zone(name)]
    if unknown:
        raise ValidationError(
            _("Unknown time zone(s): %(zones)s. Use names such as Africa/Nairobi."),
            params={"zones": ", ".join(unknown)}, code="invalid_zone_list")


def parse_reminder_schedule(value: str) -> list[int]:
    """'24h, 1h' -> [1440, 60]: minutes before the start, largest first, without repeats."""
    minutes = set()
    for token in split_list(value):
        match = _REMINDER_TOKEN.match(token)
        if not match:
            raise ValueError(token)
        amount, unit = int(match.group(1)), match.group(2).lower()
        total = amount * 60 if unit == "h" else amount
        if not 0 < total <= MAX_REMINDER_MINUTES:
            raise ValueError(token)
        minutes.add(total)
    return sorted(minutes, reverse=True)


def validate_reminder_schedule(value: str) -> None:
    try:
        parse_reminder_schedule(value)
    except ValueError as error:
        raise ValidationError(
            _("“%(token)s” is not a reminder time. Write hours or minutes before the start, "
              "separated by commas, e.g. “24h, 1h” or “30m”; at most 14 days."),
            params={"token": str(error)}, code="invalid_reminder") from None


def validate_not_reserved_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved; choose another slug."),
                              params={"slug": value}, code="reserved_slug")


def validate_link(value: str) -> None:
    """A full http(s) address or a path on this site starting with '/'."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)
