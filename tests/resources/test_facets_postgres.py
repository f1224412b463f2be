"""The library's year and region facets on PostgreSQL: the year is extracted natively
there (SQLite reads it from the ISO text) and regions are read from the stored codes."""

import pytest

from tests.postgres import run_scenario


@pytest.mark.postgres
def test_library_facets_and_filters_on_postgresql(postgres_database):
    result = run_scenario("tests.resources.facets_scenario", settings_module="tests.pg_settings",
                          database=postgres_database)

    assert result["vendor"] == "postgresql"
    assert result["all"]["years"] == {"2020": 2, "2019": 1}
    assert result["all"]["regions"] == {"west": 2, "east": 1, "central": 1}
    assert result["west"]["titles"] == ["Kenya 2020", "Senegal 2019"]
    assert result["2020"]["titles"] == ["Kenya 2020", "Regional 2020"]
    assert result["2020"]["regions"] == {"west": 1, "east": 1, "central": 1}
    assert result["after_move"]["titles"] == ["Kenya 2020"]
