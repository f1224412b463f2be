"""Calendar files (RFC 5545) for webinars: single events, invitations and feeds.

Every event of a webinar has the same UID wherever it appears (public file, feeds,
invitations), a SEQUENCE that the services raise on changes that matter, the start and
end in the webinar's own zone (TZID with its VTIMEZONE) and a DTSTAMP. Text goes through
icalendar's escaping, after control characters are removed, so no field can add lines.
The join link appears only in a registrant's own files, as their personal join address.
"""

import re
from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vDuration, vText

from portal.core.timezones import get_zone

from .agenda import agenda_schedule
from .enums import Platform

PRODID = "-//Skills and Labour Migration CoP//Webinars//EN"
REFRESH = timedelta(hours=1)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def site_url(path: str = "") -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def site_host() -> str:
    return urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "cop.example.org"


def event_uid(webinar) -> str:
    """The same in every language: a translation names its original's event."""
    from portal.core.i18n import original_of

    return f"webinar-{original_of(webinar).pk}@{site_host()}"


def clean_text(value) -> str:
    return _CONTROL.sub("", str(value or "")).replace("\r\n", "\n").replace("\r", "\n")


def organiser_address() -> tuple[str, str]:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return name or settings.WAGTAIL_SITE_NAME, address or "noreply@cop.example.org"


PLATFORM_LABELS = dict(Platform.choices)


def online_label(platform: str) -> str:
    return _("Online (%(platform)s)") % {"platform": PLATFORM_LABELS.get(platform, platform)}


def programme_text(webinar) -> str:
    """The agenda as plain lines in the event's zone, for calendar descriptions."""
    lines = []
    for session in agenda_schedule(webinar):
        lines.append(session.session.title)
        for scheduled in session.items:
            item = scheduled.item
            label = f"{item.label} " if item.label else ""
            lines.append(f"  {scheduled.ranges[0].times} {label}{item.title}")
    return "\n".join(lines)


def webinar_event(webinar, *, registration=None, cancelled: bool = False,
                  with_programme: bool = True, stamp=None, location: str = "") -> Event:
    """One VEVENT. With a registration, its personal join address; never the raw join URL."""
    zone = get_zone(webinar.timezone)
    event = Event()
    event.add("uid", event_uid(webinar))
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", webinar.start.astimezone(zone))
    event.add("dtend", webinar.end.astimezone(zone))
    sequence = webinar.sequence
    if registration is not None:
        sequence += registration.sequence_offset + (1 if cancelled else 0)
    event.add("sequence", sequence)
    is_cancelled = cancelled or webinar.is_cancelled
    event.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
    event.add("summary", clean_text(webinar.title))
    page_url = site_url(webinar.get_absolute_url())
    parts = [clean_text(webinar.summary)]
    if registration is not None and not is_cancelled:
        join_url = site_url(registration.join_path)
        event.add("location", vText(join_url))
        parts.append(_("Join: %(url)s") % {"url": join_url})
        parts.append(_("Your registration: %(url)s") % {
            "url": site_url(registration.get_absolute_url())})
    else:
        event.add("location", vText(location or online_label(webinar.platform)))
    if with_programme and webinar.pk:
        programme = programme_text(webinar)
        if programme:
            parts.append(_("Programme (%(zone)s):") % {"zone": webinar.local_start.label}
                         + "\n" + clean_text(programme))
    parts.append(page_url)
    event.add("description", "\n\n".join(part for part in parts if part))
    event.add("url", page_url)
    event.add("transp", "OPAQUE")
    event.add("class", "PRIVATE" if registration is not None else "PUBLIC")
    if webinar.updated_at:
        event.add("last-modified", webinar.updated_at)
    if registration is not None:
        name, address = organiser_address()
        organizer = vCalAddress(f"mailto:{address}")
        organizer.params["cn"] = vText(clean_text(name))
        event.add("organizer", organizer)
        attendee = vCalAddress(f"mailto:{clean_text(registration.email)}")
        attendee.params["cn"] = vText(clean_text(registration.name))
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("DECLINED" if cancelled else "ACCEPTED")
        event.add("attendee", attendee)
    return event


def new_calendar(*, method: str = "PUBLISH", name: str = "", feed: bool = False) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", clean_text(name))
    if feed:
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def to_text(calendar: Calendar) -> str:
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")


def webinar_ics(webinar, *, registration=None, method: str = "PUBLISH",
                cancelled: bool = False, language: str | None = None) -> str:
    """A file with one event: the public file, or a registrant's invitation or cancellation."""
    with translation.override(language or translation.get_language() or "en"):
        calendar = new_calendar(method=method)
        calendar.add_component(webinar_event(webinar, registration=registration,
                                             cancelled=cancelled))
        return to_text(calendar)


def feed_ics(webinars, *, name: str, registrations=None) -> str:
    """A subscribed feed: public (no join links) or a member's, with their registrations."""
    calendar = new_calendar(name=name, feed=True)
    stamp = timezone.now()
    labels = {}

    def location(platform):  # one translation lookup per platform, not per event
        if platform not in labels:
            labels[platform] = online_label(platform)
        return labels[platform]

    if registrations is not None:
        for registration in registrations:
            calendar.add_component(webinar_event(
                registration.webinar, registration=registration,
                cancelled=not registration.is_active, with_programme=False, stamp=stamp))
    else:
        for webinar in webinars:
            calendar.add_component(webinar_event(webinar, with_programme=False, stamp=stamp,
                                                 location=location(webinar.platform)))
    return to_text(calendar)


def google_calendar_url(webinar, *, details: str = "", location: str = "") -> str:
    from urllib.parse import urlencode

    fmt = "%Y%m%dT%H%M%SZ"
    utc = get_zone("UTC")
    params = {
        "action": "TEMPLATE",
        "text": webinar.title,
        "dates": f"{webinar.start.astimezone(utc).strftime(fmt)}/"
                 f"{webinar.end.astimezone(utc).strftime(fmt)}",
        "details": details,
        "location": location,
        "ctz": webinar.timezone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


def outlook_calendar_url(webinar, *, details: str = "", location: str = "",
                         office365: bool = False) -> str:
    from urllib.parse import urlencode

    host = "outlook.office.com" if office365 else "outlook.live.com"
    utc = get_zone("UTC")
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": webinar.title,
        "startdt": webinar.start.astimezone(utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "enddt": webinar.end.astimezone(utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "body": details,
        "location": location,
    }
    return f"https://{host}/calendar/0/deeplink/compose?" + urlencode(params)


def webcal_url(path: str) -> str:
    url = site_url(path)
    return "webcal://" + url.split("://", 1)[1]
