"""Whatever a browser, a bot or an attacker sends to a public address or form, the portal
answers with a page or a 4xx, never a 5xx. Hypothesis picks the inputs: empty, long, NUL,
non-ASCII digits, huge numbers, lists where one value is expected."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.core.middleware import TIMEZONE_COOKIE
from tests.factories.members import member
from tests.factories.resources import library, resource
from tests.factories.webinars import SeriesFactory, WebinarFactory, programme_webinar

NASTY_STRINGS = st.sampled_from([
    "", " ", "\x00", "²", "١٢٣", "٣", "9" * 30, "-1", "0", "1e309", "NaN", "[]", "{}",
    "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "é" * 300, "x" * 5000,
    "2024", "Africa/Nairobi", "Europe/" + "A" * 500, "\ud7ff", "%00", "true", "on",
])
VALUES = st.one_of(NASTY_STRINGS, st.text(max_size=60),
                   st.integers(min_value=-10**30, max_value=10**30).map(str))
PARAM_NAMES = ["q", "page", "p", "year", "theme", "country", "type", "region", "language",
               "series", "sort", "email", "next", "access", "organisation_type", "expertise"]
QUERY = st.dictionaries(st.sampled_from(PARAM_NAMES), st.lists(VALUES, min_size=1, max_size=3),
                        max_size=5)
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


def _no_server_error(response, what):
    assert response.status_code < 500, f"{what} answered {response.status_code}"


@pytest.fixture
def public_urls(db):
    webinar = programme_webinar(title="Skills partnerships", capacity=50)
    series = SeriesFactory()
    library()
    page = resource(title="Skills study")
    someone = member(display_name="Amina Diallo", visibility="public")
    return ["/", "/fr/", "/webinars/", "/fr/webinars/", webinar.get_absolute_url(),
            f"/webinars/{webinar.slug}/programme/", f"/webinars/{webinar.slug}/calendar.ics",
            f"/webinars/series/{series.slug}/", "/webinars/calendar.ics", "/resources/",
            page.url, "/search/", "/search/autocomplete/", "/members/",
            f"/members/{someone.pk}/", "/sitemap.xml", "/robots.txt", "/healthz",
            "/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


@FUZZ
@given(query=QUERY, zone=VALUES)
def test_public_pages_take_any_query_and_cookie(client, public_urls, query, zone):
    # Browsers send cookie bytes; the page's script stores the zone percent-encoded.
    client.cookies[TIMEZONE_COOKIE] = quote(zone[:3000])
    for url in public_urls:
        _no_server_error(client.get(url, query), f"GET {url}?{query}")


@pytest.fixture
def open_webinar(db):
    return WebinarFactory(capacity=5)


REGISTRATION_FIELDS = ["name", "email", "organisation", "organisation_type", "country",
                       "job_title", "consent_privacy", "consent_updates"]


@FUZZ
@given(data=st.dictionaries(st.sampled_from(REGISTRATION_FIELDS),
                            st.lists(VALUES, min_size=1, max_size=2), max_size=8))
def test_the_registration_form_takes_any_input(client, open_webinar, data):
    webinar = open_webinar
    response = client.post(f"/webinars/{webinar.slug}/register/", data)
    _no_server_error(response, f"register {data}")


@pytest.fixture
def fuzzed_member(db):
    return member(display_name="Fuzzed")


@FUZZ
@given(data=st.dictionaries(
    st.sampled_from(["display_name", "job_title", "organisation", "organisation_type",
                     "country", "bio", "timezone", "visibility", "themes", "languages",
                     "email_webinar_announcements"]),
    st.lists(VALUES, min_size=1, max_size=3), max_size=11))
def test_the_profile_form_takes_any_input(client, fuzzed_member, data):
    client.force_login(fuzzed_member)
    _no_server_error(client.post("/members/me/profile/", data), f"profile {data}")


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["login", "email", "password", "password1",
                                             "password2", "remember", "next"]),
                            VALUES, max_size=6))
def test_account_forms_take_any_input(client, db, data):
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        _no_server_error(client.post(url, data), f"POST {url} {data}")
