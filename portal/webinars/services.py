"""Every change to webinars and registrations: plain functions, each in one transaction.

Capacity: a registration, a cancellation and a promotion each lock the webinar's row
before counting (SELECT ... FOR UPDATE on PostgreSQL; on SQLite the IMMEDIATE transaction
mode takes the database's write lock at BEGIN), so concurrent requests queue and the
number of confirmed places never exceeds the capacity. The partial unique constraint on
(webinar, e-mail) for active registrations backs the one-registration-per-address rule.

Every state change is a guarded UPDATE (WHERE status = ...), so repeating it is harmless.
"""

import csv
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Max, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from portal.core.db import create_once, run_serialised
from portal.members.moderation.rules import SuspendedError, ensure_can_post
from portal.members.rules import is_member

from . import notifications
from .enums import (
    ACTIVE_STATUSES,
    FOLLOWUP_KIND,
    AttendanceSource,
    MessageAudience,
    RegistrationStatus,
    reminder_kind,
)
from .feeds import feeds_rebuild_soon
from .models import (
    ERASED_EMAIL_DOMAIN,
    CalendarFeedToken,
    Registration,
    ReminderSent,
    Speaker,
    Webinar,
    WebinarMessage,
    new_token,
    normalise_email,
)
from .rules import can_register

logger = logging.getLogger("portal.webinars")

FOLLOWUP_DELAY = timedelta(hours=1)
FOLLOWUP_WINDOW = timedelta(days=30)
REMINDER_HORIZON = timedelta(days=15)


class RegistrationError(Exception):
    """A registration that cannot be made; `message` is shown to the person."""

    code = "unavailable"
    message = _("Registration is not available for this webinar.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class RegistrationNotOpen(RegistrationError):
    code = "not_open"
    message = _("Registration has not opened yet.")


class RegistrationClosed(RegistrationError):
    code = "closed"
    message = _("Registration for this webinar is closed.")


class WebinarUnavailable(RegistrationError):
    code = "unavailable"


@dataclass
class RegistrationResult:
    registration: Registration
    created: bool


def lock_webinar(webinar_id: int) -> Webinar:
    """The webinar's row, locked until the transaction ends (a no-op on SQLite, see above)."""
    return Webinar.objects.select_for_update().get(pk=webinar_id)


def confirmed_count(webinar) -> int:
    return Registration.objects.filter(webinar=webinar,
                                       status=RegistrationStatus.CONFIRMED).count()


def registration_check_open(*, webinar: Webinar, user=None, at: datetime | None = None) -> None:
    at = at or timezone.now()
    if not can_register(user, webinar):
        raise WebinarUnavailable()
    if webinar.registration_opens_at and at < webinar.registration_opens_at:
        raise RegistrationNotOpen()
    if at >= webinar.registration_closes:
        raise RegistrationClosed()


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        webinar_id=registration.webinar_id, status=RegistrationStatus.WAITLISTED,
        created_at__lte=registration.created_at,
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk).count()
    return ahead


def verified_user_for(email: str):
    address = (EmailAddress.objects.filter(email__iexact=email, verified=True)
               .select_related("user").first())
    return address.user if address is not None else None


def registration_create(*, webinar: Webinar, name: str, email: str, organisation: str = "",
                        organisation_type: str = "", country=None, job_title: str = "",
                        consent_privacy: bool = False, consent_updates: bool = False,
                        language: str = "en", timezone_name: str = "", user=None,
                        at: datetime | None = None) -> RegistrationResult:
    """Register someone: confirmed while places remain, else on the waiting list.

    Registering again with an address that already holds an active registration returns
    that registration (created=False) and changes nothing. `at` is when the request
    arrived; the waiting list keeps that order.
    """
    at = at or timezone.now()
    try:
        ensure_can_post(user)
    except SuspendedError as error:
        raise RegistrationError(str(error)) from None
    email = email.strip()
    email_normalised = normalise_email(email)
    member = user if is_member(user) and normalise_email(user.email) == email_normalised \
        else verified_user_for(email)
    details = {
        "user": member, "name": name.strip(), "email": email, "organisation": organisation.strip(),
        "organisation_type": organisation_type or "", "country": country,
        "job_title": job_title.strip(), "consent_privacy": consent_privacy,
        "consent_updates": consent_updates, "language": (language or "en")[:8],
        "timezone": timezone_name or "", "created_at": at}
    return run_serialised(lambda: _registration_decide(
        webinar_id=webinar.pk, email_normalised=email_normalised, check_user=user,
        details=details, at=at))


@transaction.atomic
def _registration_decide(*, webinar_id: int, email_normalised: str, check_user, details: dict,
                         at: datetime) -> RegistrationResult:
    """The locked part: a handful of statements that decide the place and record it."""
    webinar = lock_webinar(webinar_id)
    registration_check_open(webinar=webinar, user=check_user, at=at)
    existing = Registration.objects.filter(webinar=webinar, email_normalised=email_normalised,
                                           status__in=ACTIVE_STATUSES).first()
    if existing is not None:
        return RegistrationResult(existing, created=False)
    full = webinar.capacity is not None and confirmed_count(webinar) >= webinar.capacity
    status = RegistrationStatus.WAITLISTED if full else RegistrationStatus.CONFIRMED
    previous = (Registration.objects.filter(webinar=webinar, email_normalised=email_normalised)
                .aggregate(offset=Max("sequence_offset"))["offset"])
    registration = Registration(
        webinar=webinar, status=status, **details,
        confirmed_at=at if status == RegistrationStatus.CONFIRMED else None,
        sequence_offset=0 if previous is None else previous + 2,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        existing = Registration.objects.get(webinar=webinar, email_normalised=email_normalised,
                                            status__in=ACTIVE_STATUSES)
        return RegistrationResult(existing, created=False)
    registration.webinar = webinar
    if status == RegistrationStatus.CONFIRMED:
        notifications.notify_confirmed(registration)
    else:
        notifications.notify_waitlisted(registration)
    return RegistrationResult(registration, created=True)


def registration_resend(*, registration: Registration) -> None:
    """Send the link to an existing registration again (to its own address only)."""
    notifications.notify_already_registered(registration)


def _fill_places(webinar: Webinar, at: datetime) -> list[Registration]:
    """Promote from the waiting list, in order, while places are free (webinar row locked)."""
    if webinar.is_cancelled or not webinar.live or webinar.end <= at:
        return []
    queue = (Registration.objects.filter(webinar=webinar, status=RegistrationStatus.WAITLISTED)
             .order_by("created_at", "pk"))
    if webinar.capacity is not None:
        free = webinar.capacity - confirmed_count(webinar)
        if free <= 0:
            return []
        queue = queue[:free]
    promoted = []
    for registration in list(queue):
        if _promote(registration, webinar, at):
            promoted.append(registration)
    return promoted


def _promote(registration: Registration, webinar: Webinar, at: datetime) -> bool:
    updated = Registration.objects.filter(
        pk=registration.pk, status=RegistrationStatus.WAITLISTED,
    ).update(status=RegistrationStatus.CONFIRMED, promoted_at=at, confirmed_at=at)
    if not updated:
        return False
    registration.refresh_from_db()
    registration.webinar = webinar
    notifications.notify_promoted(registration)
    return True


@transaction.atomic
def waitlist_fill(*, webinar: Webinar, at: datetime | None = None) -> list[Registration]:
    """Promote as many people as there are free places (e.g. after the capacity grew)."""
    return _fill_places(lock_webinar(webinar.pk), at or timezone.now())


def registration_optional_mail_set(*, registration: Registration, stopped: bool) -> bool:
    """Stop (or resume) the reminders, follow-up and organisers' messages of one
    registration. Returns whether anything changed."""
    if stopped == (registration.optional_mail_stopped_at is not None):
        return False
    registration.optional_mail_stopped_at = timezone.now() if stopped else None
    registration.save(update_fields=["optional_mail_stopped_at"])
    return True


@transaction.atomic
def registration_cancel(*, registration: Registration, at: datetime | None = None) -> bool:
    """Cancel; a confirmed place that frees up goes to the next person waiting.

    Returns False (and does nothing) when the registration was already cancelled.
    """
    at = at or timezone.now()
    webinar = lock_webinar(registration.webinar_id)
    current = Registration.objects.get(pk=registration.pk)
    if current.status not in ACTIVE_STATUSES:
        registration.refresh_from_db()
        return False
    updated = Registration.objects.filter(pk=current.pk, status=current.status).update(
        status=RegistrationStatus.CANCELLED, cancelled_at=at)
    registration.refresh_from_db()
    if not updated:
        return False
    registration.webinar = webinar
    was_confirmed = current.status == RegistrationStatus.CONFIRMED
    notifications.notify_cancelled(registration, was_confirmed=was_confirmed)
    if was_confirmed:
        _fill_places(webinar, at)
    return True


@transaction.atomic
def registration_promote(*, registration: Registration, at: datetime | None = None) -> bool:
    """An organiser's choice: confirm this person from the waiting list, even past capacity."""
    at = at or timezone.now()
    webinar = lock_webinar(registration.webinar_id)
    return _promote(registration, webinar, at)


def registration_record_join(*, registration: Registration, at: datetime | None = None) -> None:
    at = at or timezone.now()
    Registration.objects.filter(pk=registration.pk).update(
        join_count=F("join_count") + 1,
        first_joined_at=Coalesce("first_joined_at", Value(at)),
        attended=True,
        attendance_source=Case(When(attendance_source="", then=Value(AttendanceSource.JOIN_LINK)),
                               default=F("attendance_source")),
    )


@transaction.atomic
def attendance_mark(*, webinar: Webinar, registration_ids, attended: bool) -> int:
    registrations = Registration.objects.filter(webinar=webinar, pk__in=list(registration_ids))
    if attended:
        return registrations.filter(attended=False).update(
            attended=True, attendance_source=AttendanceSource.MANUAL)
    return registrations.filter(attended=True).update(attended=False, attendance_source="")


@dataclass
class AttendanceImport:
    matched: int = 0
    already: int = 0
    unmatched: list[str] = field(default_factory=list)
    rows: int = 0


EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _csv_emails(text: str) -> tuple[list[str], int]:
    """E-mail addresses from a CSV: the column headed like 'e-mail', else any cell that is one."""
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    if not rows:
        return [], 0
    header = [cell.strip().lower().replace("-", "").replace("_", " ") for cell in rows[0]]
    column = next((index for index, cell in enumerate(header)
                   if cell in {"email", "email address", "mail", "courriel", "user email",
                               "attendee email", "adresse email"}), None)
    emails, data_rows = [], rows[1:] if column is not None else rows
    for row in data_rows:
        cells = [row[column]] if column is not None and column < len(row) else row
        for cell in cells:
            value = cell.strip().strip("<>").lower()
            if EMAIL_PATTERN.match(value):
                emails.append(value)
                break
    return emails, len(data_rows)


@transaction.atomic
def attendance_import(*, webinar: Webinar, text: str) -> AttendanceImport:
    """Mark as attended the registrants whose address appears in a CSV (case-insensitive)."""
    emails, rows = _csv_emails(text)
    result = AttendanceImport(rows=rows)
    unique = list(dict.fromkeys(emails))
    registrations = {
        registration.email_normalised: registration
        for registration in Registration.objects.filter(
            webinar=webinar, email_normalised__in=unique).order_by("created_at")
    }
    to_mark = []
    for email in unique:
        registration = registrations.get(email)
        if registration is None:
            result.unmatched.append(email)
        elif registration.attended:
            result.already += 1
        else:
            to_mark.append(registration.pk)
    result.matched = Registration.objects.filter(pk__in=to_mark).update(
        attended=True, attendance_source=AttendanceSource.IMPORT)
    return result


@transaction.atomic
def registrations_attach_to_user(*, user, email: str) -> int:
    """Give a member the registrations made with an address they have just verified."""
    email_normalised = normalise_email(email)
    registrations = Registration.objects.filter(email_normalised=email_normalised,
                                                user__isnull=True)
    recent_first = list(registrations.order_by("-created_at", "-pk")[:20])
    attached = registrations.update(user=user)
    profile = getattr(user, "profile", None)
    if recent_first and profile is not None:
        # Fill the profile's empty fields with what the person typed most recently.
        changed = []
        for field_name, profile_field in (("organisation", "organisation"),
                                          ("organisation_type", "organisation_type"),
                                          ("job_title", "job_title"),
                                          ("country_id", "country_id"),
                                          ("name", "display_name")):
            if getattr(profile, profile_field):
                continue
            value = next((getattr(r, field_name) for r in recent_first
                          if getattr(r, field_name)), None)
            if value:
                setattr(profile, profile_field, value)
                changed.append(profile_field.removesuffix("_id"))
        if changed:
            profile.save(update_fields=changed)
    return attached


def feed_token_get_or_create(*, user) -> CalendarFeedToken:
    token, _created = CalendarFeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def feed_token_reset(*, user) -> CalendarFeedToken:
    """A new secret: the old feed address stops working at once."""
    token, created = CalendarFeedToken.objects.get_or_create(user=user)
    if not created:
        token.token = new_token()
        token.created_at = timezone.now()
        token.save(update_fields=["token", "created_at"])
    return token


# Publishing -------------------------------------------------------------------------------

def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:32]


def calendar_state(webinar: Webinar) -> dict:
    """What registrants' calendars hold: the time, the link and the agenda (as digests)."""
    agenda = [
        [session.title, [link.speaker_id for link in session.moderator_links.all()],
         [[item.label, item.title, item.duration_minutes, item.description, item.sub_topics,
           [link.speaker_id for link in item.speaker_links.all()]]
          for item in session.items.all()]]
        for session in webinar.sessions.all()
    ]
    return {
        "start": webinar.start.isoformat(),
        "time": _digest([webinar.start.isoformat(), webinar.duration_minutes,
                         webinar.timezone]),
        "link": _digest([webinar.join_url, webinar.join_details]),
        "agenda": _digest(agenda),
    }


CHANGE_KINDS = ("time", "link", "agenda")


def active_registrations(webinar: Webinar):
    return (Registration.objects.filter(webinar=webinar, status__in=ACTIVE_STATUSES)
            .select_related("webinar").order_by("created_at", "pk"))


@transaction.atomic
def webinar_after_publish(*, webinar: Webinar, at: datetime | None = None) -> dict:
    """React to a published version: tell registrants of a cancellation or of a change of
    time, link or agenda (same UID, SEQUENCE raised), and fill places that became free."""
    at = at or timezone.now()
    webinar = lock_webinar(webinar.pk)
    outcome = {"changed": 0, "cancelled": 0, "promoted": 0, "followups": 0, "changes": []}
    if not webinar.live:
        return outcome
    old, new = webinar.calendar_state or {}, calendar_state(webinar)
    update = {"calendar_state": new}
    notify = None
    if webinar.is_cancelled:
        if webinar.cancellation_notified_at is None:
            update.update(sequence=webinar.sequence + 1, cancellation_notified_at=at)
            notify = "cancelled"
    else:
        changes = [kind for kind in CHANGE_KINDS if old and old.get(kind) != new[kind]]
        if webinar.cancellation_notified_at is not None:
            changes.append("reinstated")
        if changes:
            update.update(sequence=webinar.sequence + 1, cancellation_notified_at=None)
            notify = "changed"
            outcome["changes"] = changes
            if "time" in changes:
                # Reminders follow the new time: each goes out once for the new schedule.
                ReminderSent.objects.filter(registration__webinar=webinar,
                                            kind__startswith="reminder-").delete()
    # Saved before the notices are queued: they are rendered from the webinar as stored.
    Webinar.objects.filter(pk=webinar.pk).update(**update)
    for name, value in update.items():
        setattr(webinar, name, value)
    if "sequence" in update:
        feeds_rebuild_soon()  # subscribed calendars must see the new SEQUENCE
    if notify:
        registrations = list(active_registrations(webinar))
        accounts = notifications.accounts_among(r.email for r in registrations)
        previous_start = parse_datetime(old.get("start") or "")
        for registration in registrations:
            registration.webinar = webinar
            account = registration.email_normalised in accounts
            if notify == "cancelled":
                notifications.notify_event_cancelled(registration, account=account)
            else:
                notifications.notify_changed(registration, changes=outcome["changes"],
                                             previous_start=previous_start, account=account)
        outcome[notify] = len(registrations)
    outcome["promoted"] = len(_fill_places(webinar, at))
    outcome["followups"] = followups_send(webinar=webinar, at=at)
    return outcome


# Reminders and follow-ups -----------------------------------------------------------------

def _claim(registration: Registration, kind: str, at: datetime) -> bool:
    """Insert the (registration, kind) row; False if another run already did."""
    return create_once(ReminderSent, registration=registration, kind=kind, sent_at=at)


def due_reminder_minutes(webinar: Webinar, at: datetime) -> int | None:
    """The reminder due now: the latest one whose time has come, while the webinar is ahead."""
    if not webinar.start > at:
        return None
    due = [minutes for minutes in webinar.reminder_minutes
           if webinar.start - timedelta(minutes=minutes) <= at]
    return min(due) if due else None


def reminders_send_due(*, at: datetime | None = None) -> int:
    """Send the reminders that are due; each (registration, reminder) goes out once.

    Safe to run from several workers at once and after a crash: the claim row is written
    in the same transaction as the queued e-mail.
    """
    at = at or timezone.now()
    sent = 0
    webinars = Webinar.objects.filter(live=True, is_cancelled=False, start__gt=at,
                                      start__lte=at + REMINDER_HORIZON)
    for webinar in webinars:
        minutes = due_reminder_minutes(webinar, at)
        if minutes is None:
            continue
        kind = reminder_kind(minutes)
        reminder_time = webinar.start - timedelta(minutes=minutes)
        candidates = (Registration.objects
                      .filter(webinar=webinar, status=RegistrationStatus.CONFIRMED,
                              created_at__lt=reminder_time)
                      .exclude(notices_sent__kind=kind).order_by("pk"))
        for registration in candidates:
            with transaction.atomic():
                if not _claim(registration, kind, at):
                    continue
                registration.webinar = webinar
                notifications.notify_reminder(registration, minutes=minutes)
                sent += 1
    return sent


def has_materials(webinar: Webinar) -> bool:
    return bool(webinar.recording_url) or webinar.materials.exists()


def followups_send(*, webinar: Webinar | None = None, at: datetime | None = None) -> int:
    """After the event, once a recording or materials are published: one e-mail per
    confirmed registrant, worded for those who attended and those who did not, and one to
    each person still on the waiting list when it ended, worded for them."""
    at = at or timezone.now()
    webinars = Webinar.objects.filter(live=True, is_cancelled=False,
                                      end_at__lte=at - FOLLOWUP_DELAY,
                                      end_at__gte=at - FOLLOWUP_WINDOW)
    if webinar is not None:
        webinars = webinars.filter(pk=webinar.pk)
    sent = 0
    for item in webinars:
        if not has_materials(item):
            continue
        candidates = (Registration.objects
                      .filter(webinar=item, status__in=[RegistrationStatus.CONFIRMED,
                                                        RegistrationStatus.WAITLISTED])
                      .exclude(notices_sent__kind=FOLLOWUP_KIND).order_by("pk"))
        registrations = list(candidates)
        accounts = notifications.accounts_among(r.email for r in registrations)
        for registration in registrations:
            with transaction.atomic():
                if not _claim(registration, FOLLOWUP_KIND, at):
                    continue
                registration.webinar = item
                notifications.notify_followup(
                    registration, account=registration.email_normalised in accounts)
                sent += 1
    return sent


# Messages from organisers ---------------------------------------------------------------

def message_recipients(webinar: Webinar, audience: str):
    registrations = Registration.objects.filter(webinar=webinar)
    if audience == MessageAudience.CONFIRMED:
        return registrations.filter(status=RegistrationStatus.CONFIRMED)
    if audience == MessageAudience.WAITLISTED:
        return registrations.filter(status=RegistrationStatus.WAITLISTED)
    if audience == MessageAudience.ATTENDED:
        return registrations.filter(attended=True).exclude(status=RegistrationStatus.CANCELLED)
    if audience == MessageAudience.ABSENT:
        return registrations.filter(status=RegistrationStatus.CONFIRMED, attended=False)
    return registrations.filter(status__in=ACTIVE_STATUSES)


@transaction.atomic
def webinar_message_send(*, webinar: Webinar, audience: str, subject: str, body: str,
                         sent_by=None) -> WebinarMessage:
    recipients = list(message_recipients(webinar, audience).order_by("pk"))
    message = WebinarMessage.objects.create(
        webinar=webinar, audience=audience, subject=subject.strip(), body=body.strip(),
        sent_by=sent_by, recipient_count=len(recipients))
    accounts = notifications.accounts_among(r.email for r in recipients)
    for registration in recipients:
        registration.webinar = webinar
        notifications.notify_message(registration, message=message,
                                     account=registration.email_normalised in accounts)
    return message


@transaction.atomic
def registrations_erase_for_user(user) -> int:
    """When a member deletes their account: cancel what is still ahead (freeing the place
    for the waiting list) and strip the name and address from every registration, keeping
    only what organisers count (status, attendance, organisation type, country)."""
    now = timezone.now()
    registrations = list(Registration.objects.filter(user=user).select_related("webinar"))
    for registration in registrations:
        if registration.status in ACTIVE_STATUSES and registration.webinar.end > now:
            registration_cancel(registration=registration, at=now)
        registration.refresh_from_db()
        registration.name = ""
        registration.email = f"erased-{registration.pk}@{ERASED_EMAIL_DOMAIN}"
        registration.organisation = ""
        registration.job_title = ""
        registration.timezone = ""
        registration.consent_updates = False
        registration.user = None
        registration.save()
        registration.answers.all().delete()
    return len(registrations)


@transaction.atomic
def speakers_erase_for_user(user) -> int:
    """A speaker record linked to the member keeps its place on past programmes, but no
    longer names or describes the person."""
    from django.utils.translation import gettext
    from wagtail.models import ReferenceIndex

    speakers = list(Speaker.objects.filter(member=user).select_related("photo"))
    photos = []
    for speaker in speakers:
        if speaker.photo is not None:
            photos.append(speaker.photo)
        speaker.name = gettext("Former speaker")
        speaker.title = speaker.organisation = speaker.bio = ""
        speaker.country = speaker.photo = speaker.member = None
        speaker.save()
    for photo in photos:  # the portrait goes too, unless something else still shows it
        if not Speaker.objects.filter(photo=photo).exists() \
                and not ReferenceIndex.get_references_to(photo).exists():
            photo.delete()
    return len(speakers)
# Translations --------------------------------------------------------------------------------

# What belongs to the webinar and not to a language: its translations read these from the
# original, so a French visitor never sees an old time, capacity or link.
SHARED_FIELDS = (
    "start", "duration_minutes", "end_at", "timezone", "display_timezones", "capacity",
    "registration_opens_at", "registration_closes_at", "is_members_only", "platform",
    "join_url", "join_details", "reminder_schedule", "recording_url", "discussion_url",
    "is_cancelled", "language_id", "image_id",
)


@transaction.atomic
def webinar_translations_sync(*, webinar: Webinar) -> int:
    """Copy the shared fields, themes, countries and programme durations of an original
    onto its translations (their texts stay as translated). Returns how many were updated."""
    from .models import AgendaItem, RegistrationQuestion, WebinarMaterial

    translations = list(Webinar.objects.filter(translation_key=webinar.translation_key)
                        .exclude(pk=webinar.pk).values_list("pk", flat=True))
    if not translations:
        return 0
    Webinar.objects.filter(pk__in=translations).update(
        **{name: getattr(webinar, name) for name in SHARED_FIELDS})
    for relation, column in ((Webinar.themes.through, "theme_id"),
                             (Webinar.countries.through, "country_id")):
        wanted = list(relation.objects.filter(webinar_id=webinar.pk)
                      .values_list(column, flat=True))
        relation.objects.filter(webinar_id__in=translations).delete()
        relation.objects.bulk_create([relation(webinar_id=pk, **{column: value})
                                      for pk in translations for value in wanted])
    for key, minutes in AgendaItem.objects.filter(session__webinar=webinar).values_list(
            "translation_key", "duration_minutes"):
        AgendaItem.objects.filter(translation_key=key, session__webinar_id__in=translations
                                  ).update(duration_minutes=minutes)
    # A question's kind and whether it must be answered, a material's kind and where it
    # points, are the webinar's (a translator may still choose another document).
    for model, names in ((RegistrationQuestion, ("kind", "required")),
                         (WebinarMaterial, ("kind", "url", "page_id"))):
        for row in model.objects.filter(webinar=webinar).values("translation_key", *names):
            key = row.pop("translation_key")
            model.objects.filter(translation_key=key, webinar_id__in=translations).update(**row)
    return len(translations)
