"""Registration rules: capacity, waiting list, idempotent changes, windows, attachment."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.webinars import services
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import Registration
from tests.factories.members import UserFactory, member
from tests.factories.webinars import RegistrationFactory, WebinarFactory

pytestmark = pytest.mark.django_db
CONFIRMED, WAITLISTED, CANCELLED = (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED,
                                    RegistrationStatus.CANCELLED)


def register(webinar, email, **kwargs):
    kwargs.setdefault("name", email.split("@")[0].title())
    return services.registration_create(webinar=webinar, email=email, consent_privacy=True,
                                        **kwargs)


def test_registration_confirms_until_capacity_then_waitlists():
    webinar = WebinarFactory(capacity=2)

    results = [register(webinar, f"p{n}@example.org") for n in range(4)]

    assert [r.registration.status for r in results] == [CONFIRMED, CONFIRMED, WAITLISTED,
                                                        WAITLISTED]
    assert all(r.created for r in results)
    assert services.waitlist_position(results[3].registration) == 2


def test_unlimited_webinar_never_waitlists():
    webinar = WebinarFactory(capacity=None)

    statuses = {register(webinar, f"p{n}@example.org").registration.status for n in range(30)}

    assert statuses == {CONFIRMED}


def test_same_address_twice_returns_the_first_registration():
    webinar = WebinarFactory()
    first = register(webinar, "Amina@Example.org")

    again = register(webinar, "  amina@example.ORG ")

    assert again.created is False
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1


def test_database_refuses_two_active_registrations_for_one_address():
    webinar = WebinarFactory()
    RegistrationFactory(webinar=webinar, email="a@example.org")

    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(webinar=webinar, email="A@example.org", status=WAITLISTED)
    RegistrationFactory(webinar=webinar, email="a@example.org", status=CANCELLED)  # allowed


def test_register_again_after_cancelling_raises_calendar_sequence():
    webinar = WebinarFactory()
    first = register(webinar, "a@example.org").registration
    services.registration_cancel(registration=first)

    second = register(webinar, "a@example.org")

    assert second.created and second.registration.pk != first.pk
    assert second.registration.sequence_offset == 2


@pytest.mark.parametrize("changes, error", [
    ({"registration_opens_at": timezone.now() + timedelta(days=1)}, services.RegistrationNotOpen),
    ({"registration_closes_at": timezone.now() - timedelta(minutes=1)},
     services.RegistrationClosed),
    ({"start": timezone.now() - timedelta(days=1)}, services.RegistrationClosed),
    ({"is_cancelled": True}, services.WebinarUnavailable),
    ({"live": False}, services.WebinarUnavailable),
    ({"is_members_only": True}, services.WebinarUnavailable),
])
def test_registration_respects_window_and_visibility(changes, error):
    webinar = WebinarFactory(**changes)

    with pytest.raises(error):
        register(webinar, "a@example.org", user=AnonymousUser())
    assert not Registration.objects.exists()


def test_members_only_webinar_accepts_members():
    user = member(display_name="Amina Diallo")
    webinar = WebinarFactory(is_members_only=True)

    result = register(webinar, user.email, user=user)

    assert result.registration.user == user


def test_cancelling_a_confirmed_place_promotes_the_next_in_order():
    webinar = WebinarFactory(capacity=1)
    first = register(webinar, "first@example.org").registration
    second = register(webinar, "second@example.org").registration
    third = register(webinar, "third@example.org").registration
    mail.outbox.clear()

    assert services.registration_cancel(registration=first) is True

    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.status, third.status) == (CONFIRMED, WAITLISTED)
    assert second.promoted_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == ["first@example.org",
                                                                "second@example.org"]
    promoted = next(m for m in mail.outbox if m.to == ["second@example.org"])
    assert "A place is yours" in promoted.subject
    assert "METHOD:REQUEST" in promoted.attachments[0][1]


def test_cancelling_twice_changes_nothing_the_second_time():
    webinar = WebinarFactory(capacity=1)
    first = register(webinar, "first@example.org").registration
    register(webinar, "second@example.org")
    services.registration_cancel(registration=first)
    mail.outbox.clear()

    assert services.registration_cancel(registration=first) is False

    assert mail.outbox == []
    assert Registration.objects.filter(status=CONFIRMED).count() == 1


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    webinar = WebinarFactory(capacity=1)
    register(webinar, "first@example.org")
    waiting = register(webinar, "second@example.org").registration
    later = register(webinar, "third@example.org").registration

    services.registration_cancel(registration=waiting)

    later.refresh_from_db()
    assert later.status == WAITLISTED


def test_organiser_promotes_a_chosen_person_even_when_full():
    webinar = WebinarFactory(capacity=1)
    register(webinar, "first@example.org")
    register(webinar, "second@example.org")
    chosen = register(webinar, "third@example.org").registration

    assert services.registration_promote(registration=chosen) is True
    assert services.registration_promote(registration=chosen) is False

    assert Registration.objects.filter(status=CONFIRMED).count() == 2
    chosen.refresh_from_db()
    assert chosen.status == CONFIRMED


def test_capacity_increase_fills_places_from_the_waiting_list():
    webinar = WebinarFactory(capacity=1)
    for n in range(4):
        register(webinar, f"p{n}@example.org")
    webinar.capacity = 3
    webinar.save()

    promoted = services.waitlist_fill(webinar=webinar)

    assert [r.email for r in promoted] == ["p1@example.org", "p2@example.org"]
    assert Registration.objects.filter(status=WAITLISTED).count() == 1


def test_no_promotion_after_the_webinar_ended():
    webinar = WebinarFactory(capacity=1)
    first = register(webinar, "first@example.org").registration
    waiting = register(webinar, "second@example.org").registration
    webinar.start = timezone.now() - timedelta(days=1)
    webinar.save()

    services.registration_cancel(registration=first)

    waiting.refresh_from_db()
    assert waiting.status == WAITLISTED


def test_registrations_attach_to_member_when_the_address_is_verified():
    webinar = WebinarFactory()
    other = WebinarFactory()
    register(webinar, "Newcomer@Example.org", organisation="Ministry of Labour",
             job_title="Officer")
    register(other, "newcomer@example.org")
    user = UserFactory(email="newcomer@example.org", verified_email=False)
    address = EmailAddress.objects.create(user=user, email="newcomer@example.org",
                                          verified=True, primary=True)

    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)

    assert Registration.objects.filter(user=user).count() == 2
    user.profile.refresh_from_db()
    assert user.profile.organisation == "Ministry of Labour"


def test_visitor_registration_attaches_to_a_verified_account_at_once():
    user = member()
    webinar = WebinarFactory()

    result = register(webinar, user.email.upper(), user=AnonymousUser())

    assert result.registration.user == user


def test_unverified_account_does_not_capture_registrations():
    user = UserFactory(verified_email=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    result = register(WebinarFactory(), user.email)

    assert result.registration.user is None


def test_attendance_import_matches_addresses_case_insensitively():
    webinar = WebinarFactory()
    present = RegistrationFactory(webinar=webinar, email="Kwame@Example.org")
    marked = RegistrationFactory(webinar=webinar, email="grace@example.org", attended=True)
    RegistrationFactory(webinar=webinar, email="absent@example.org")
    text = ("Name;User Email;Join time\nKwame;KWAME@example.org;11:00\n"
            "Grace;grace@example.org;11:02\nGuest;stranger@example.org;11:05\n")

    result = services.attendance_import(webinar=webinar, text=text)

    assert (result.matched, result.already, result.unmatched) == (1, 1, ["stranger@example.org"])
    present.refresh_from_db()
    assert present.attended and present.attendance_source == "import"
    assert marked.pk


def test_feed_token_reset_revokes_the_old_secret():
    user = member()
    old = services.feed_token_get_or_create(user=user).token

    new = services.feed_token_reset(user=user).token

    assert new != old


def test_a_suspended_member_cannot_register(db):
    from datetime import timedelta

    import pytest
    from django.utils import timezone

    from portal.webinars.services import RegistrationError, registration_create
    from tests.factories.members import member
    from tests.factories.webinars import WebinarFactory

    user = member(display_name="Suspended Someone")
    profile = user.profile
    profile.suspended_until = timezone.now() + timedelta(days=3)
    profile.save()

    with pytest.raises(RegistrationError, match="suspended"):
        registration_create(webinar=WebinarFactory(), name="S", email=user.email,
                            organisation="X", consent_privacy=True, user=user)
