"""The site search page on every supported backend: Whoosh and modelsearch's database
backend on SQLite (FTS5) in this process, the database backend on PostgreSQL in a
subprocess on a throwaway cluster. Same content, same expectations: best match first,
misspellings answered with the suggestion's results, synonyms, any-word fallback, accents,
inflections, themes, and a query count that does not grow with the results."""


import pytest

from tests.postgres import run_scenario
from tests.search import scenario


def check(results: dict, *, fuzzy: bool) -> None:
    """``fuzzy``: the backend matches long misspelled words fuzzily (not SQLite)."""
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
    assert results["Kenia"]["notices"]["corrected"]
    assert results["RPL"]["notices"]["expansions"]
    assert results["Burkina Faso Mali"]["notices"]["any_word"]
    assert results["Kenia"]["titles"][0] == "Kenya: skills partnerships in Kenya"
    assert results["dialogue social"]["titles"] == ["Tripartite talks"]
    # Inflections match (stemming, or on SQLite the prefix of the stem).
    assert results["partnership"]["titles"] == ["Kenya: skills partnerships in Kenya"]
    assert results["recognise skills"]["titles"][0] == "Recognising the skills of returnees"
    # A misspelling no suggestion knows (the word is only in a body): fuzzy matching.
    assert results["apprentiseships"]["titles"] == (["On-the-job schemes"] if fuzzy else [])
    # What is discussed comes before the discussion that repeats its words.
    seasonal = results["seasonal work"]
    assert seasonal["titles"][:2] == ["Seasonal work in the Pacific"] * 2
    assert seasonal["areas"][:2] == ["webinars", "forum"]


def check_counts(counts: dict) -> None:
    """The same number of queries whatever the number of results (JSON keys are text)."""
    small, large = (counts[size] for size in sorted(counts, key=int))
    assert large["hits"] > small["hits"]
    assert large["queries"] == small["queries"], counts


@pytest.fixture
def database_backend(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "modelsearch.backends.database"}}


def test_site_search_page_on_the_whoosh_backend(db):
    from wagtail.search.backends import get_search_backend

    assert type(get_search_backend()).__module__.startswith("portal.search.backends.whoosh")
    scenario.build()

    check(scenario.run(), fuzzy=True)
    check_counts(scenario.query_counts())


def test_site_search_page_on_the_sqlite_database_backend(db, database_backend):
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    assert connection.vendor == "sqlite"
    assert type(get_search_backend()).__module__.startswith("modelsearch.backends.database.sqlite")
    scenario.build()

    check(scenario.run(), fuzzy=False)
    check_counts(scenario.query_counts())


@pytest.mark.postgres
def test_site_search_page_on_the_postgresql_database_backend(postgres_database):
    result = run_scenario("tests.search.scenario", settings_module="tests.search.pg_settings",
                          database=postgres_database)

    assert result["vendor"] == "postgresql"
    check(result["results"], fuzzy=True)
    check_counts(result["counts"])
