"""Short write transactions that wait their turn instead of failing under a crowd.

A burst of announcement e-mails sends hundreds of people to the same form within a minute.
On SQLite every writer takes the one database lock; its busy handler polls, so waiting
writers win the lock in no particular order and, past the busy timeout, fail with
"database is locked". Two things fix both:

- writers queue before they begin, so they reach the database in the order they arrived
  and hardly ever contend for it. `make run` serves with several processes, so on a
  database file the queue is a folder of numbered tickets beside it (`TicketQueue`): a
  writer takes the next number on arrival and goes when every lower ticket is gone; a
  ticket whose process died is skipped, since its lock went with the process. An
  in-memory database has one process, and a first-in-first-out lock (`FairLock`);
- a transaction that still meets a locked database (another process wrote) is retried
  with a growing pause, since nothing of it was written.

PostgreSQL queues row locks itself; there only the retry applies.
"""

import fcntl
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.db import IntegrityError, OperationalError, connection, transaction

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

    def waiting(self) -> int:
        """How many wait behind the holder."""
        return len(self._waiters)


TICKET_POLL = (0.0005, 0.001, 0.002, 0.005)


class TicketQueue:
    """A lock handed out in the order of arrival to threads of every process that shares
    `folder`. Each waiter holds an exclusive `flock` on its ticket file, named by its
    number; numbers are drawn under a short lock on `folder/draw`. A ticket that is gone,
    or whose lock can be taken, belongs to a writer that finished, gave up or died."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._mine = threading.local()

    def _numbers(self) -> list[int]:
        try:
            names = os.listdir(self.folder)
        except FileNotFoundError:
            return []
        return sorted(int(name[:-7]) for name in names
                      if name.endswith(".ticket") and name[:-7].isascii()
                      and name[:-7].isdigit())

    def _path(self, number: int) -> Path:
        return self.folder / f"{number:015d}.ticket"

    def _draw(self) -> tuple[int, int]:
        self.folder.mkdir(parents=True, exist_ok=True)
        draw = os.open(self.folder / "draw", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(draw, fcntl.LOCK_EX)
            number = max(self._numbers(), default=0) + 1
            fresh = self.folder / f"{number:015d}.{os.getpid()}.{threading.get_ident()}.new"
            handle = os.open(fresh, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(handle, fcntl.LOCK_EX)
            os.rename(fresh, self._path(number))  # visible only once locked
            return number, handle
        finally:
            os.close(draw)  # releases the draw lock

    def _gone(self, number: int) -> bool:
        """True when the holder of `number` finished or died (its ticket is then removed)."""
        try:
            handle = os.open(self._path(number), os.O_RDWR)
        except FileNotFoundError:
            return True
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        else:
            self._path(number).unlink(missing_ok=True)
            return True
        finally:
            os.close(handle)

    def acquire(self, timeout: float) -> bool:
        number, handle = self._draw()
        deadline = time.monotonic() + timeout
        polls = 0
        while True:
            ahead = [other for other in self._numbers() if other < number]
            if not ahead:
                self._mine.ticket = (number, handle)
                return True
            while not self._gone(ahead[-1]):  # the one just before: wait for it alone
                if time.monotonic() > deadline:
                    self._leave(number, handle)
                    return False
                time.sleep(TICKET_POLL[min(polls, len(TICKET_POLL) - 1)])
                polls += 1

    def release(self) -> None:
        number, handle = self._mine.ticket
        del self._mine.ticket
        self._leave(number, handle)

    def _leave(self, number: int, handle: int) -> None:
        self._path(number).unlink(missing_ok=True)
        os.close(handle)

    def waiting(self) -> int:
        """How many wait behind the holder (tickets of dead writers included)."""
        return max(len(self._numbers()) - 1, 0)


_writers = FairLock()
_ticket_queues: dict[str, TicketQueue] = {}
_ticket_queues_guard = threading.Lock()


def writers_queue(using=None):
    """The queue of writers for the SQLite database of `using` (default: this connection)."""
    name = str((using or connection).settings_dict["NAME"])
    if not name or name == ":memory:" or "mode=memory" in name:
        return _writers
    with _ticket_queues_guard:
        if name not in _ticket_queues:
            database = Path(name)
            _ticket_queues[name] = TicketQueue(database.with_name(database.name + ".writers"))
        return _ticket_queues[name]


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
    queue = writers_queue() if connection.vendor == "sqlite" else None
    if queue is not None and not queue.acquire(QUEUE_TIMEOUT):
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
        if queue is not None:
            queue.release()
    raise AssertionError("unreachable")  # pragma: no cover


def create_once(model, **fields) -> bool:
    """Insert a row that a unique constraint allows only once; False when it is already
    there (written by an earlier run, or by another process at the same moment)."""
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        return False
    return True
