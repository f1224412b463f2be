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


class ResilientWorker(Worker):
    def run(self) -> None:
        failures = 0
        while self.running:
            try:
                super().run()
                return  # a normal end: --batch or --max-tasks reached
            except (DatabaseError, InterfaceError) as error:
                pause = PAUSES[min(failures, len(PAUSES) - 1)]
                failures += 1
                if self.batch and failures > BATCH_MAX_FAILURES:
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
