"""E-mails that follow publishing, reminders that go out once, follow-ups after the event."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from icalendar import Calendar

from portal.webinars import services
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import ReminderSent, Webinar
from tests.factories.webinars import (
    MaterialFactory,
    RegistrationFactory,
    WebinarFactory,
    add_agenda,
)

pytestmark = pytest.mark.django_db


def publish(webinar):
    webinar.save_revision().publish()
    webinar.refresh_from_db()
    return webinar


def event_of(message):
    calendar = Calendar.from_ical(message.attachments[0][1])
    return calendar, calendar.walk("VEVENT")[0]


@pytest.fixture
def audience():
    webinar = publish(WebinarFactory(title="Skills partnerships", capacity=1))
    confirmed = RegistrationFactory(webinar=webinar, email="confirmed@example.org")
    waiting = RegistrationFactory(webinar=webinar, email="waiting@example.org",
                                  status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(webinar=webinar, email="gone@example.org",
                        status=RegistrationStatus.CANCELLED)
    mail.outbox.clear()
    return webinar, confirmed, waiting


def test_first_publish_and_unchanged_publish_send_nothing(audience):
    webinar, _, _ = audience

    webinar.summary = "New wording only."
    publish(webinar)

    assert mail.outbox == []
    assert webinar.sequence == 0


def test_time_change_sends_updates_with_same_uid_and_higher_sequence(audience):
    webinar, confirmed, waiting = audience
    old_start = webinar.start

    webinar.start = old_start + timedelta(hours=2)
    webinar = publish(webinar)

    assert webinar.sequence == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["confirmed@example.org",
                                                    "waiting@example.org"]
    to_confirmed = next(m for m in mail.outbox if m.to == ["confirmed@example.org"])
    assert to_confirmed.subject == "[CoP] New time: Skills partnerships"
    assert "The time has changed. It was:" in to_confirmed.body
    calendar, event = event_of(to_confirmed)
    assert calendar["METHOD"] == "REQUEST"
    assert event["UID"] == f"webinar-{webinar.pk}@testserver"
    assert event["SEQUENCE"] == 1
    to_waiting = next(m for m in mail.outbox if m.to == ["waiting@example.org"])
    assert to_waiting.attachments == []


def test_link_and_agenda_changes_are_announced(audience):
    webinar, _, _ = audience

    webinar.join_url = "https://meet.example.org/j/new-room"
    publish(webinar)
    first = [m.body for m in mail.outbox]
    mail.outbox.clear()
    add_agenda(webinar, [("Session 1", [("", 10, "Opening", [])], [])])
    webinar = publish(Webinar.objects.get(pk=webinar.pk))

    assert all("The meeting link has changed." in body for body in first)
    assert all("new-room" not in body for body in first)
    assert len(mail.outbox) == 2 and "The programme has changed" in mail.outbox[0].body
    assert webinar.sequence == 2


def test_publishing_a_cancellation_tells_everyone_once(audience):
    webinar, _, _ = audience

    webinar.is_cancelled = True
    webinar.cancellation_note = "The speakers are unavailable."
    webinar = publish(webinar)
    publish(webinar)

    assert len(mail.outbox) == 2
    message = next(m for m in mail.outbox if m.to == ["confirmed@example.org"])
    assert message.subject == "[CoP] Cancelled: Skills partnerships"
    assert "The speakers are unavailable." in message.body
    calendar, event = event_of(message)
    assert calendar["METHOD"] == "CANCEL" and event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_older_draft_published_later_keeps_the_sequence(audience):
    webinar, _, _ = audience
    stale = webinar.save_revision()  # a draft saved before the change below
    webinar.start += timedelta(hours=1)
    webinar = publish(webinar)

    stale.publish()

    webinar.refresh_from_db()
    assert webinar.sequence == 2  # moved back: a second change, not a reset to 0


def test_capacity_raised_on_publish_promotes_from_the_waiting_list(audience):
    webinar, _, waiting = audience

    webinar.capacity = 2
    publish(webinar)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert [m.subject for m in mail.outbox] == ["[CoP] A place is yours: Skills partnerships"]


def test_reminders_go_out_once_at_each_due_time():
    start = timezone.now() + timedelta(hours=30)
    webinar = WebinarFactory(start=start, reminder_schedule="24h, 1h")
    early = RegistrationFactory(webinar=webinar, created_at=start - timedelta(days=3))
    late = RegistrationFactory(webinar=webinar, created_at=start - timedelta(hours=2))
    RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITLISTED,
                        created_at=start - timedelta(days=3))

    assert services.reminders_send_due(at=start - timedelta(hours=25)) == 0
    assert services.reminders_send_due(at=start - timedelta(hours=23)) == 1
    assert services.reminders_send_due(at=start - timedelta(hours=22)) == 0
    assert services.reminders_send_due(at=start - timedelta(minutes=50)) == 2
    assert services.reminders_send_due(at=start - timedelta(minutes=40)) == 0

    subjects = [(m.to[0], m.subject) for m in mail.outbox]
    assert subjects.count((early.email, f"[CoP] Starts in 24 hours: {webinar.title}")) == 1
    assert subjects.count((late.email, f"[CoP] Starts in 1 hour: {webinar.title}")) == 1
    assert late.join_path in mail.outbox[-1].body


def test_late_worker_sends_only_the_latest_reminder():
    start = timezone.now() + timedelta(hours=5)
    webinar = WebinarFactory(start=start, reminder_schedule="24h, 1h")
    RegistrationFactory(webinar=webinar, created_at=start - timedelta(days=2))

    sent = services.reminders_send_due(at=start - timedelta(minutes=30))

    assert sent == 1 and "1 hour" in mail.outbox[0].subject
    assert list(ReminderSent.objects.values_list("kind", flat=True)) == ["reminder-60m"]


@pytest.mark.django_db(transaction=True)
def test_reminders_sent_once_even_when_two_workers_run_at_once():
    start = timezone.now() + timedelta(minutes=45)
    webinar = WebinarFactory(start=start, reminder_schedule="1h")
    for _ in range(6):
        RegistrationFactory(webinar=webinar, created_at=start - timedelta(days=1))
    counts = []

    def worker():
        try:
            counts.append(services.reminders_send_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sum(counts) == 6
    assert len(mail.outbox) == 6
    assert ReminderSent.objects.count() == 6


def test_reminder_command_after_a_restart_sends_nothing_twice(capsys):
    start = timezone.now() + timedelta(minutes=30)
    webinar = WebinarFactory(start=start, reminder_schedule="1h")
    RegistrationFactory(webinar=webinar, created_at=start - timedelta(days=1))

    call_command("send_webinar_reminders")
    call_command("send_webinar_reminders")  # the worker restarted and ran again

    assert len(mail.outbox) == 1
    assert "Reminders sent: 1" in capsys.readouterr().out


def test_time_change_rearms_reminders(audience):
    webinar, confirmed, _ = audience
    confirmed.created_at = timezone.now() - timedelta(days=30)
    confirmed.save()
    webinar.start = timezone.now() + timedelta(minutes=30)
    webinar = publish(webinar)
    assert services.reminders_send_due() == 1

    webinar.start = timezone.now() + timedelta(minutes=50)
    publish(webinar)

    assert services.reminders_send_due() == 1


def test_followup_waits_for_materials_and_differs_for_attendees():
    webinar = WebinarFactory(start=timezone.now() - timedelta(hours=3))
    came = RegistrationFactory(webinar=webinar, attended=True, email="came@example.org")
    missed = RegistrationFactory(webinar=webinar, email="missed@example.org")
    RegistrationFactory(webinar=webinar, status=RegistrationStatus.CANCELLED)

    assert services.followups_send() == 0
    MaterialFactory(webinar=webinar, title="Panel slides")
    webinar.recording_url = "https://video.example.org/rec"
    webinar.save()
    assert services.followups_send() == 2
    assert services.followups_send() == 0

    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {came.email, missed.email}
    assert "Thank you for joining" in by_address[came.email].subject
    assert "Sorry we missed you" in by_address[missed.email].subject
    assert "https://video.example.org/rec" in by_address[missed.email].body
    assert "Panel slides" in by_address[came.email].alternatives[0][0]


def test_followup_reaches_people_still_waitlisted_with_their_own_wording():
    webinar = WebinarFactory(start=timezone.now() - timedelta(hours=3), capacity=1)
    RegistrationFactory(webinar=webinar, email="came@example.org", attended=True)
    waiting = RegistrationFactory(webinar=webinar, email="waiting@example.org",
                                  status=RegistrationStatus.WAITLISTED)
    webinar.recording_url = "https://video.example.org/rec"
    webinar.save()

    assert services.followups_send() == 2
    assert services.followups_send() == 0

    message = next(m for m in mail.outbox if m.to == [waiting.email])
    assert "Recording and materials: " in message.subject
    assert "No place became free for you" in message.body
    assert "https://video.example.org/rec" in message.body
    assert "We missed you" not in message.body and "Thank you for taking part" not in message.body
    assert "No place became free for you" in message.alternatives[0][0]


def test_manage_page_of_someone_still_waitlisted_after_the_event_promises_no_place(client):
    webinar = WebinarFactory(start=timezone.now() - timedelta(hours=3), capacity=1)
    waiting = RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITLISTED)

    text = client.get(waiting.get_absolute_url()).content.decode()

    assert "no place became free" in text
    assert "waiting list." not in text  # no position, no "a place is yours" promise
    assert "If a place frees up" not in text


def test_followup_goes_out_when_materials_are_published_after_the_event():
    webinar = publish(WebinarFactory(start=timezone.now() - timedelta(days=2)))
    RegistrationFactory(webinar=webinar)

    webinar.recording_url = "https://video.example.org/rec"
    publish(webinar)

    assert len(mail.outbox) == 1 and "recording" in mail.outbox[0].body.lower()


def test_organiser_message_reaches_the_chosen_audience():
    webinar = WebinarFactory()
    RegistrationFactory(webinar=webinar, email="a@example.org")
    RegistrationFactory(webinar=webinar, email="w@example.org",
                        status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(webinar=webinar, email="c@example.org",
                        status=RegistrationStatus.CANCELLED)

    message = services.webinar_message_send(webinar=webinar, audience="active",
                                            subject="Slides ahead", body="Please read them.")

    assert message.recipient_count == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "w@example.org"]
    assert mail.outbox[0].subject == "[CoP] Slides ahead"
    assert "Please read them." in mail.outbox[0].body
