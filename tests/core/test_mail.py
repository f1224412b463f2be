from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core.mail import render_email, retry_delay
from portal.core.models import FailedEmail
from portal.core.tasks import queue_email, send_email_task


def _message(**overrides):
    message = render_email(template="mail_check", context={"name": "Amina"},
                           to=["amina@example.org"], language="en")
    message.update(overrides)
    return message


def test_render_email_builds_text_and_html_in_the_recipients_language(db):
    english = render_email(template="mail_check", context={"name": "Amina"}, to=["a@example.org"])
    french = render_email(template="mail_check", context={"name": "Amina"}, to=["a@example.org"],
                          language="fr")
    assert "Amina" in english["body"] and "<p>" in english["html"]
    assert english["subject"] != french["subject"]


def test_render_email_subject_is_one_line_whatever_the_content(db):
    message = render_email(template="mail_check", context={"name": "x\r\nBcc: evil@example.org"},
                           to=["a@example.org"])
    assert "\n" not in message["subject"] and "\r" not in message["subject"]


def test_queue_email_sends_text_html_and_attachments(db):
    queue_email(_message(attachments=[{"filename": "invite.ics", "content": "BEGIN:VCALENDAR",
                                       "mimetype": "text/calendar"}]))
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["amina@example.org"]
    assert sent.alternatives[0][1] == "text/html"
    assert sent.attachments[0][0] == "invite.ics"


def test_send_email_task_queues_a_later_attempt_when_the_server_fails(db, settings):
    settings.EMAIL_BACKEND = "tests.core.failing_mail.FailingBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    send_email_task.call(message=_message(), attempt=1)

    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.args_kwargs["kwargs"]["first_attempt_at"]
    assert retry.run_after > timezone.now()
    assert not FailedEmail.objects.exists()


def test_retry_delays_back_off_then_stay_at_three_hours():
    delays = [retry_delay(attempt) for attempt in range(1, 12)]
    assert delays[:4] == [timedelta(minutes=minutes) for minutes in (1, 4, 16, 64)]
    assert delays[-1] == timedelta(hours=3)
    assert delays == sorted(delays)


def test_a_message_is_retried_for_two_days_before_it_is_kept_as_failed(db, settings):
    settings.EMAIL_BACKEND = "tests.core.failing_mail.FailingBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    first = timezone.now() - timedelta(hours=47)

    send_email_task.call(message=_message(), attempt=18, first_attempt_at=first.isoformat())
    assert DBTaskResult.objects.count() == 1, "still inside the window: one more attempt"
    DBTaskResult.objects.all().delete()

    first = timezone.now() - timedelta(hours=48)
    send_email_task.call(message=_message(), attempt=20, first_attempt_at=first.isoformat())

    assert not DBTaskResult.objects.exists()
    failed = FailedEmail.objects.get()
    assert failed.recipients == "amina@example.org"
    assert failed.attempts == 20
    assert "mail server is down" in failed.last_error


@pytest.mark.django_db(transaction=True)
def test_the_worker_keeps_no_copy_of_a_sent_message(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queue_email(_message())
    assert DBTaskResult.objects.count() == 1

    call_command("task_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert len(mail.outbox) == 1
    assert not DBTaskResult.objects.exists()


def test_mail_has_a_timeout_so_a_silent_server_cannot_hold_the_worker(settings):
    from django.core.mail import get_connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert 0 < get_connection().timeout <= 60
