"""Writers queue in arrival order and wait out a locked database instead of failing."""

import sqlite3
import threading
import time

import pytest
from django.db import OperationalError, connection, transaction

from portal.core.db import FairLock, run_serialised


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
