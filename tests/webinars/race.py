"""Many people register at once for a webinar with few places; print what happened (JSON).

Used by test_concurrency.py on SQLite (imported, threads in the test process) and on
PostgreSQL (run as `python -m tests.webinars.race` with tests.pg_settings).
"""

import json
import threading


def register_in_parallel(webinar_id: int, people: int) -> dict:
    from django.db import connection

    from portal.webinars.models import Webinar
    from portal.webinars.services import registration_create

    barrier = threading.Barrier(people)
    outcomes, errors = [], []

    def register(number: int):
        try:
            webinar = Webinar.objects.get(pk=webinar_id)
            barrier.wait(timeout=60)
            result = registration_create(
                webinar=webinar, name=f"Person {number}", email=f"person{number}@example.org",
                organisation="Ministry", consent_privacy=True)
            outcomes.append(result.registration.status)
        except Exception as error:  # reported to the test, which fails on any
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(number,)) for number in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from portal.webinars.models import Registration

    statuses = list(Registration.objects.filter(webinar_id=webinar_id)
                    .values_list("status", flat=True))
    return {
        "confirmed": statuses.count("confirmed"),
        "waitlisted": statuses.count("waitlisted"),
        "rows": len(statuses),
        "errors": errors,
        "outcomes": len(outcomes),
    }


def register_in_arrival_order(webinar_id: int, people: int) -> dict:
    """People arrive one after another while the database is busy with someone else: each
    joins the queue of writers before the next arrives (the queue is held meanwhile, and
    watched), then the queue drains. Returns who got a place, by arrival."""
    import time

    from django.db import connection
    from django.utils import timezone

    from portal.core import db
    from portal.webinars.models import Webinar
    from portal.webinars.services import registration_create

    statuses, errors = {}, []
    webinar = Webinar.objects.get(pk=webinar_id)

    def register(number: int, arrived):
        try:
            result = registration_create(
                webinar=webinar, name=f"Person {number}", email=f"person{number}@example.org",
                organisation="Ministry", consent_privacy=True, at=arrived)
            statuses[number] = result.registration.status
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    queue = db.writers_queue()
    assert queue.acquire(timeout=5)  # someone else is writing
    threads = []
    try:
        for number in range(people):
            thread = threading.Thread(target=register, args=(number, timezone.now()))
            thread.start()
            threads.append(thread)
            deadline = time.monotonic() + 30
            while queue.waiting() <= number and time.monotonic() < deadline:
                time.sleep(0.001)
    finally:
        queue.release()
    for thread in threads:
        thread.join()
    return {"statuses": [statuses.get(number) for number in range(people)], "errors": errors}


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.core import mail
    from django.db import connection

    from portal.webinars.models import Webinar
    from tests.factories.webinars import WebinarFactory

    mail.outbox = []
    webinar = WebinarFactory(capacity=5)
    vendor = connection.vendor
    result = register_in_parallel(webinar.pk, 40)
    result["vendor"] = vendor
    result["emails"] = len(mail.outbox)
    result["webinar_rows"] = Webinar.objects.count()
    print("RESULT " + json.dumps(result))


def register_when_told() -> None:
    """One person in a process of their own: set up, say READY, register on a line of input.

    `python -m tests.webinars.race one WEBINAR_ID NUMBER`, with tests.webinars.sqlite_file
    settings pointed at the test database file."""
    import sys

    import django

    django.setup()
    from portal.webinars.models import Webinar
    from portal.webinars.services import registration_create

    webinar_id, number = int(sys.argv[2]), int(sys.argv[3])
    webinar = Webinar.objects.get(pk=webinar_id)
    print("READY", flush=True)
    sys.stdin.readline()
    result = registration_create(
        webinar=webinar, name=f"Person {number}", email=f"person{number}@example.org",
        organisation="Ministry", consent_privacy=True)
    print("RESULT " + json.dumps({"number": number, "status": result.registration.status}),
          flush=True)


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["one"]:
        register_when_told()
    else:
        main()
