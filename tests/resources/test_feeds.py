import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from portal.resources.enums import Access
from tests.factories.resources import library, resource

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _published(page, when):
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)


def test_rss_lists_new_public_resources_newest_first(client):
    older = resource(title="Older brief", summary="The older one.", themes=["governance"],
                     authors=["Ada Obi"])
    newer = resource(title="Newer toolkit", summary="The newer one.")
    _published(older, timezone.now() - datetime.timedelta(days=3))
    _published(newer, timezone.now() - datetime.timedelta(days=1))
    response = client.get("/resources/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newer toolkit", "Older brief"]
    assert items[1].findtext("description") == "The older one."
    assert items[1].findtext("link") == older.get_full_url()
    assert items[1].findtext("category") == "Labour migration governance"


def test_atom_feed_has_entries_with_links(client):
    page = resource(title="Country study: Togo")
    response = client.get("/resources/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    entry = feed.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Country study: Togo"
    assert entry.find(f"{ATOM}link").get("href") == page.get_full_url()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_filter_by_theme(client, kind):
    resource(title="On governance", themes=["governance"])
    resource(title="On guidance", themes=["guidance"])
    body = client.get(f"/resources/feed/{kind}/?theme=guidance").content.decode()
    assert "On guidance" in body and "On governance" not in body
    assert "Information, guidance and counselling of migrant workers" in body


def test_unknown_theme_is_not_found(client):
    library()
    assert client.get("/resources/feed/rss/?theme=nope").status_code == 404


def test_feeds_leave_out_members_only_and_unpublished_resources(client):
    resource(title="Members brief", access=Access.MEMBERS)
    resource(title="Draft brief", live=False)
    resource(title="Public brief")
    body = client.get("/resources/feed/rss/").content.decode()
    assert "Public brief" in body
    assert "Members brief" not in body and "Draft brief" not in body


def test_library_page_advertises_its_feeds(client):
    library()
    html = client.get("/resources/?theme=governance").content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'href="/resources/feed/atom/?theme=governance"' in html
