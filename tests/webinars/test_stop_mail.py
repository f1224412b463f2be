"""Reminders, the follow-up and organisers' messages can be stopped in one click from the
e-mail (RFC 8058) or from the registration page; news about the place always goes out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.webinars import services
from tests.factories.webinars import RegistrationFactory, WebinarFactory

pytestmark = pytest.mark.django_db


def _reminder_for(registration):
    start = registration.webinar.start
    return services.reminders_send_due(at=start - timedelta(minutes=30))


@pytest.fixture
def registration():
    start = timezone.now() + timedelta(hours=5)
    webinar = WebinarFactory(start=start, reminder_schedule="1h")
    return RegistrationFactory(webinar=webinar, email="ama@example.org",
                               created_at=start - timedelta(days=2))


def test_a_reminder_offers_one_click_stop_and_a_visible_link(registration):
    assert _reminder_for(registration) == 1

    message = mail.outbox[-1]
    stop_url = reverse("webinars:stop_mail", kwargs={"token": registration.token})
    assert message.extra_headers["List-Unsubscribe"].endswith(f"{stop_url}>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert stop_url in message.body and stop_url in message.alternatives[0][0]


def test_the_confirmation_has_no_stop_link(registration):
    services.registration_create(
        webinar=registration.webinar, name="Kofi", email="kofi@example.org",
        organisation="", organisation_type="", country=None)
    confirmation = [m for m in mail.outbox if m.to == ["kofi@example.org"]][-1]

    assert "List-Unsubscribe" not in confirmation.extra_headers
    assert "stop-mail" not in confirmation.body


def test_one_click_post_without_session_or_csrf_stops_the_optional_mail(registration):
    client = Client(enforce_csrf_checks=True)
    url = reverse("webinars:stop_mail", kwargs={"token": registration.token})

    response = client.post(url, {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.optional_mail_stopped_at is not None
    assert _reminder_for(registration) == 1  # the reminder is due, but not sent
    assert not [m for m in mail.outbox if m.to == [registration.email]]


def test_opening_the_link_only_asks(client, registration):
    url = reverse("webinars:stop_mail", kwargs={"token": registration.token})

    response = client.get(url)

    assert response.status_code == 200
    assert "Stop these e-mails" in response.content.decode()
    registration.refresh_from_db()
    assert registration.optional_mail_stopped_at is None


def test_news_about_the_place_still_goes_out_after_stopping(registration):
    services.registration_optional_mail_set(registration=registration, stopped=True)

    services.registration_cancel(registration=registration)

    assert [m.subject for m in mail.outbox if m.to == [registration.email]]


def test_the_registration_page_stops_and_resumes(client, registration):
    manage = registration.get_absolute_url()
    url = reverse("webinars:stop_mail", kwargs={"token": registration.token})
    assert "Stop these e-mails" in client.get(manage).content.decode()

    response = client.post(url, follow=True)
    assert "You will get no more reminders" in response.content.decode()
    assert "Send them to me again" in response.content.decode()

    response = client.post(url, {"resume": "1"}, follow=True)
    registration.refresh_from_db()
    assert registration.optional_mail_stopped_at is None
    assert _reminder_for(registration) == 1
    assert [m for m in mail.outbox if m.to == [registration.email]]


def test_an_unknown_token_is_not_found(client):
    url = reverse("webinars:stop_mail", kwargs={"token": "nope"})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_stop_page_in_french(client, registration):
    registration.language = "fr"
    registration.save()
    url = reverse("webinars:stop_mail", kwargs={"token": registration.token})
    with_language = "/fr" + url

    response = client.get(with_language)

    assert response.status_code == 200
    assert "Arrêter ces e-mails" in response.content.decode()
