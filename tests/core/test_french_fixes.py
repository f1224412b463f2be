"""What a French speaker meets outside the translated content: account e-mails, the HTML
e-mail language and the order of the country list."""

import unicodedata

import pytest
from django.core import mail
from django.utils import translation

from portal.core.models import Country

pytestmark = pytest.mark.django_db


def test_french_sign_up_email_names_the_portal_and_declares_french(client):
    client.post("/fr/accounts/signup/", {
        "email": "awa@example.org", "password1": "an-unusual-passphrase-1",
        "password2": "an-unusual-passphrase-1"})
    message = mail.outbox[-1]
    assert "c'est  !" not in message.body
    with translation.override("fr"):
        from portal.core.branding import site_name

        assert site_name() in message.body
    html = message.alternatives[0][0]
    assert '<html lang="fr">' in html


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def test_country_list_follows_the_french_names_in_french():
    with translation.override("fr"):
        names = [country.display_name for country in Country.objects.by_display_name()]
    assert names == sorted(names, key=_plain)
    assert names.index("Côte d'Ivoire") < names.index("Égypte") < names.index("Gabon")
    with translation.override("en"):
        english = [country.name for country in Country.objects.by_display_name()]
    assert english == sorted(english, key=_plain)


def test_registration_form_lists_countries_in_french_order(client):
    from tests.factories.webinars import WebinarFactory

    webinar = WebinarFactory()
    html = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert html.index(">Côte d&#x27;Ivoire<") < html.index(">Égypte<") < html.index(">Gabon<")
