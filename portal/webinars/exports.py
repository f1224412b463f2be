"""A member's webinar registrations, speaker roles and calendar feed, for their export."""

from django.urls import reverse

from .ical import site_url
from .models import CalendarFeedToken, Registration, Speaker


def collect_registrations(user) -> list[dict]:
    registrations = (Registration.objects.filter(user=user).select_related("webinar", "country")
                     .prefetch_related("answers__question").order_by("created_at", "pk"))
    return [
        {
            "webinar": registration.webinar.title,
            "webinar_start": registration.webinar.start.isoformat(),
            "status": registration.status,
            "registered_at": registration.created_at.isoformat(),
            "cancelled_at": registration.cancelled_at.isoformat()
            if registration.cancelled_at else None,
            "name": registration.name,
            "email": registration.email,
            "organisation": registration.organisation,
            "organisation_type": registration.organisation_type,
            "country": registration.country.iso_code if registration.country else None,
            "job_title": registration.job_title,
            "language": registration.language,
            "consent_privacy": registration.consent_privacy,
            "consent_updates": registration.consent_updates,
            "attended": registration.attended,
            "first_joined_at": registration.first_joined_at.isoformat()
            if registration.first_joined_at else None,
            "answers": {answer.question.label: answer.value
                        for answer in registration.answers.all()},
        }
        for registration in registrations
    ]


def collect_speaker_roles(user) -> list[dict]:
    speakers = Speaker.objects.filter(member=user).prefetch_related(
        "agenda_items__item__session__webinar", "moderated_sessions__session__webinar")
    roles = []
    for speaker in speakers:
        talks = sorted({link.item.session.webinar.title for link in speaker.agenda_items.all()})
        chaired = sorted({link.session.webinar.title
                          for link in speaker.moderated_sessions.all()})
        roles.append({"name": speaker.name, "title": speaker.title,
                      "organisation": speaker.organisation, "bio": speaker.bio,
                      "spoke_at": talks, "moderated": chaired})
    return roles


def collect_calendar_feed(user) -> dict | None:
    token = CalendarFeedToken.objects.filter(user=user).first()
    if token is None:
        return None
    path = reverse("webinars:personal_feed", kwargs={"token": token.token})
    return {"address": site_url(path), "created_at": token.created_at.isoformat()}
