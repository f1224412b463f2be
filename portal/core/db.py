"""Short write transactions that wait their turn instead of failing under a crowd.

A burst of announcement e-mails sends hundreds of people to the same form within a minute.
On SQLite every writer takes the one database lock; its busy handler polls, so waiting
writers win the lock in no particular order and, past the busy timeout, fail with
"database is locked". Two things fix both:

- inside one process, writers queue on a first-in-first-out lock before they begin, so
  they reach the database in the order they arrived and hardly ever contend for it;
- a transaction that still meets a locked database (another process wrote) is retried
  with a growing pause, since nothing of it was written.

PostgreSQL queues row locks itself; there only the retry applies.
"""

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

logger = logging.getLogger("portal.db")
T = TypeVar("T")

RETRY_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0, 5.0)
QUEUE_TIMEOUT = 120.0


class FairLock:
    """A lock handed to waiters in the order they asked for it."""

    def __init__(self):
        self._guard = threading.Lock()
        self._waiters: deque[threading.Event] = deque()
        self._held = False

    def acquire(self, timeout: float) -> bool:
        with self._guard:
            if not self._held and not self._waiters:
                self._held = True
                return True
            turn = threading.Event()
            self._waiters.append(turn)
        if turn.wait(timeout):
            return True
        with self._guard:
            if turn in self._waiters:
                self._waiters.remove(turn)
                return False
        return True  # handed over between the timeout and the guard

    def release(self) -> None:
        with self._guard:
            if self._waiters:
                self._waiters.popleft().set()  # stays held: the next waiter owns it now
            else:
                self._held = False


_writers = FairLock()


def is_locked_error(error: Exception) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database table is locked" in text \
        or "could not obtain lock" in text or "deadlock detected" in text


def run_serialised(work: Callable[[], T]) -> T:
    """Run `work` (which opens its own transaction) in arrival order, retrying lock errors.

    Inside an outer transaction nothing can be retried, so `work` just runs.
    """
    if connection.in_atomic_block:
        return work()
    queued = connection.vendor == "sqlite"
    if queued and not _writers.acquire(QUEUE_TIMEOUT):
        raise OperationalError("database is locked (waited for the queue of writers)")
    try:
        for pause in (*RETRY_PAUSES, None):
            try:
                return work()
            except OperationalError as error:
                if pause is None or not is_locked_error(error):
                    raise
                logger.warning("Write retried after a lock error: %s", error)
                time.sleep(pause)
    finally:
        if queued:
            _writers.release()
    raise AssertionError("unreachable")  # pragma: no cover
