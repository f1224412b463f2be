"""Webinar -> resource works through materials; the resource page links back to the
webinars whose materials include it, as far as the visitor may see them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories.members import member
from tests.factories.resources import resource
from tests.factories.webinars import MaterialFactory, WebinarFactory
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


def box(response) -> str:
    html = response.content.decode()
    if "Part of these webinars" not in html:
        return ""
    start = html.index("Part of these webinars")
    return page_text(html[start:html.index("</section>", start)])


def test_resource_page_lists_the_webinars_that_use_it(client):
    page = resource(title="Concept note")
    older = WebinarFactory(title="First webinar", start=timezone.now() - timedelta(days=40))
    newer = WebinarFactory(title="Second webinar")
    WebinarFactory(title="Unrelated")
    for webinar in (older, newer):
        MaterialFactory(webinar=webinar, title="Concept note", page=page)

    text = box(client.get(page.url))

    assert text.index("Second webinar") < text.index("First webinar")
    assert "Unrelated" not in text
    assert newer.get_absolute_url() in client.get(page.url).content.decode()


def test_backlinks_leave_out_drafts_and_members_only_webinars_for_visitors(client):
    page = resource(title="Toolkit")
    MaterialFactory(webinar=WebinarFactory(title="Draft one", live=False), page=page)
    MaterialFactory(webinar=WebinarFactory(title="Circle", is_members_only=True), page=page)

    assert box(client.get(page.url)) == ""
    client.force_login(member())
    text = box(client.get(page.url))
    assert "Circle" in text and "Draft one" not in text
