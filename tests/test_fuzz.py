"""Whatever a browser, a bot or an attacker sends to a public address or form, the portal
answers with a page or a 4xx, never a 5xx. Hypothesis picks the inputs: empty, long, NUL,
non-ASCII digits, huge and negative numbers, lists where one value is expected, odd unicode.

The addresses and the query parameters are not listed by hand: the parameters come from a
scan of the portal's source (every `request.GET` read, every form bound to `request.GET`)
and of its templates (every field of a form sent by GET); the addresses are every route of
the URL configuration that takes no argument, plus the pages of the objects made below."""

import importlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django import forms
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.core.middleware import TIMEZONE_COOKIE
from tests.factories import forum as forum_factory
from tests.factories.goodpractices import call, practice
from tests.factories.members import member
from tests.factories.resources import library, resource
from tests.factories.webinars import SeriesFactory, WebinarFactory, programme_webinar

ROOT = Path(__file__).resolve().parent.parent
PORTAL = ROOT / "portal"

# --- What the portal reads from a query string ------------------------------------------

GET_READ = re.compile(r"""request\.GET(?:\.get|\.getlist)?\s*[\[(]\s*["']([^"']+)["']""")
FORM_ON_GET = re.compile(r"""\b([A-Z]\w*)\(\s*(?:data\s*=\s*)?request\.GET\b""")
HTML_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
FIELD_NAME = re.compile(r"""\bname=["']([A-Za-z_][\w-]*)["']""")


def _module_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def query_parameter_names() -> set[str]:
    names = set()
    for path in PORTAL.rglob("*.py"):
        text = path.read_text()
        names |= set(GET_READ.findall(text))
        for class_name in FORM_ON_GET.findall(text):
            form_class = getattr(importlib.import_module(_module_of(path)), class_name, None)
            if isinstance(form_class, type) and issubclass(form_class, forms.BaseForm):
                names |= set(form_class.base_fields)
    for path in (ROOT / "templates").rglob("*.html"):
        for attributes, body in HTML_FORM.findall(path.read_text()):
            if not re.search(r"""method=["']?post""", attributes, re.I):
                names |= set(FIELD_NAME.findall(body))
    return names


PARAM_NAMES = sorted(query_parameter_names())


def test_the_scan_finds_the_parameters_we_know():
    known = {"q", "page", "year", "period", "as_typed", "quote", "to", "next", "theme",
             "country", "type", "region", "language", "sort", "call", "status"}
    assert known <= set(PARAM_NAMES), known - set(PARAM_NAMES)


# --- Which addresses a visitor or a member can ask for ----------------------------------

LEFT_OUT = ("admin/", "django-admin/", "accounts/logout/", "_util/")


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def routes_without_arguments() -> list[str]:
    """Every route of the URL configuration that a plain address can reach."""
    return sorted({"/" + route for route in _routes(get_resolver().url_patterns)
                   if not re.search(r"[<>^$()\\]", route) and route
                   and not route.startswith(LEFT_OUT)})


def test_the_url_configuration_gives_the_plain_routes_we_know():
    routes = routes_without_arguments()
    for known in ("/healthz", "/sitemap.xml", "/site-map/", "/webinars/calendar.ics",
                  "/forum/latest/", "/forum/top/", "/members/", "/search/", "/time-zone/",
                  "/notifications/", "/messages/new/"):
        assert known in routes


@pytest.fixture
def site(db):
    """The objects every kind of page needs, and every address to try."""
    series = SeriesFactory()
    webinar = programme_webinar(title="Skills partnerships", capacity=50, series=series)
    library()
    page = resource(title="Skills study")
    someone = member(display_name="Amina Diallo", visibility="public")
    topic = forum_factory.topic(replies=2)
    open_call = call(phase="open")
    good_practice = practice(title="Mauritania and Senegal", year=2019)
    with_objects = [
        "/", "/fr/", "/resources/", page.url, "/webinars/", "/fr/webinars/",
        webinar.get_absolute_url(), reverse("webinars:programme", args=[webinar.slug]),
        reverse("webinars:calendar", args=[webinar.slug]), series.get_absolute_url(),
        reverse("webinars:series_feed", args=[series.slug]),
        reverse("webinars:year_feed", args=[2024]),
        reverse("webinars:register", args=[webinar.slug]),
        f"/members/{someone.profile.pk}/", topic.category.get_absolute_url(),
        topic.get_absolute_url(), reverse("forum:reply", args=[topic.pk]),
        reverse("forum:post", args=[topic.posts.first().pk]), "/good-practices/",
        "/fr/good-practices/", good_practice.url, open_call.get_parent().url, open_call.url,
    ]
    return {"urls": sorted(set(routes_without_arguments()) | set(with_objects)),
            "member": member(display_name="Fuzzing member")}


@pytest.fixture
def member_client(site):
    logged_in = Client()
    logged_in.force_login(site["member"])
    return logged_in


# --- The inputs -------------------------------------------------------------------------

NASTY_STRINGS = st.sampled_from([
    "", " ", "\x00", "²", "١٢٣", "٣", "１２", "9" * 30, "-1", "-99999999999", "0", "1e309",
    "NaN", "[]", "{}", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --",
    "é" * 300, "x" * 5000, "2024", "Africa/Nairobi", "Europe/" + "A" * 500, "\ud7ff",
    "%00", "true", "on", "1", "\u202e\u0301", "🎉", "\ufeff1", "//evil.example",
])
VALUES = st.one_of(NASTY_STRINGS, st.text(max_size=60),
                   st.integers(min_value=-10**30, max_value=10**30).map(str))
QUERY = st.dictionaries(st.sampled_from(PARAM_NAMES), st.lists(VALUES, min_size=1, max_size=3),
                        max_size=5)
FUZZ = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# Every address with every parameter at once, one value after the other.
SWEEP_VALUES = ["²", ["-1", "٣", "9" * 30], "\x00" + "é" * 200]


def _no_server_error(response, what):
    assert response.status_code < 500, f"{what} answered {response.status_code}"


def test_every_address_takes_every_parameter_with_odd_values(client, member_client, site):
    failures = []
    for value in SWEEP_VALUES:
        query = dict.fromkeys(PARAM_NAMES, value)
        for url in site["urls"]:
            for who, browser in (("visitor", client), ("member", member_client)):
                what = f"{who} GET {url} with every parameter at {str(value)[:20]!r}"
                try:
                    status = browser.get(url, query).status_code
                except Exception as error:  # the test client raises what a view raised
                    failures.append(f"{what} raised {error!r}"[:300])
                else:
                    if status >= 500:
                        failures.append(f"{what} answered {status}")
    assert not failures, "\n".join(failures)


@settings(FUZZ, max_examples=300)
@given(data=st.data())
def test_public_and_member_pages_take_any_query_and_cookie(client, member_client, site, data):
    url = data.draw(st.sampled_from(site["urls"]), label="url")
    browser = data.draw(st.sampled_from([client, member_client]), label="who")
    query = data.draw(QUERY, label="query")
    zone = data.draw(VALUES, label="zone cookie")
    # Browsers send cookie bytes; the page's script stores the zone percent-encoded.
    browser.cookies[TIMEZONE_COOKIE] = quote(zone[:3000])
    _no_server_error(browser.get(url, query), f"GET {url}?{query}")


@FUZZ
@given(zone=VALUES, target=VALUES, language=VALUES, as_member=st.booleans())
def test_the_zone_and_language_choices_take_any_input(client, member_client, site, zone,
                                                      target, language, as_member):
    browser = member_client if as_member else client
    _no_server_error(browser.post("/time-zone/", {"timezone": zone, "next": target}),
                     f"POST /time-zone/ {zone!r} {target!r}")
    _no_server_error(browser.get("/time-zone/", {"next": target}),
                     f"GET /time-zone/?next={target!r}")
    _no_server_error(browser.post("/i18n/setlang/", {"language": language, "next": target}),
                     f"POST /i18n/setlang/ {language!r} {target!r}")


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
