"""Forty people register at once for five places: exactly five get one, on SQLite and
PostgreSQL, and everyone else is on the waiting list."""


import pytest
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
    result = run_scenario("tests.webinars.race", settings_module="tests.webinars.pg_settings",
                          database=postgres_database)
    assert result["vendor"] == "postgresql"
    assert result["errors"] == []
    assert (result["confirmed"], result["waitlisted"], result["rows"]) == (
        CAPACITY, PEOPLE - CAPACITY, PEOPLE)
    assert result["emails"] == PEOPLE
