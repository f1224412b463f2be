"""Time-zone helpers: one instant shown in several zones, labelled as the zone was that day.

A label reads "SAST (GMT+2)": the abbreviation the zone used on that date, then its offset.
Zones whose database abbreviation is only a number ("+03") are labelled by the offset alone.
"""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from django.utils import formats
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext as _

UTC = zoneinfo.ZoneInfo("UTC")


@dataclass(frozen=True)
class ZonedTime:
    zone: str
    local: datetime
    abbreviation: str
    offset_label: str

    @property
    def label(self) -> str:
        if self.abbreviation and self.abbreviation != self.offset_label:
            return f"{self.abbreviation} ({self.offset_label})"
        return self.offset_label

    @property
    def city(self) -> str:
        return self.zone.rsplit("/", 1)[-1].replace("_", " ")


@lru_cache(maxsize=512)
def get_zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


MAX_ZONE_NAME = 64  # the longest IANA name is about 32 characters


def is_valid_zone(name: str | None) -> bool:
    """True for an IANA zone name; anything a browser or a cookie could send is safe here
    (overlong names, NULs and path tricks make the zone lookup raise OSError)."""
    if not name or len(name) > MAX_ZONE_NAME or "\x00" in name:
        return False
    try:
        get_zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def offset_label(offset: timedelta) -> str:
    total_minutes = int(offset.total_seconds() // 60)
    sign = "+" if total_minutes >= 0 else "-"
    hours, minutes = divmod(abs(total_minutes), 60)
    if total_minutes == 0:
        return "GMT"
    return f"GMT{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def in_zone(instant: datetime, zone_name: str) -> ZonedTime:
    if dj_timezone.is_naive(instant):
        raise ValueError("in_zone() needs an aware datetime; store instants in UTC.")
    local = instant.astimezone(get_zone(zone_name))
    abbreviation = local.tzname() or ""
    if abbreviation[:1] in "+-" or abbreviation == "UTC" and zone_name != "UTC":
        abbreviation = ""
    return ZonedTime(zone_name, local, abbreviation, offset_label(local.utcoffset()))


def in_zones(instant: datetime, zone_names) -> list[ZonedTime]:
    """The instant in each zone, without repeating a zone."""
    seen, result = set(), []
    for name in zone_names:
        if name and name not in seen and is_valid_zone(name):
            seen.add(name)
            result.append(in_zone(instant, name))
    return result


def local_to_utc(naive_local: datetime, zone_name: str) -> datetime:
    """Interpret a wall-clock time typed in `zone_name` and return the UTC instant.

    A time that falls in a DST gap is moved forward (fold=0), one that is ambiguous takes
    its first occurrence, as most calendar programs do.
    """
    aware = naive_local.replace(tzinfo=get_zone(zone_name))
    return aware.astimezone(UTC)


def format_range(start: ZonedTime, end: ZonedTime) -> str:
    """'11:00–12:00 SAST (GMT+2)', with the end's date when it falls on another day."""
    start_text = formats.time_format(start.local, "H:i")
    if end.local.date() != start.local.date():
        end_text = formats.date_format(end.local, "j M H:i")
    else:
        end_text = formats.time_format(end.local, "H:i")
    return _("%(start)s–%(end)s %(label)s") % {"start": start_text, "end": end_text,
                                              "label": start.label}


@lru_cache(maxsize=1)
def timezone_choices() -> list[tuple[str, str]]:
    names = sorted(
        name for name in zoneinfo.available_timezones()
        if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/", "posixrules"))
    )
    return [("UTC", "UTC"), *[(name, name.replace("_", " ")) for name in names]]
