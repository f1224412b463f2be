from django.urls import reverse

from portal.webinars import services
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import Registration
from tests.factories.members import PASSWORD, UserFactory
from tests.factories.webinars import WebinarFactory


def _register(webinar, *, email, user=None):
    return services.registration_create(webinar=webinar, name="Someone", email=email,
                                        organisation="Somewhere", consent_privacy=True,
                                        user=user).registration


def test_account_deletion_frees_places_and_strips_personal_data(client, db):
    member = UserFactory()
    webinar = WebinarFactory(capacity=1)
    own = _register(webinar, email=member.email, user=member)
    waiting = _register(webinar, email="next@example.org")
    assert waiting.status == RegistrationStatus.WAITLISTED

    client.force_login(member)
    response = client.post(reverse("members:delete"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    own.refresh_from_db()
    waiting.refresh_from_db()
    assert own.status == RegistrationStatus.CANCELLED
    assert (own.name, own.organisation, own.user_id) == ("", "", None)
    assert member.email not in own.email
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert not Registration.objects.filter(email_normalised=member.email.lower()).exists()
