import logging

from django_tasks import default_task_backend, task

from .mail import build_message, next_attempt_time

logger = logging.getLogger("portal.mail")
MAX_EMAIL_ATTEMPTS = 5


@task()
def send_email_task(message: dict, attempt: int = 1) -> None:
    """Send one rendered message; on failure queue another attempt later, up to a limit."""
    try:
        build_message(message).send()
    except Exception:
        if attempt >= MAX_EMAIL_ATTEMPTS:
            logger.exception("Giving up on e-mail to %s after %d attempts", message["to"], attempt)
            raise
        logger.warning("E-mail to %s failed (attempt %d); retrying", message["to"], attempt)
        retry = send_email_task
        if default_task_backend.supports_defer:
            retry = send_email_task.using(run_after=next_attempt_time(attempt))
        retry.enqueue(message=message, attempt=attempt + 1)
        raise


def queue_email(message: dict) -> None:
    send_email_task.enqueue(message=message)
