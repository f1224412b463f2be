"""What the webinars app gives other parts of the portal: the dashboard panel, the data
export section, the sitemap entries and the search index fields."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from portal.members.exports import collect_export_sections
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import Webinar
from portal.webinars.sitemaps import WebinarSitemap
from tests.factories.members import member
from tests.factories.webinars import RegistrationFactory, SpeakerFactory, WebinarFactory, add_agenda

pytestmark = pytest.mark.django_db


def test_dashboard_panel_lists_registrations_and_the_personal_feed():
    user = member()
    RegistrationFactory(user=user, email=user.email, webinar=WebinarFactory(title="Mine"))
    request = RequestFactory().get("/members/me/")
    request.user = user

    html = Template("{% load webinar_tags %}{% my_webinars %}").render(
        Context({"request": request, "csrf_token": "token"}))

    assert "Mine" in html
    assert "webcal://testserver/webinars/feed/" in html
    assert 'action="/webinars/me/feed/reset/"' in html


def test_data_export_holds_the_members_registrations():
    user = member()
    RegistrationFactory(user=user, email=user.email, webinar=WebinarFactory(title="Mine"),
                        status=RegistrationStatus.CANCELLED)

    section = collect_export_sections(user)["webinar_registrations"]

    assert [(row["webinar"], row["status"]) for row in section] == [("Mine", "cancelled")]


def test_sitemap_lists_public_published_webinars_only():
    public = WebinarFactory()
    WebinarFactory(is_members_only=True)
    WebinarFactory(live=False)

    assert list(WebinarSitemap().items()) == [public]


def test_search_fields_include_speakers_and_filters():
    webinar = WebinarFactory()
    add_agenda(webinar, [("Session", [("", 10, "Talk", [SpeakerFactory(name="Pita Lokotui")])],
                          [])])

    names = {field.field_name for field in Webinar.search_fields}

    assert {"live", "is_members_only", "start", "language", "series", "programme_text"} <= names
    assert "Pita Lokotui" in Webinar.objects.get(pk=webinar.pk).programme_text()


def test_sitemap_classes_render_in_the_sitemap_view(rf):
    from wagtail.contrib.sitemaps import Sitemap as PagesSitemap
    from wagtail.contrib.sitemaps.views import sitemap

    from portal.webinars.sitemaps import WebinarSeriesSitemap

    webinar = WebinarFactory()
    request = rf.get("/sitemap.xml")

    response = sitemap(request, sitemaps={"pages": PagesSitemap, "webinars": WebinarSitemap,
                                          "series": WebinarSeriesSitemap})
    response.render()

    assert f"http://testserver/webinars/{webinar.slug}/" in response.content.decode()
