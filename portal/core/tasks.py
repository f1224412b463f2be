"""The mail task: one rendered message, retried with back-off for two days.

A mail server can be down for a weekend. Each failure queues the next attempt further
out (1, 4, 16, 64 minutes, then every 3 hours); after `MAIL_RETRY_WINDOW` the message is
kept as a FailedEmail that an administrator sees on the dashboard and can resend. A sent
message leaves no copy behind in the task table: it holds whole e-mails.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django_tasks import TaskResultStatus, default_task_backend, task

from .mail import build_message, next_attempt_time

logger = logging.getLogger("portal.mail")


def retry_window() -> timedelta:
    return timedelta(seconds=getattr(settings, "MAIL_RETRY_WINDOW_SECONDS", 48 * 3600))


@task()
def send_email_task(message: dict, attempt: int = 1, first_attempt_at: str = "") -> None:
    """Send one rendered message; on failure queue another attempt later, within the window."""
    first = parse_datetime(first_attempt_at) if first_attempt_at else timezone.now()
    try:
        build_message(message).send()
    except Exception as error:
        if timezone.now() - first >= retry_window():
            _keep_failed(message, attempts=attempt, first_attempt_at=first, error=error)
            logger.exception("Mail to %s kept as failed after %d attempts", message["to"],
                             attempt)
            return
        retry_at = next_attempt_time(attempt)
        logger.warning("Mail to %s failed (attempt %d); next at %s", message["to"], attempt,
                       retry_at.isoformat())
        retry = send_email_task
        if default_task_backend.supports_defer:
            retry = send_email_task.using(run_after=retry_at)
        retry.enqueue(message=message, attempt=attempt + 1,
                      first_attempt_at=first.isoformat())


def _keep_failed(message: dict, *, attempts: int, first_attempt_at, error: Exception) -> None:
    from .models import FailedEmail

    FailedEmail.objects.create(
        subject=message["subject"][:300], recipients=", ".join(message["to"])[:500],
        message=message, attempts=attempts, first_attempt_at=first_attempt_at,
        last_error=f"{type(error).__name__}: {error}"[:2000])


def queue_email(message: dict) -> None:
    send_email_task.enqueue(message=message)


def forget_sent_message(sender, task_result, **kwargs) -> None:
    """Connected to task_finished: a finished mail task's row (the whole e-mail) goes."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = sender if isinstance(sender, type) else type(sender)  # senders vary by caller
    if (not issubclass(backend, DatabaseBackend)
            or task_result.task.module_path != send_email_task.module_path
            or task_result.status != TaskResultStatus.SUCCESSFUL):
        return

    DBTaskResult.objects.filter(id=task_result.id).delete()
