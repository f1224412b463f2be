"""E-mails to registrants, rendered in each registrant's language by a task.

Called by the services inside their transactions. A notice is queued as a small task
(one INSERT with the registration's id), so it commits or rolls back together with the
change it reports, while the slow part (templates, calendar files) runs in the worker,
outside the lock that decides places. The task renders from the registration as it is
then, and hands the message to the mail task, which retries.
"""

from datetime import timedelta
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django_tasks import task

from portal.core.mail import render_email
from portal.core.tasks import queue_email
from portal.core.timezones import is_valid_zone

from .agenda import zoned_range
from .enums import RegistrationStatus
from .i18n import materials_in_language, webinar_in_language
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


#: Notices a registrant may turn off; the others (confirmation, waiting list, a change or
#: cancellation of the webinar) are about their place and always go out.
OPTIONAL_NOTICES = frozenset({"webinar_reminder", "webinar_followup", "webinar_message"})


def stop_mail_url(registration) -> str:
    return site_url(reverse("webinars:stop_mail", kwargs={"token": registration.token}))


def render_to_registration(template: str, registration, *, ics_method: str | None = None,
                           cancelled: bool = False, account: bool | None = None,
                           **extra) -> dict:
    language = registration.language or "en"
    optional = template in OPTIONAL_NOTICES
    if optional:
        with translation.override(language):
            extra["stop_mail_url"] = stop_mail_url(registration)
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
    if optional:
        message["headers"] = {"List-Unsubscribe": f"<{extra['stop_mail_url']}>",
                              "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return message


def _notice_context(template: str, registration, options: dict) -> dict:
    """What each kind of notice shows beyond the registration, loaded when it is sent."""
    from .models import WebinarMessage
    from .services import waitlist_position

    webinar = registration.webinar
    extra = dict(options)
    if template == "webinar_waitlisted":
        extra["position"] = waitlist_position(registration)
    elif template == "webinar_changed":
        previous_start = parse_datetime(extra.pop("previous_start", "") or "")
        extra["previous_times"] = (event_times_at(webinar, previous_start, registration.timezone)
                                   if previous_start and "time" in extra["changes"] else None)
    elif template == "webinar_followup":
        extra["materials"] = materials_in_language(webinar, registration.language or "en")
        extra["attended"] = registration.attended
        extra["waitlisted"] = registration.status == RegistrationStatus.WAITLISTED
    elif template == "webinar_message":
        extra["message"] = WebinarMessage.objects.get(pk=extra.pop("message_id"))
    return extra


@task()
def send_registration_notice_task(*, registration_id: int, template: str,
                                  ics_method: str | None = None, cancelled: bool = False,
                                  account: bool | None = None, options: dict | None = None):
    from .models import Registration

    registration = (Registration.objects.select_related("webinar")
                    .filter(pk=registration_id).first())
    if registration is None or registration.is_erased:  # nobody left to write to
        return
    if template in OPTIONAL_NOTICES and registration.optional_mail_stopped_at:
        return  # checked when sending: the registrant may have stopped them since
    message = render_to_registration(
        template, registration, ics_method=ics_method, cancelled=cancelled, account=account,
        **_notice_context(template, registration, options or {}))
    queue_email(message)


def send_to_registration(template: str, registration, *, ics_method: str | None = None,
                         cancelled: bool = False, account: bool | None = None,
                         **options) -> None:
    """Queue a notice; `options` are plain JSON values the notice's template needs."""
    send_registration_notice_task.enqueue(
        registration_id=registration.pk, template=template, ics_method=ics_method,
        cancelled=cancelled, account=account, options=options)


def notify_member(registration, verb: str) -> None:
    """The registrant's account, if any, also gets the news in the notification centre
    (the e-mail above stays the one with the calendar invitation)."""
    from portal.members.notifications import notify

    user = registration.user
    if user is None:
        address = (EmailAddress.objects.filter(email__iexact=registration.email, verified=True)
                   .select_related("user").first())
        user = address.user if address else None
    if user is None:
        return
    webinar = registration.webinar
    notify(recipient=user, verb=verb, target=webinar, url=webinar.get_absolute_url(),
           title=webinar.title)


def notify_confirmed(registration) -> None:
    send_to_registration("webinar_confirmed", registration, ics_method="REQUEST")
    notify_member(registration, "webinar.confirmed")


def notify_waitlisted(registration) -> None:
    send_to_registration("webinar_waitlisted", registration)


def notify_promoted(registration) -> None:
    send_to_registration("webinar_promoted", registration, ics_method="REQUEST")
    notify_member(registration, "webinar.promoted")


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
    send_to_registration("webinar_changed", registration,
                         ics_method="REQUEST" if registration.is_confirmed else None,
                         changes=list(changes), account=account,
                         previous_start=previous_start.isoformat() if previous_start else "")
    notify_member(registration, "webinar.changed")


def notify_reminder(registration, *, minutes: int) -> None:
    send_to_registration("webinar_reminder", registration, minutes=minutes,
                         hours=minutes // 60 if minutes % 60 == 0 else None)


def notify_followup(registration, *, account: bool | None = None) -> None:
    send_to_registration("webinar_followup", registration, account=account)
    notify_member(registration, "webinar.materials")


def notify_message(registration, *, message, account: bool | None = None) -> None:
    send_to_registration("webinar_message", registration, message_id=message.pk,
                         account=account)


def accounts_among(emails) -> set[str]:
    """Which of these addresses belong to an account (one query for a whole mailing)."""
    lowered = {email.lower() for email in emails}
    found = (EmailAddress.objects.annotate(lowered=Lower("email"))
             .filter(lowered__in=lowered).values_list("lowered", flat=True))
    return set(found)

