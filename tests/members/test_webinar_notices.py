"""The webinars use the notification centre for members: confirmed, promoted from the
waiting list, changed, materials published. Their own e-mails stay the only e-mails."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from portal.members.models import Notification
from portal.members.notifications.mail import emails_send_due
from portal.webinars import services
from portal.webinars.enums import RegistrationStatus
from tests.factories.members import member
from tests.factories.webinars import MaterialFactory, RegistrationFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def publish(webinar):
    webinar.save_revision().publish()
    webinar.refresh_from_db()
    return webinar


def verbs_of(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk")
                .values_list("verb", flat=True))


def test_member_promoted_from_the_waiting_list_is_notified():
    alice, bob = member(), member()
    webinar = WebinarFactory(capacity=1)
    first = services.registration_create(webinar=webinar, email=alice.email, name="A",
                                         consent_privacy=True, user=alice).registration
    services.registration_create(webinar=webinar, email=bob.email, name="B",
                                 consent_privacy=True, user=bob)

    services.registration_cancel(registration=first)

    assert verbs_of(bob) == ["webinar.promoted"]


def test_changed_webinar_notifies_members_and_piles_up_without_extra_email():
    alice = member()
    webinar = publish(WebinarFactory(title="Skills partnerships"))
    RegistrationFactory(webinar=webinar, email=alice.email)
    webinar.start += timedelta(hours=1)
    webinar = publish(webinar)
    webinar.start += timedelta(hours=1)
    publish(webinar)
    mail.outbox.clear()

    note = Notification.objects.get(recipient=alice, verb="webinar.changed")

    assert note.count == 2
    assert emails_send_due(at=timezone.now() + timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_materials_published_notify_the_member_who_registered_with_a_verified_address():
    alice = member()
    webinar = WebinarFactory(start=timezone.now() - timedelta(hours=3))
    RegistrationFactory(webinar=webinar, email=alice.email.upper(),
                        status=RegistrationStatus.CONFIRMED)
    MaterialFactory(webinar=webinar, title="Panel slides")

    assert services.followups_send() == 1
    assert verbs_of(alice) == ["webinar.materials"]
