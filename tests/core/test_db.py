"""Writers queue in arrival order and wait out a locked database instead of failing."""

import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection, transaction

from portal.core.db import FairLock, TicketQueue, run_serialised, writers_queue


def test_fair_lock_hands_over_in_the_order_of_asking():
    lock, order, started = FairLock(), [], []
    assert lock.acquire(timeout=1)

    def waiter(number):
        started.append(number)
        assert lock.acquire(timeout=10)
        order.append(number)
        lock.release()

    threads = []
    for number in range(8):
        thread = threading.Thread(target=waiter, args=(number,))
        thread.start()
        threads.append(thread)
        while len(started) <= number:  # each asks only after the one before it
            time.sleep(0.001)
        time.sleep(0.01)
    lock.release()
    for thread in threads:
        thread.join()

    assert order == list(range(8))


def test_fair_lock_gives_up_after_its_timeout():
    lock = FairLock()
    assert lock.acquire(timeout=1)
    assert lock.acquire(timeout=0.05) is False
    lock.release()
    assert lock.acquire(timeout=0.05)


@pytest.mark.django_db(transaction=True)
def test_run_serialised_waits_out_a_database_locked_by_another_process(settings):
    from portal.core.models import Theme

    connection.ensure_connection()
    other = sqlite3.connect(connection.settings_dict["NAME"], timeout=1, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    old_timeout = connection.settings_dict["OPTIONS"].get("timeout")
    connection.close()
    connection.settings_dict["OPTIONS"]["timeout"] = 0.05  # fail fast, so retries happen
    releaser = threading.Timer(0.6, other.rollback)
    releaser.start()
    try:
        def write():
            with transaction.atomic():
                return Theme.objects.create(name="Locked out at first", slug="locked-first")

        theme = run_serialised(write)
    finally:
        releaser.join()
        other.close()
        connection.close()
        connection.settings_dict["OPTIONS"]["timeout"] = old_timeout

    assert Theme.objects.filter(pk=theme.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_run_serialised_does_not_retry_other_errors():
    calls = []

    def broken():
        calls.append(1)
        raise OperationalError("no such table: nowhere")

    with pytest.raises(OperationalError):
        run_serialised(broken)
    assert calls == [1]


def test_ticket_queue_hands_over_in_the_order_of_arrival(tmp_path):
    queue, order = TicketQueue(tmp_path / "writers"), []
    assert queue.acquire(timeout=1)

    def waiter(number):
        assert queue.acquire(timeout=20)
        order.append(number)
        queue.release()

    threads = []
    for number in range(6):
        threads.append(threading.Thread(target=waiter, args=(number,)))
        threads[-1].start()
        deadline = time.monotonic() + 10
        while queue.waiting() <= number and time.monotonic() < deadline:
            time.sleep(0.001)
    queue.release()
    for thread in threads:
        thread.join()
    assert order == list(range(6))
    assert queue.waiting() == 0 and not list((tmp_path / "writers").glob("*.ticket"))


HOLD_A_TICKET = """
import sys, time
from portal.core.db import TicketQueue
queue = TicketQueue(sys.argv[1])
assert queue.acquire(timeout=5)
print("HOLDING", flush=True)
time.sleep(600)
"""


def test_a_ticket_whose_process_died_is_skipped(tmp_path):
    folder = tmp_path / "writers"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_A_TICKET, str(folder)],  # noqa: S603
                              cwd=settings.BASE_DIR, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "HOLDING"
        queue = TicketQueue(folder)
        assert not queue.acquire(timeout=0.3)  # the holder is alive: wait, then give up
        assert queue.waiting() == 0  # who gave up took their ticket away
        holder.kill()
        holder.wait()
        started = time.monotonic()
        assert queue.acquire(timeout=10)
        assert time.monotonic() - started < 5
        queue.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
    assert not list(folder.glob("*.ticket"))


def test_writers_of_a_database_file_share_a_ticket_queue_beside_it(db):
    queue = writers_queue()
    assert isinstance(queue, TicketQueue)
    assert queue.folder.name == Path(connection.settings_dict["NAME"]).name + ".writers"
    assert writers_queue() is queue
