"""The task worker, made to outlive a busy or restarted database.

django-tasks-db's worker opens its claim transaction outside the code that handles lock
errors, so one "database is locked" under load ends the process, and every mail after it
waits for nobody. This worker catches database errors around each round, closes the
connection, waits a moment and carries on.
"""

import logging
import time

from django.db import DatabaseError, InterfaceError, close_old_connections, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

logger = logging.getLogger("portal.tasks")
PAUSES = (0.5, 1, 2, 5, 10, 30)
BATCH_MAX_FAILURES = 5
#: A database error after this long without one starts a new outage: short pauses again.
RECOVERED_AFTER_SECONDS = 60


class Backoff:
    """Pauses that grow while errors follow each other, and start again from the
    shortest once the database has worked for a while."""

    def __init__(self) -> None:
        self.failures = 0
        self.last_failure: float | None = None

    def next_pause(self, now: float) -> float:
        if self.last_failure is not None and now - self.last_failure > RECOVERED_AFTER_SECONDS:
            self.failures = 0
        self.last_failure = now
        pause = PAUSES[min(self.failures, len(PAUSES) - 1)]
        self.failures += 1
        return pause


class ResilientWorker(Worker):
    def run(self) -> None:
        backoff = Backoff()
        while self.running:
            try:
                super().run()
                return  # a normal end: --batch or --max-tasks reached
            except (DatabaseError, InterfaceError) as error:
                pause = backoff.next_pause(time.monotonic())
                if self.batch and backoff.failures > BATCH_MAX_FAILURES:
                    raise  # a one-off run reports the error; a service keeps waiting
                logger.warning("Task worker met a database error (%s); again in %ss",
                               error, pause)
                for connection in connections.all():
                    connection.close()
                time.sleep(pause)
                close_old_connections()


class Command(DbWorkerCommand):
    help = "Run the task worker; database errors are waited out, never fatal."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay,
               max_tasks, worker_id, exclude_queues, **options):
        self.configure_logging(verbosity)
        worker = ResilientWorker(
            queue_names=queue_name.split(","), interval=interval, batch=batch,
            backend_name=backend_name, startup_delay=startup_delay, max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [])
        worker.configure_signals()
        worker.run()
