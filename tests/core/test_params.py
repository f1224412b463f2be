import pytest

from portal.core.params import LARGEST_ID, local_path, parse_int, parse_year


@pytest.mark.parametrize("raw, number", [
    ("0", 0), ("42", 42), (" 7 ", 7), (str(LARGEST_ID), LARGEST_ID),
    ("", None), ("²", None), ("٣", None), ("１２", None), ("-1", None), ("+1", None),
    ("1e3", None), ("9" * 20, None), (str(LARGEST_ID + 1), None), ("4\x00", None),
    (None, None), (["1"], None),
])
def test_parse_int_takes_ascii_digits_that_a_database_can_hold(raw, number):
    assert parse_int(raw) == number


def test_parse_int_keeps_to_its_bounds():
    assert parse_int("5", low=1, high=5) == 5
    assert parse_int("6", low=1, high=5) is None
    assert parse_int("0", low=1) is None


@pytest.mark.parametrize("raw, year", [
    ("2019", 2019), ("1900", 1900), ("2999", 2999), ("1899", None), ("3000", None),
    ("²", None), ("²⁰¹⁹", None), ("٢٠١٩", None), ("abc", None), ("02019", None),
    ("99999999999999999999", None), ("", None), (None, None),
])
def test_parse_year(raw, year):
    assert parse_year(raw) == year


@pytest.mark.parametrize("value, path", [
    ("/forum/", "/forum/"), ("/webinars/?page=2", "/webinars/?page=2"),
    ("²", None), ("home", None), ("members_moderation:queue", None), ("", None), (None, None),
    ("//evil.example/", None), ("https://evil.example/", None), ("/\\evil.example", None),
])
def test_local_path_takes_only_paths_on_this_site(rf, value, path):
    assert local_path(rf.get("/"), value) == path


@pytest.mark.parametrize("target", ["²", "home", "x" * 300, "https://evil.example/"])
def test_choosing_a_zone_with_an_odd_next_goes_home(client, db, target):
    response = client.post("/time-zone/", {"timezone": "Africa/Nairobi", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/time-zone/", {"next": target}).status_code == 200


def test_connecting_with_an_odd_next_goes_back_to_the_profile(client, db):
    from tests.factories.members import member

    other = member(visibility="public")
    client.force_login(member())
    response = client.post(f"/members/{other.profile.pk}/connect/", {"next": "²"})
    assert response.status_code == 302 and response["Location"] != "²"
