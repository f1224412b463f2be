"""Two members ask each other to connect at the same moment; print what happened (JSON).

Run as `python -m tests.members.connection_race` with tests.pg_settings by
test_network_postgres.py: on PostgreSQL both requests can pass the "no row yet" check and
both try to insert, so the second one meets the pair's unique constraint and must recover
by accepting the first. (On SQLite, IMMEDIATE transactions queue the two requests, so the
second always finds the first's row and the recovery never runs.)
"""

import json
import threading

ROUNDS = 10


def _count_inserts():
    """Count the connection rows the service tried to insert (Django's pre_save signal; the
    database is not touched): two in one round means both requests passed the check."""
    from django.db.models.signals import pre_save

    from portal.members.models import Connection

    attempts = []

    def counted(sender, instance, **kwargs):
        if instance.pk is None:
            attempts.append((instance.requester_id, instance.addressee_id))

    pre_save.connect(counted, sender=Connection, weak=False, dispatch_uid="count-inserts")
    return attempts


def _pair_state(alice, bob) -> dict:
    from portal.members.models import Connection, Notification

    rows = list(Connection.objects.filter(user_low_id=min(alice.pk, bob.pk),
                                          user_high_id=max(alice.pk, bob.pk)))
    return {
        "rows": len(rows),
        "status": rows[0].status if rows else None,
        "requester": rows[0].requester_id if rows else None,
        "notifications": sorted(
            (recipient, verb, read_at is None) for recipient, verb, read_at in
            Notification.objects.filter(recipient__in=[alice, bob])
            .values_list("recipient_id", "verb", "read_at")),
    }


def ask_each_other(rounds: int = ROUNDS) -> dict:
    """Each round: two new members, two threads (two database connections) released by a
    barrier, one asking the other each."""
    from django.db import connection

    from portal.members.network.services import connection_request
    from tests.factories.members import member

    attempts = _count_inserts()
    results, errors = [], []
    for _round in range(rounds):
        alice, bob = member(), member()
        barrier = threading.Barrier(2)
        before = len(attempts)

        def ask(requester, addressee, barrier):
            try:
                barrier.wait(timeout=30)
                connection_request(requester=requester, addressee=addressee)
            except Exception as error:  # reported to the test, which fails on any
                errors.append(repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=ask, args=(*pair, barrier))
                   for pair in ((alice, bob), (bob, alice))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.append({**_pair_state(alice, bob), "inserts": len(attempts) - before})
    return {"rounds": results, "errors": errors}


def insert_lands_between_check_and_insert() -> dict:
    """Force the recovery path: when Alice's request is about to insert its row (after its
    check found none), Bob's request to Alice runs to completion on another connection and
    commits. Alice's insert then meets the constraint and must accept Bob's request."""
    from django.db import connection
    from django.db.models.signals import pre_save

    from portal.members.models import Connection
    from portal.members.network.services import connection_request
    from tests.factories.members import member

    alice, bob = member(), member()
    attempts = _count_inserts()
    errors, interleaved = [], []

    def bob_asks_alice():
        try:
            connection_request(requester=bob, addressee=alice)
        except Exception as error:
            errors.append(repr(error))
        finally:
            connection.close()

    def between_check_and_insert(sender, instance, **kwargs):
        if instance.pk is None and instance.requester_id == alice.pk and not interleaved:
            interleaved.append(True)
            other = threading.Thread(target=bob_asks_alice)
            other.start()
            other.join(timeout=60)

    pre_save.connect(between_check_and_insert, sender=Connection, weak=False,
                     dispatch_uid="interleave")
    outcome = None
    try:
        result = connection_request(requester=alice, addressee=bob)
        outcome = {"pk": result.pk, "status": result.status, "requester": result.requester_id}
    except Exception as error:
        errors.append(repr(error))
    finally:
        pre_save.disconnect(sender=Connection, dispatch_uid="interleave")
    return {**_pair_state(alice, bob), "returned": outcome, "inserts": len(attempts),
            "interleaved": bool(interleaved), "errors": errors,
            "alice": alice.pk, "bob": bob.pk}


def setup() -> str:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    return connection.vendor


def main() -> None:
    vendor = setup()
    print("RESULT " + json.dumps({"vendor": vendor, **ask_each_other()}))


if __name__ == "__main__":
    main()
