from django.core import mail
from django_tasks_db.models import DBTaskResult

from portal.core.mail import render_email
from portal.core.tasks import MAX_EMAIL_ATTEMPTS, queue_email, send_email_task


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
    try:
        send_email_task.call(message=_message(), attempt=1)
    except ConnectionRefusedError:
        pass
    retry = DBTaskResult.objects.get()
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.run_after is not None
    assert MAX_EMAIL_ATTEMPTS >= 3
