import pytest

from tests.factories.members import member


@pytest.mark.parametrize(
    ("cookie", "expected"),
    [("Africa/Nairobi", "Africa/Nairobi"), ("Not/AZone", "UTC"), (None, "UTC")],
)
def test_timezone_middleware_uses_the_browser_cookie_for_visitors(client, db, cookie, expected):
    if cookie:
        client.cookies["portal_tz"] = cookie
    response = client.get("/members/")
    assert response.context["viewer_timezone"] == expected


def test_timezone_middleware_prefers_the_profile_zone(client, db):
    user = member(timezone="Africa/Dakar")
    client.force_login(user)
    client.cookies["portal_tz"] = "Africa/Nairobi"
    response = client.get("/members/")
    assert response.context["viewer_timezone"] == "Africa/Dakar"


def test_french_pages_live_under_the_fr_prefix(client, db):
    english = client.get("/members/")
    french = client.get("/fr/members/")
    assert english.status_code == french.status_code == 200
    assert '<html lang="fr">' in french.content.decode()
    assert '<html lang="en">' in english.content.decode()


def test_timezone_middleware_reads_an_encoded_cookie(client, db):
    client.cookies["portal_tz"] = "America%2FArgentina%2FBuenos_Aires"
    response = client.get("/members/")
    assert response.context["viewer_timezone"] == "America/Argentina/Buenos_Aires"
