from django_tasks import task

from . import services


@task()
def send_due_notices_task() -> dict:
    """Reminders that are due and follow-ups that are ready; safe to run at any time."""
    return {"reminders": services.reminders_send_due(), "followups": services.followups_send()}
