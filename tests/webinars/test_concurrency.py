"""Forty people register at once for five places: exactly five get one, on SQLite and
PostgreSQL, and everyone else is on the waiting list."""

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from portal.webinars.models import Registration
from tests.factories.webinars import WebinarFactory
from tests.postgres import run_scenario
from tests.webinars.race import register_in_arrival_order, register_in_parallel

PEOPLE, CAPACITY = 40, 5


@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_overbook_on_sqlite():
    assert connection.vendor == "sqlite"
    assert "memory" not in str(connection.settings_dict["NAME"])  # a file: real locking
    webinar = WebinarFactory(capacity=CAPACITY)

    result = register_in_parallel(webinar.pk, PEOPLE)

    assert result["errors"] == []
    assert (result["confirmed"], result["waitlisted"], result["rows"]) == (
        CAPACITY, PEOPLE - CAPACITY, PEOPLE)
    assert len(mail.outbox) == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_places_go_in_the_order_people_arrived():
    webinar = WebinarFactory(capacity=CAPACITY)

    result = register_in_arrival_order(webinar.pk, 25)

    assert result["errors"] == []
    assert result["statuses"] == ["confirmed"] * CAPACITY + ["waitlisted"] * (25 - CAPACITY)
    waiting = list(Registration.objects.filter(webinar=webinar, status="waitlisted")
                   .order_by("created_at", "pk").values_list("name", flat=True))
    assert waiting == [f"Person {number}" for number in range(CAPACITY, 25)]


@pytest.mark.postgres
def test_parallel_registrations_never_overbook_on_postgresql(postgres_database):
    result = run_scenario("tests.webinars.race", settings_module="tests.pg_settings",
                          database=postgres_database)
    assert result["vendor"] == "postgresql"
    assert result["errors"] == []
    assert (result["confirmed"], result["waitlisted"], result["rows"]) == (
        CAPACITY, PEOPLE - CAPACITY, PEOPLE)
    assert result["emails"] == PEOPLE


@pytest.mark.django_db(transaction=True)
def test_places_go_in_the_order_people_arrived_across_processes():
    """Each person is a process of their own, as under several web server processes. They
    arrive half a second apart while another process holds the database; once it lets go,
    the first two to arrive have the places."""
    people, capacity = 5, 2
    webinar = WebinarFactory(capacity=capacity)
    name = str(connection.settings_dict["NAME"])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.webinars.sqlite_file",
           "PORTAL_SQLITE_NAME": name, "PORTAL_TEST_VAR_DIR": ""}
    children = [subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "tests.webinars.race", "one", str(webinar.pk), str(number)],
        env=env, cwd=settings.BASE_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for number in range(people)]
    try:
        for child in children:
            assert child.stdout.readline().strip() == "READY", child.stderr.read()[-2000:]
        other = sqlite3.connect(name, timeout=5)
        other.execute("BEGIN EXCLUSIVE")  # another process is writing
        try:
            for child in children:
                child.stdin.write("go\n")
                child.stdin.flush()
                time.sleep(0.5)
        finally:
            other.rollback()
            other.close()
        results = []
        for child in children:
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err[-2000:]
            results.append(json.loads(out.split("RESULT ", 1)[1]))
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    statuses = [result["status"] for result in sorted(results, key=lambda r: r["number"])]
    assert statuses == ["confirmed"] * capacity + ["waitlisted"] * (people - capacity)
    confirmed = set(Registration.objects.filter(webinar=webinar, status="confirmed")
                    .values_list("name", flat=True))
    assert confirmed == {f"Person {number}" for number in range(capacity)}
