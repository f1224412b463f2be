"""The privacy notice page, the sitemap for people and the time-zone chooser."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.core.models import PrivacyPage
from tests.factories.members import member
from tests.factories.resources import resource
from tests.factories.webinars import WebinarFactory
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_demo_privacy_notice_is_linked_from_footer_consent_box_and_sign_up(client, demo):
    notice = PrivacyPage.objects.live().get()

    assert client.get(notice.url).status_code == 200
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    assert f'href="{notice.url}"' in footer
    webinar_page = client.get(reverse("webinars:detail", args=[
        "recognising-the-skills-of-migrant-workers"])).content.decode()
    consent = webinar_page.split('name="consent_privacy"', 1)[1][:1500]
    assert f'href="{notice.url}"' in consent
    assert f'href="{notice.url}"' in client.get(reverse("account_signup")).content.decode()


def test_footer_sitemap_is_an_html_page_of_what_visitors_may_see(client):
    WebinarFactory(title="Open webinar")
    WebinarFactory(title="Members circle", is_members_only=True)
    resource(title="Open brief")
    resource(title="Closed brief", access="members")

    home = client.get("/").content.decode()
    assert f'href="{reverse("site_map")}"' in home
    response = client.get(reverse("site_map"))

    text = page_text(response)
    assert response["Content-Type"].startswith("text/html")
    assert "Open webinar" in text and "Open brief" in text
    assert "Members circle" not in text and "Closed brief" not in text
    client.force_login(member())
    assert "Closed brief" not in page_text(client.get(reverse("site_map")))  # like the XML


def test_anyone_chooses_a_time_zone_and_it_is_remembered(client):
    response = client.post(reverse("core:timezone"),
                           {"timezone": "Pacific/Honolulu", "next": "/webinars/"})

    assert response.status_code == 302 and response["Location"] == "/webinars/"
    assert response.cookies["portal_tz"].value == "Pacific%2FHonolulu"
    assert response.cookies["portal_tz_chosen"].value == "1"
    form = client.get(reverse("core:timezone")).content.decode()
    assert '<option value="Pacific/Honolulu" selected>' in form


def test_choosing_the_device_zone_forgets_the_choice(client):
    client.cookies["portal_tz_chosen"] = "1"

    response = client.post(reverse("core:timezone"), {"timezone": ""})

    assert response.cookies["portal_tz_chosen"].value == ""


def test_unknown_zone_and_foreign_next_are_refused(client):
    bad = client.post(reverse("core:timezone"), {"timezone": "Mars/Olympus"})
    assert bad.status_code == 400 and "data-error-summary" in bad.content.decode()

    foreign = client.post(reverse("core:timezone"),
                          {"timezone": "UTC", "next": "https://evil.example/"})
    assert foreign["Location"] == "/"
