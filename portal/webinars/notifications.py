"""E-mails to registrants, rendered in each registrant's language and queued as tasks.

Called by the services inside their transactions: with the database task backend the
queued message commits (or rolls back) together with the change it reports.
"""

from datetime import timedelta
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation

from portal.core.mail import render_email
from portal.core.tasks import queue_email
from portal.core.timezones import is_valid_zone

from .agenda import zoned_range
from .i18n import webinar_in_language
from .ical import google_calendar_url, outlook_calendar_url, site_url, webcal_url, webinar_ics


def event_times(webinar, extra_zone: str = "") -> list:
    """The webinar's start-end in its zone, its display zones and the reader's zone."""
    return event_times_at(webinar, webinar.start, extra_zone)


def event_times_at(webinar, start, extra_zone: str = "") -> list:
    zones = [*webinar.zone_names]
    if is_valid_zone(extra_zone):
        zones.append(extra_zone)
    end = start + timedelta(minutes=webinar.duration_minutes)
    return [zoned_range(start, end, zone) for zone in dict.fromkeys(zones)]


def has_account(email: str) -> bool:
    return EmailAddress.objects.filter(email__iexact=email).exists()


def registration_links(registration, *, language: str) -> dict:
    webinar = webinar_in_language(registration.webinar, language)
    with translation.override(language):
        manage_url = site_url(registration.get_absolute_url())
        join_url = site_url(registration.join_path)
        calendar_path = reverse("webinars:registration_ics", kwargs={"token": registration.token})
        signup_url = site_url(reverse("account_signup")) + "?" + urlencode(
            {"email": registration.email})
        login_url = site_url(reverse("account_login"))
        webinar_url = site_url(webinar.get_absolute_url())
    details = f"{webinar.summary}\n\n{join_url}\n{manage_url}"
    return {
        "manage_url": manage_url,
        "join_url": join_url,
        "webinar_url": webinar_url,
        "ics_url": site_url(calendar_path),
        "webcal_url": webcal_url(calendar_path),
        "google_url": google_calendar_url(webinar, details=details, location=join_url),
        "outlook_url": outlook_calendar_url(webinar, details=details, location=join_url),
        "office365_url": outlook_calendar_url(webinar, details=details, location=join_url,
                                              office365=True),
        "signup_url": signup_url,
        "login_url": login_url,
    }


def registration_context(registration, *, account: bool | None = None, **extra) -> dict:
    language = registration.language or "en"
    webinar = webinar_in_language(registration.webinar, language)
    if account is None:
        account = registration.user_id is not None or has_account(registration.email)
    return {
        "webinar": webinar,
        "registration": registration,
        "times": event_times(webinar, registration.timezone),
        "has_account": account,
        **registration_links(registration, language=language),
        **extra,
    }


def send_to_registration(template: str, registration, *, ics_method: str | None = None,
                         cancelled: bool = False, account: bool | None = None,
                         **extra) -> dict:
    language = registration.language or "en"
    attachments = []
    if ics_method:
        attachments.append({
            "filename": "cancel.ics" if ics_method == "CANCEL" else "invite.ics",
            "content": webinar_ics(webinar_in_language(registration.webinar, language),
                                   registration=registration,
                                   method=ics_method, cancelled=cancelled, language=language),
            "mimetype": f"text/calendar; method={ics_method}",
        })
    message = render_email(
        template=template,
        context=registration_context(registration, account=account, **extra),
        to=[registration.email], language=language, attachments=attachments)
    queue_email(message)
    return message


def notify_confirmed(registration) -> None:
    send_to_registration("webinar_confirmed", registration, ics_method="REQUEST")


def notify_waitlisted(registration, *, position: int) -> None:
    send_to_registration("webinar_waitlisted", registration, position=position)


def notify_promoted(registration) -> None:
    send_to_registration("webinar_promoted", registration, ics_method="REQUEST")


def notify_cancelled(registration, *, was_confirmed: bool) -> None:
    send_to_registration("webinar_cancelled", registration,
                         ics_method="CANCEL" if was_confirmed else None, cancelled=True)


def notify_already_registered(registration) -> None:
    send_to_registration("webinar_already_registered", registration)


def notify_event_cancelled(registration, *, account: bool | None = None) -> None:
    send_to_registration("webinar_event_cancelled", registration,
                         ics_method="CANCEL" if registration.is_confirmed else None,
                         account=account)


def notify_changed(registration, *, changes: list[str], previous_start=None,
                   account: bool | None = None) -> None:
    webinar = registration.webinar
    previous = None
    if previous_start is not None and "time" in changes:
        previous = event_times_at(webinar, previous_start, registration.timezone)
    send_to_registration("webinar_changed", registration,
                         ics_method="REQUEST" if registration.is_confirmed else None,
                         changes=changes, previous_times=previous, account=account)


def notify_reminder(registration, *, minutes: int) -> None:
    send_to_registration("webinar_reminder", registration, minutes=minutes,
                         hours=minutes // 60 if minutes % 60 == 0 else None)


def notify_followup(registration, *, materials, account: bool | None = None) -> None:
    send_to_registration("webinar_followup", registration, materials=materials,
                         attended=registration.attended, account=account)


def notify_message(registration, *, message, account: bool | None = None) -> None:
    send_to_registration("webinar_message", registration, message=message, account=account)


def accounts_among(emails) -> set[str]:
    """Which of these addresses belong to an account (one query for a whole mailing)."""
    lowered = {email.lower() for email in emails}
    found = (EmailAddress.objects.annotate(lowered=Lower("email"))
             .filter(lowered__in=lowered).values_list("lowered", flat=True))
    return set(found)

