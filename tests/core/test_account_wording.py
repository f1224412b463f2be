"""One wording for the way into an account: every link to the sign-in page reads like the
sign-in page's own title, every link to the sign-up page like the sign-up page's, in English
and in French (the header, the home page, a members-only resource, a registrant's page)."""

from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from portal.resources.enums import Access
from tests.factories.resources import resource
from tests.factories.webinars import RegistrationFactory, WebinarFactory

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    """Each link's address and text, and the text of the first <h1>."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.h1 = ""
        self._href = None
        self._text: list[str] = []
        self._in_h1 = False
        self._h1_done = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._text = []
        elif tag == "h1" and not self._h1_done:
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None
        elif tag == "h1" and self._in_h1:
            self._in_h1, self._h1_done = False, True

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        if self._in_h1:
            self.h1 += data


def _parsed(client, path) -> _Links:
    response = client.get(path)
    assert response.status_code in (200, 403), path
    parser = _Links()
    parser.feed(unescape(response.content.decode()))
    parser.h1 = " ".join(parser.h1.split())
    return parser


@pytest.mark.parametrize(("language", "sign_in", "sign_up"), [
    ("en", "Sign In", "Sign Up"),
    ("fr", "Connexion", "Création de compte"),
])
def test_every_sign_in_and_sign_up_link_reads_like_the_account_pages(client, language,
                                                                      sign_in, sign_up):
    secret = resource(title="Working document", access=Access.MEMBERS)
    newcomer = RegistrationFactory(webinar=WebinarFactory(), email="newcomer@example.org")
    prefix = "" if language == "en" else "/fr"
    with translation.override(language):
        login_path, signup_path = reverse("account_login"), reverse("account_signup")
        manage_path = newcomer.get_absolute_url()
    assert login_path.startswith(prefix + "/accounts/")

    # The account pages' own titles (allauth's wording, translated by its catalogue).
    assert _parsed(client, login_path).h1 == sign_in
    assert _parsed(client, signup_path).h1 == sign_up

    pages = {"home": prefix + "/", "members-only resource": prefix + secret.url,
             "registrant's page": manage_path, "webinars": prefix + "/webinars/"}
    for name, path in pages.items():
        links = _parsed(client, path).links
        to_login = [text for href, text in links if urlsplit(href).path == login_path]
        to_signup = [text for href, text in links if urlsplit(href).path == signup_path]
        assert to_login, f"{name}: no link to sign in"  # the header's, at least
        assert to_signup, f"{name}: no link to sign up"
        assert set(to_login) == {sign_in}, f"{name}: {to_login}"
        assert set(to_signup) == {sign_up}, f"{name}: {to_signup}"


def test_the_bell_asks_a_visitor_to_sign_in(client):
    response = client.get(reverse("notifications_bell"))

    assert response.status_code == 401
    assert response.json()["error"] == "Sign in to see your notifications."
