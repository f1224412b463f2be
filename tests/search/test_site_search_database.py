"""The site search on modelsearch's database backend: SQLite (FTS5) in this process,
PostgreSQL in a subprocess on a throwaway cluster. Same content, same expectations as on
Whoosh: best match first, synonyms, any-word fallback, accents, spelling, themes."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from tests.search import scenario
from tests.webinars.conftest import postgres_server  # noqa: F401  (a fixture)


def check(results: dict) -> None:
    kenya = results["Kenya"]["titles"]
    assert kenya[0] == "Kenya: skills partnerships in Kenya"  # the best match first
    assert kenya[-1] == "A long survey of the region"
    assert results["Kenya"]["scores"] == sorted(results["Kenya"]["scores"], reverse=True)
    assert results["RPL"]["titles"] == ["Recognition of prior learning in practice"]
    assert "recognition of prior learning" in results["RPL"]["expansions"]
    assert results["labor migration"]["titles"] == ["Labour migration governance"]
    assert set(results["Burkina Faso Mali"]["titles"]) == {
        "Country study of Burkina Faso", "Country study of Mali"}
    assert results["Burkina Faso Mali"]["any_word"]
    for query in ("Yaounde", "Yaoundé"):
        assert sorted(results[query]["titles"]) == [
            "Rapport d'atelier : Yaoundé", "Workshop report: Yaoundé"]
    assert results["Kenia"]["corrected_from"] == "Kenia"
    assert results["Kenia"]["titles"][0] == "Kenya: skills partnerships in Kenya"
    assert results["dialogue social"]["titles"] == ["Tripartite talks"]


@pytest.fixture
def database_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}


def test_site_search_on_the_sqlite_database_backend(db, database_backend):
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    assert connection.vendor == "sqlite"
    assert type(get_search_backend()).__module__.startswith("modelsearch.backends.database.sqlite")
    scenario.build()

    check(scenario.run())


@pytest.fixture
def search_database(postgres_server):  # noqa: F811
    name = f"portal_search_{os.getpid()}"
    run = postgres_server["run"]
    connection = ["-h", postgres_server["host"], "-p", postgres_server["port"], "-U", "postgres"]
    run("createdb", *connection, name)
    try:
        yield {**postgres_server, "name": name}
    finally:
        run("dropdb", *connection, "--if-exists", "--force", name)


@pytest.mark.postgres
def test_site_search_on_the_postgresql_database_backend(search_database):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.search.pg_settings",
        "PORTAL_PG_NAME": search_database["name"],
        "PORTAL_PG_HOST": search_database["host"],
        "PORTAL_PG_PORT": search_database["port"],
        "PORTAL_TEST_VAR_DIR": "",
    }

    completed = subprocess.run([sys.executable, "-m", "tests.search.scenario"], env=env,
                               cwd=settings.BASE_DIR, capture_output=True, text=True,
                               timeout=600)

    assert completed.returncode == 0, completed.stderr[-3000:]
    line = next(line for line in completed.stdout.splitlines() if line.startswith("RESULT "))
    result = json.loads(line.removeprefix("RESULT "))
    assert result["vendor"] == "postgresql"
    check(result["results"])
