"""Many people register at once for a webinar with few places; print what happened (JSON).

Used by test_concurrency.py on SQLite (imported, threads in the test process) and on
PostgreSQL (run as `python -m tests.webinars.race` with tests.webinars.pg_settings).
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


def register_in_arrival_order(webinar_id: int, people: int, gap: float = 0.01) -> dict:
    """People arrive one after another, `gap` seconds apart, while earlier ones are still
    being served; returns who got a place, by order of arrival."""
    import time

    from django.db import connection
    from django.utils import timezone

    from portal.webinars.models import Webinar
    from portal.webinars.services import registration_create

    statuses, errors = {}, []

    def register(number: int):
        try:
            webinar = Webinar.objects.get(pk=webinar_id)
            result = registration_create(
                webinar=webinar, name=f"Person {number}", email=f"person{number}@example.org",
                organisation="Ministry", consent_privacy=True, at=timezone.now())
            statuses[number] = result.registration.status
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    threads = []
    for number in range(people):
        thread = threading.Thread(target=register, args=(number,))
        thread.start()
        threads.append(thread)
        time.sleep(gap)
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


if __name__ == "__main__":
    main()
