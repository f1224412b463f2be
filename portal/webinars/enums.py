from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")


ACTIVE_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)


class Platform(models.TextChoices):
    ZOOM = "zoom", _("Zoom")
    TEAMS = "teams", _("Microsoft Teams")
    WEBEX = "webex", _("Webex")
    GOOGLE_MEET = "meet", _("Google Meet")
    JITSI = "jitsi", _("Jitsi Meet")
    BIGBLUEBUTTON = "bbb", _("BigBlueButton")
    OTHER = "other", _("Other")


class MaterialKind(models.TextChoices):
    PRESENTATION = "presentation", _("Presentation")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    REPORT = "report", _("Report")
    SUMMARY = "summary", _("Summary")
    RESOURCE = "resource", _("Further reading")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    """Where a webinar stands, as the status line tells visitors."""

    NOT_YET_OPEN = "not_yet_open", _("Registration opens soon")
    OPEN = "open", _("Registration open")
    WAITLIST = "waitlist", _("Full: join the waiting list")
    CLOSED = "closed", _("Registration closed")
    LIVE = "live", _("Live now")
    ENDED = "ended", _("Ended")
    CANCELLED = "cancelled", pgettext_lazy("webinar status", "Cancelled")


class AttendanceSource(models.TextChoices):
    JOIN_LINK = "join_link", _("Joined through the personal link")
    MANUAL = "manual", _("Marked by an organiser")
    IMPORT = "import", _("Imported from an attendance list")


class MessageAudience(models.TextChoices):
    ACTIVE = "active", _("Everyone registered (confirmed and waiting list)")
    CONFIRMED = "confirmed", _("Confirmed registrants")
    WAITLISTED = "waitlisted", _("People on the waiting list")
    ATTENDED = "attended", _("Those who attended")
    ABSENT = "absent", _("Confirmed registrants who did not attend")


FOLLOWUP_KIND = "followup"


def reminder_kind(minutes: int) -> str:
    return f"reminder-{minutes}m"


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    CHOICE = "choice", _("One choice from a list")
    YES_NO = "yes_no", _("Yes or no")
