from django_tasks import task

from . import services


@task()
def send_due_notices_task() -> dict:
    """Reminders that are due and follow-ups that are ready; safe to run at any time."""
    return {"reminders": services.reminders_send_due(), "followups": services.followups_send()}


@task()
def build_calendar_feeds_task() -> dict:
    """Every public calendar feed, in every language, into the shared feeds cache."""
    from .feeds import feeds_build

    return {"feeds": feeds_build()}
