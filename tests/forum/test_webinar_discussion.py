"""Each public webinar gets its discussion topic in the forum's Webinars category, linked
from its page."""

import pytest

from portal.forum.models import Category, Topic
from portal.forum.selectors import topic_for_key
from tests.factories.webinars import WebinarFactory

pytestmark = pytest.mark.django_db


def test_publishing_a_webinar_creates_its_topic_once_and_the_page_links_it(client):
    webinar = WebinarFactory(title="Skills Partnerships on Labour Migration")
    webinar.save_revision().publish()
    webinar.save_revision().publish()
    [topic] = Topic.objects.filter(subject_key=f"webinar:{webinar.pk}")
    assert topic.category.slug == "webinars" and topic.title == webinar.title
    assert Category.objects.get(slug="webinars").topic_count == 1
    page = client.get(webinar.get_absolute_url())
    assert topic.get_absolute_url() in page.text
    assert "Discuss this webinar in the forum" in page.text


def test_members_only_webinar_gets_no_public_topic():
    webinar = WebinarFactory(is_members_only=True)
    webinar.save_revision().publish()
    assert topic_for_key(f"webinar:{webinar.pk}") is None


def test_webinar_turned_members_only_withdraws_its_topic_from_visitors(client):
    webinar = WebinarFactory(title="A webinar that becomes private")
    webinar.save_revision().publish()
    topic = topic_for_key(f"webinar:{webinar.pk}")
    assert topic is not None
    webinar.is_members_only = True
    webinar.save()
    assert topic_for_key(f"webinar:{webinar.pk}") is None
    assert client.get(topic.get_absolute_url()).status_code == 404
    assert Category.objects.get(slug="webinars").topic_count == 0
    webinar.is_members_only = False
    webinar.save()
    assert topic_for_key(f"webinar:{webinar.pk}") is not None
