"""The health of the task queue, and its housekeeping.

E-mails, reminders and index updates are tasks; a worker that stopped or a mail server
that refuses everything shows here first: as due tasks that nobody picked up, and as
e-mails given up after their retry window.
"""

import logging
from datetime import timedelta

from django.db.models import Min
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)
STALE_RUNNING_AFTER = timedelta(minutes=15)
KEEP_FINISHED_FOR = timedelta(days=7)
STUCK_AFTER = timedelta(minutes=10)


def oldest_due_task_age(now=None) -> timedelta | None:
    """How long the oldest task that is due has waited (None when the queue is empty)."""
    now = now or timezone.now()
    ready = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    unscheduled = ready.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"]
    scheduled = (ready.exclude(run_after=get_date_max()).filter(run_after__lte=now)
                 .aggregate(at=Min("run_after"))["at"])
    waiting_since = min((at for at in (unscheduled, scheduled) if at is not None), default=None)
    return None if waiting_since is None else max(now - waiting_since, timedelta(0))


def queue_health(now=None) -> dict:
    from .models import FailedEmail

    age = oldest_due_task_age(now)
    return {
        "oldest_due_task_seconds": None if age is None else int(age.total_seconds()),
        "oldest_due_task_minutes": 0 if age is None else int(age.total_seconds() // 60),
        "due_tasks": DBTaskResult.objects.ready().count(),
        "failed_emails": FailedEmail.objects.count(),
        "stuck": age is not None and age > STUCK_AFTER,
    }


def requeue_stale_running(now=None) -> int:
    """Tasks claimed by a worker that died mid-task go back to the queue (a mail may then
    be sent twice, which beats never)."""
    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - STALE_RUNNING_AFTER,
    ).update(status=TaskResultStatus.READY, started_at=None)


def prune_finished(now=None) -> int:
    now = now or timezone.now()
    deleted, _ = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
        finished_at__lt=now - KEEP_FINISHED_FOR,
    ).delete()
    return deleted


def enqueue_once(task, *args, cache, key: str, seconds: int) -> bool:
    """Queue ``task`` unless a run asked for under ``key`` has not started yet (the task
    deletes ``key`` as it starts); returns whether it was queued.

    Callers ask after a change is committed: a queue that refuses (a locked database) must
    not fail the request that made the change, nor leave ``key`` behind with no task to
    clear it, which would stop every later request for ``seconds``.
    """
    if not cache.add(key, 1, seconds):
        return False
    try:
        task.enqueue(*args)
    except Exception:
        logger.exception("Could not queue %s%r", task.name, args)
        cache.delete(key)
        return False
    return True
