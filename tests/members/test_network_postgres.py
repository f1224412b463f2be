"""Two members asking each other to connect at once, on PostgreSQL, where both requests
really can pass the service's check before either inserts (see connection_race.py)."""

import pytest

from tests.postgres import run_scenario

SETTINGS = "tests.pg_settings"


@pytest.mark.postgres
def test_members_asking_each_other_at_once_end_with_one_connection_on_postgresql(
        postgres_database):
    result = run_scenario("tests.members.connection_race", settings_module=SETTINGS,
                          database=postgres_database)

    assert result["vendor"] == "postgresql"
    assert result["errors"] == []
    assert len(result["rounds"]) == 10
    for outcome in result["rounds"]:
        assert (outcome["rows"], outcome["status"]) == (1, "accepted"), outcome
    # At least one round really raced: both requests inserted, one met the constraint.
    assert any(outcome["inserts"] == 2 for outcome in result["rounds"]), result["rounds"]


@pytest.mark.postgres
def test_request_meeting_the_pair_constraint_accepts_the_other_request(postgres_database):
    result = run_scenario("tests.members.connection_recovery", settings_module=SETTINGS,
                          database=postgres_database)

    assert result["vendor"] == "postgresql"
    assert result["errors"] == []
    assert result["interleaved"] and result["inserts"] == 2  # both inserted; one failed
    alice, bob = result["alice"], result["bob"]
    assert (result["rows"], result["status"], result["requester"]) == (1, "accepted", bob)
    assert result["returned"]["status"] == "accepted"
    assert result["returned"]["requester"] == bob
    # Bob's request notified Alice and is read now she accepted; Bob hears of the acceptance.
    assert result["notifications"] == sorted([
        [alice, "connection.requested", False],
        [bob, "connection.accepted", True],
    ])
