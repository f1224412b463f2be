"""The task worker outlives a locked database; the queue's health is visible."""

import sqlite3
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.core.mail import render_email
from portal.core.models import FailedEmail
from portal.core.taskqueue import oldest_due_task_age, queue_health, requeue_stale_running
from portal.core.tasks import queue_email
from tests.factories.members import UserFactory


def _message(to="amina@example.org"):
    return render_email(template="mail_check", context={"name": "Amina"}, to=[to])


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_worker_survives_a_locked_database_and_then_sends(database_tasks):
    queue_email(_message())
    connection.ensure_connection()
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    old_timeout = connection.settings_dict["OPTIONS"].get("timeout")
    connection.close()
    connection.settings_dict["OPTIONS"]["timeout"] = 0.05
    releaser = threading.Timer(1.0, other.rollback)
    releaser.start()
    try:
        call_command("task_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        releaser.join()
        other.close()
        connection.close()
        connection.settings_dict["OPTIONS"]["timeout"] = old_timeout

    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert not DBTaskResult.objects.exists()


def test_health_reports_the_age_of_the_oldest_due_task(client, db, database_tasks):
    assert client.get("/healthz").json()["tasks"]["oldest_due_task_seconds"] is None

    queue_email(_message())
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=30))

    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert 29 * 60 <= body["tasks"]["oldest_due_task_seconds"] <= 31 * 60
    assert body["tasks"]["due_tasks"] == 1


def test_a_task_scheduled_for_later_is_not_late(db, database_tasks):
    from portal.core.tasks import send_email_task

    send_email_task.using(run_after=timezone.now() + timedelta(hours=1)).enqueue(
        message=_message())
    assert oldest_due_task_age() is None
    assert queue_health()["stuck"] is False


def test_tasks_of_a_worker_that_died_go_back_to_the_queue(db, database_tasks):
    queue_email(_message())
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING,
                                started_at=timezone.now() - timedelta(hours=1))
    assert requeue_stale_running() == 1
    assert DBTaskResult.objects.get().status == TaskResultStatus.READY


def test_dashboard_warns_administrators_when_mail_is_stuck_or_failed(client, db,
                                                                      database_tasks):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert "Mail is stuck" not in client.get("/admin/").content.decode()

    queue_email(_message())
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=2))
    FailedEmail.objects.create(subject="Hello", recipients="a@example.org",
                               message=_message("a@example.org"), attempts=20,
                               first_attempt_at=timezone.now())

    page = client.get("/admin/").content.decode()
    assert "Mail is stuck" in page
    assert "could not be delivered for two days" in page


def test_an_administrator_resends_a_failed_email(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    failed = FailedEmail.objects.create(
        subject="Your place", recipients="amina@example.org", message=_message(),
        attempts=20, first_attempt_at=timezone.now() - timedelta(days=2))
    client.force_login(admin)

    listing = client.get("/admin/failed-emails/")
    assert "Your place" in listing.content.decode()
    response = client.post(f"/admin/failed-emails/{failed.pk}/resend/")

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    assert not FailedEmail.objects.exists()


def test_editors_cannot_see_or_resend_failed_emails(client, db):
    from django.contrib.auth.models import Group

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    failed = FailedEmail.objects.create(
        subject="Your place", recipients="amina@example.org", message=_message(),
        attempts=20, first_attempt_at=timezone.now())
    client.force_login(editor)

    assert client.get("/admin/failed-emails/").status_code in (302, 403)
    assert client.post(f"/admin/failed-emails/{failed.pk}/resend/").status_code in (302, 403)
    assert FailedEmail.objects.exists() and not mail.outbox
