"""Agenda times: each item's start and end follow from the webinar's start and the durations.

Works on saved webinars (with prefetched relations) and on unsaved previews alike, since it
only walks `webinar.sessions.all()` and `session.items.all()`.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import formats

from portal.core.timezones import ZonedTime, format_range, in_zone


@dataclass
class ZonedRange:
    zone: str
    start: ZonedTime
    end: ZonedTime
    is_viewer: bool = False
    event_date: date | None = None

    @property
    def text(self) -> str:
        """'11:00–11:05 SAST (GMT+2)'."""
        return format_range(self.start, self.end)

    @property
    def other_day(self) -> bool:
        """True when, in this zone, the range starts on another calendar day than the event
        does in its own zone (a viewer in Honolulu reads the 21st for an event of the 22nd)."""
        return self.event_date is not None and self.start.local.date() != self.event_date

    @property
    def day(self) -> str:
        """'Thu 21 Dec' when the day differs from the event's, else ''."""
        return formats.date_format(self.start.local, "D j M") if self.other_day else ""

    @property
    def times(self) -> str:
        """'11:00–11:05' (the zone label given separately)."""
        start = formats.time_format(self.start.local, "H:i")
        if self.end.local.date() != self.start.local.date():
            return f"{start}–{formats.date_format(self.end.local, 'j M H:i')}"
        return f"{start}–{formats.time_format(self.end.local, 'H:i')}"

    @property
    def crosses_date(self) -> bool:
        return self.end.local.date() != self.start.local.date()

    @property
    def label(self) -> str:
        return self.start.label


@dataclass
class ScheduledItem:
    item: object
    start: datetime
    end: datetime
    ranges: list[ZonedRange] = field(default_factory=list)


@dataclass
class ScheduledSession:
    session: object
    start: datetime
    end: datetime
    items: list[ScheduledItem] = field(default_factory=list)
    ranges: list[ZonedRange] = field(default_factory=list)


def zoned_range(start: datetime, end: datetime, zone: str, viewer_zone: str = "",
                event_date: date | None = None) -> ZonedRange:
    return ZonedRange(zone, in_zone(start, zone), in_zone(end, zone), zone == viewer_zone,
                      event_date)


def agenda_schedule(webinar, zones: list[str] | None = None,
                    viewer_zone: str = "") -> list[ScheduledSession]:
    """Sessions and items with computed start and end, and each in every given zone."""
    zones = list(dict.fromkeys(zones or [webinar.timezone]))
    cursor = webinar.start
    event_date = in_zone(webinar.start, webinar.timezone).local.date()
    sessions = []
    for session in webinar.sessions.all():
        session_start = cursor
        items = []
        for item in session.items.all():
            item_start, cursor = cursor, cursor + timedelta(minutes=item.duration_minutes or 0)
            items.append(ScheduledItem(item, item_start, cursor,
                                       [zoned_range(item_start, cursor, zone, viewer_zone,
                                                    event_date) for zone in zones]))
        sessions.append(ScheduledSession(
            session, session_start, cursor, items,
            [zoned_range(session_start, cursor, zone, viewer_zone, event_date)
             for zone in zones]))
    return sessions


def agenda_minutes(webinar) -> int:
    return sum(item.duration_minutes or 0 for session in webinar.sessions.all()
               for item in session.items.all())
