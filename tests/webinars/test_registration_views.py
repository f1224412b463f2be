"""Every registration path through the pages, with the e-mails each one sends."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from portal.core.models import Country
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import Registration
from tests.factories.members import member
from tests.factories.webinars import RegistrationFactory, WebinarFactory
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Acquillyne Mbaka",
        "email": "acquillyne@example.org",
        "organisation": "State Department for Labour",
        "organisation_type": "government",
        "country": str(Country.objects.get(iso_code="KE").pk),
        "job_title": "Skills Development Officer",
        "consent_privacy": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def register(client, webinar, prefix="", **overrides):
    return client.post(prefix + reverse("webinars:register", args=[webinar.slug]),
                       form_data(**overrides))


def calendar_of(message):
    filename, content, mimetype = message.attachments[0]
    return filename, Calendar.from_ical(content), mimetype


def test_visitor_registers_and_gets_confirmation_with_invitation(client):
    webinar = WebinarFactory(title="Skills partnerships", capacity=10)
    client.cookies["portal_tz"] = "Africa/Lagos"

    response = register(client, webinar)

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert (registration.language, registration.timezone) == ("en", "Africa/Lagos")
    message = mail.outbox[-1]
    assert message.to == ["acquillyne@example.org"]
    assert message.subject == "[CoP] You are registered: Skills partnerships"
    assert registration.get_absolute_url() in message.body
    assert registration.join_path in message.body
    assert "WAT (GMT+1)" in message.body  # the registrant's own zone
    assert "/accounts/signup/?email=acquillyne%40example.org" in message.body
    filename, calendar, mimetype = calendar_of(message)
    assert (filename, mimetype) == ("invite.ics", "text/calendar; method=REQUEST")
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["ATTENDEE"]) == "mailto:acquillyne@example.org"
    assert "meet.example.org" not in calendar.to_ical().decode()  # personal redirect only
    html = message.alternatives[0][0]
    assert "Manage my registration" in html


def test_visitor_on_a_full_webinar_joins_the_waiting_list(client):
    webinar = WebinarFactory(capacity=1)
    RegistrationFactory(webinar=webinar)

    register(client, webinar)

    registration = Registration.objects.get(email="acquillyne@example.org")
    assert registration.status == RegistrationStatus.WAITLISTED
    message = mail.outbox[-1]
    assert "waiting list" in message.subject and message.attachments == []
    page = page_text(client.get(registration.get_absolute_url()))
    assert "You are first on the waiting list." in page


def test_second_registration_resends_the_link_instead_of_revealing_it(client):
    webinar = WebinarFactory()
    register(client, webinar)
    mail.outbox.clear()

    response = register(client, webinar, email="ACQUILLYNE@example.org", name="Someone else")
    register(client, webinar, email="acquillyne@example.org")

    registration = Registration.objects.get()
    assert response.status_code == 200
    assert registration.token not in response.content.decode()
    assert "You are already registered" in page_text(response)
    assert len(mail.outbox) == 1  # one reminder of the link, then quiet for a while
    assert mail.outbox[0].to == ["acquillyne@example.org"]
    assert registration.get_absolute_url() in mail.outbox[0].body


def test_member_registers_in_one_click(client):
    user = member(display_name="Amina Diallo", organisation="Ministry of Labour",
                  organisation_type="government")
    client.force_login(user)
    webinar = WebinarFactory()

    page = client.get(reverse("webinars:detail", args=[webinar.slug])).content.decode()
    response = client.post(reverse("webinars:register", args=[webinar.slug]), {"website": ""})

    assert 'name="email"' not in page
    registration = Registration.objects.get()
    assert response["Location"] == registration.get_absolute_url()
    assert (registration.user, registration.name, registration.email) == (
        user, "Amina Diallo", user.email)
    assert registration.organisation == "Ministry of Labour"
    assert "/accounts/signup/" not in mail.outbox[-1].body
    detail = page_text(client.get(reverse("webinars:detail", args=[webinar.slug])))
    assert "You are registered for this webinar." in detail


def test_honeypot_rejects_bots_without_registering(client):
    webinar = WebinarFactory()

    response = register(client, webinar, website="https://spam.example")

    assert response.status_code == 400
    assert not Registration.objects.exists() and mail.outbox == []


def test_an_office_behind_one_address_registers_together(client):
    webinar = WebinarFactory()
    statuses = {register(client, webinar, email=f"officer{n}@labour.example").status_code
                for n in range(40)}

    assert statuses == {302}
    assert Registration.objects.count() == 40


def test_rate_limit_stops_a_flood_from_one_network(client, monkeypatch):
    from portal.webinars import views

    monkeypatch.setattr(views, "REGISTER_LIMIT_PER_NETWORK", (10, 600))
    webinar = WebinarFactory()
    statuses = [register(client, webinar, email=f"p{n}@example.org").status_code
                for n in range(12)]

    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]
    assert Registration.objects.count() == 10


def test_rate_limit_per_email_address_keeps_the_form(client):
    webinar = WebinarFactory()
    for _ in range(5):
        register(client, webinar, email="same@example.org")

    response = register(client, webinar, email="same@example.org", job_title="Attaché")

    assert response.status_code == 429
    assert "with this e-mail address" in page_text(response)
    assert 'value="Attaché"' in response.content.decode()


def test_behind_the_load_balancer_each_visitor_is_counted_apart(client, settings, monkeypatch):
    from portal.webinars import views

    settings.TRUSTED_PROXY_COUNT = 1
    monkeypatch.setattr(views, "REGISTER_LIMIT_PER_NETWORK", (2, 600))
    webinar = WebinarFactory()
    statuses = [client.post(reverse("webinars:register", args=[webinar.slug]),
                            form_data(email=f"p{n}@example.org"),
                            REMOTE_ADDR="10.0.0.2",  # the balancer
                            HTTP_X_FORWARDED_FOR=f"41.0.0.{n}").status_code
                for n in range(6)]

    assert statuses == [302] * 6


def test_invalid_form_shows_errors_and_saves_nothing(client):
    webinar = WebinarFactory()

    response = register(client, webinar, email="not-an-address", consent_privacy="")

    text = page_text(response)
    assert response.status_code == 400
    assert "Enter a valid email address." in text
    assert "Please agree so that we can register you." in text
    assert not Registration.objects.exists()


def test_registration_after_closing_time_is_refused_with_a_reason(client):
    webinar = WebinarFactory(registration_closes_at=timezone.now() + timedelta(seconds=1))
    page = client.get(reverse("webinars:detail", args=[webinar.slug]))
    assert 'name="email"' in page.content.decode()
    webinar.registration_closes_at = timezone.now() - timedelta(seconds=1)
    webinar.save()

    response = register(client, webinar)

    assert response.status_code == 409
    assert "Registration for this webinar is closed." in page_text(response)
    assert not Registration.objects.exists()


def test_registration_in_french_sends_french_dates(client):
    webinar = WebinarFactory(start=timezone.now().replace(month=4, day=11) + timedelta(days=366))

    register(client, webinar, prefix="/fr")

    registration = Registration.objects.get()
    assert registration.language == "fr"
    assert "avril" in mail.outbox[-1].body
    assert mail.outbox[-1].subject.startswith("[CoP] Inscription confirmée")
    assert "/fr/webinars/registration/" in mail.outbox[-1].body


def test_manage_page_shows_status_calendar_links_and_is_private(client):
    registration = RegistrationFactory(webinar=WebinarFactory(title="Skills partnerships"))

    response = client.get(registration.get_absolute_url())

    text = page_text(response)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Confirmed" in text and "Skills partnerships" in text
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"  # posts keep their Origin
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in content
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in content
    assert "https://outlook.office.com/calendar/0/deeplink/compose?" in content
    assert f"webcal://testserver/webinars/registration/{registration.token}/calendar.ics" in content
    assert "meet.example.org" not in content
    assert "Sign Up" in text


def test_manage_page_with_unknown_token_is_not_found(client):
    assert client.get(reverse("webinars:manage", args=["nope"])).status_code == 404


def test_cancel_from_manage_page_frees_the_place_for_the_next_person(client):
    webinar = WebinarFactory(capacity=1)
    client.post(reverse("webinars:register", args=[webinar.slug]), form_data())
    client.post(reverse("webinars:register", args=[webinar.slug]),
                form_data(email="second@example.org", name="Second Person"))
    first = Registration.objects.get(email="acquillyne@example.org")
    mail.outbox.clear()

    response = client.post(reverse("webinars:cancel", args=[first.token]))
    again = client.post(reverse("webinars:cancel", args=[first.token]))

    first.refresh_from_db()
    second = Registration.objects.get(email="second@example.org")
    assert response.status_code == 302 and again.status_code == 302
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.CONFIRMED
    cancelled = next(m for m in mail.outbox if m.to == ["acquillyne@example.org"])
    filename, calendar, mimetype = calendar_of(cancelled)
    assert (filename, calendar["METHOD"]) == ("cancel.ics", "CANCEL")
    assert calendar.walk("VEVENT")[0]["STATUS"] == "CANCELLED"
    assert [m.to for m in mail.outbox].count(["second@example.org"]) == 1
    assert len(mail.outbox) == 2
    assert "This registration is cancelled." in page_text(client.get(first.get_absolute_url()))


def test_cancel_needs_post(client):
    registration = RegistrationFactory()

    assert client.get(reverse("webinars:cancel", args=[registration.token])).status_code == 405


def test_join_link_before_the_window_explains_when_it_opens(client):
    registration = RegistrationFactory(webinar=WebinarFactory(
        start=timezone.now() + timedelta(hours=3)))

    response = client.get(reverse("webinars:join", args=[registration.token]))

    assert response.status_code == 200
    assert "30 minutes before the start" in page_text(response)
    registration.refresh_from_db()
    assert registration.first_joined_at is None


def test_join_link_opened_by_a_mail_scanner_records_nothing(client):
    registration = RegistrationFactory(webinar=WebinarFactory(
        start=timezone.now() + timedelta(minutes=10), join_url="https://meet.example.org/j/42"))
    url = reverse("webinars:join", args=[registration.token])

    client.head(url)
    opened = client.get(url)
    client.get(url)

    assert opened.status_code == 200
    assert "Join the meeting now" in page_text(opened)
    assert "meet.example.org" not in opened.content.decode()
    registration.refresh_from_db()
    assert not registration.attended and registration.join_count == 0


def test_join_button_records_attendance_and_redirects(client):
    registration = RegistrationFactory(webinar=WebinarFactory(
        start=timezone.now() + timedelta(minutes=10), join_url="https://meet.example.org/j/42"))
    url = reverse("webinars:join", args=[registration.token])

    first = client.post(url)
    client.post(url)

    assert first.status_code == 302 and first["Location"] == "https://meet.example.org/j/42"
    registration.refresh_from_db()
    assert registration.attended and registration.join_count == 2
    assert registration.attendance_source == "join_link"
    manage = client.get(registration.get_absolute_url()).content.decode()
    assert "Join now" in manage and f'action="http://testserver{url}"' in manage


def test_join_link_refuses_waitlisted_and_cancelled(client):
    webinar = WebinarFactory(start=timezone.now() + timedelta(minutes=10))
    waiting = RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITLISTED)
    cancelled = RegistrationFactory(webinar=webinar, status=RegistrationStatus.CANCELLED)

    for registration in (waiting, cancelled):
        response = client.get(reverse("webinars:join", args=[registration.token]))
        assert response.status_code == 403
        assert "meet.example.org" not in response.content.decode()


def test_signup_link_prefills_the_address(client):
    registration = RegistrationFactory(email="newcomer@example.org")

    manage = client.get(registration.get_absolute_url()).content.decode()
    link = re.search(r'href="(/accounts/signup/\?email=[^"]+)"', manage).group(1)
    signup = client.get(link.replace("&amp;", "&"))

    assert 'value="newcomer@example.org"' in signup.content.decode()


def test_manage_page_says_where_the_confirmation_went_and_asks_before_cancelling(client):
    registration = RegistrationFactory(webinar=WebinarFactory(), email="amina@example.org")

    response = client.get(registration.get_absolute_url())

    text = page_text(response)
    assert "We have sent a confirmation to amina@example.org" in text
    html = response.content.decode()
    # The cancel button sits behind a disclosure that states the consequence first.
    disclosure = html[html.index('<details class="confirm-action">'):]
    assert disclosure.index("This cannot be undone") < disclosure.index(
        "Yes, cancel my registration")


def test_failed_registration_shows_an_error_summary_linking_each_field(client):
    webinar = WebinarFactory()

    response = client.post(reverse("webinars:register", args=[webinar.slug]),
                           {"name": "", "email": "not-an-address"})

    html = response.content.decode()
    assert response.status_code == 400
    summary = html[html.index("data-error-summary"):html.index("</ul>", html.index(
        "data-error-summary"))]
    assert 'href="#id_name"' in summary and 'href="#id_email"' in summary
    assert 'href="#id_consent_privacy"' in summary
    assert f'action="{reverse("webinars:register", args=[webinar.slug])}#register"' in html


def test_confirmation_and_its_invite_link_to_the_port_the_portal_runs_on(client, settings):
    from tests.core.test_run_settings import _settings_value

    # What `make run` sets when started on another port than the default one.
    settings.WAGTAILADMIN_BASE_URL = _settings_value("settings.WAGTAILADMIN_BASE_URL",
                                                     PORT="8123")
    assert settings.WAGTAILADMIN_BASE_URL == "http://127.0.0.1:8123"
    webinar = WebinarFactory(title="Skills partnerships")

    register(client, webinar)

    registration = Registration.objects.get()
    message = mail.outbox[-1]
    base = "http://127.0.0.1:8123"
    manage, join = base + registration.get_absolute_url(), base + registration.join_path
    html = message.alternatives[0][0]
    for text in (message.body, html):
        assert manage in text and join in text
        assert base + "/accounts/signup/?email=" in text
        assert "testserver" not in text
    _, calendar, _ = calendar_of(message)
    event = calendar.walk("VEVENT")[0]
    assert str(event["URL"]) == base + webinar.get_absolute_url()
    description = str(event["DESCRIPTION"])
    assert manage in description and join in description
    assert event["UID"].endswith("@127.0.0.1")
    assert "testserver" not in calendar.to_ical().decode()
