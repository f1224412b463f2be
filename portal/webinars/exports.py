"""A member's webinar registrations, for their data export."""

from .models import Registration


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
