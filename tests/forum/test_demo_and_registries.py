"""Demo content, the main menu, the home section, the site search, the sitemap, the
profile activity, the data export and erasure."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.forum.models import Category, Post, Topic
from portal.members.activity import recent_activity
from portal.members.exports import collect_export_sections
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


def test_demo_has_categories_topics_and_the_webinar_discussion_and_is_idempotent(client):
    call_command("load_demo", verbosity=0)
    counts = (Topic.objects.count(), Post.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Topic.objects.count(), Post.objects.count()) == counts
    assert set(Category.objects.values_list("slug", flat=True)) >= {
        "skills-recognition", "pre-departure-training", "return-and-reintegration", "webinars",
        "announcements"}
    webinar_topic = Topic.objects.get(category__slug="webinars",
                                      title="Skills Partnerships on Labour Migration")
    assert webinar_topic.post_count >= 3
    assert not Post.objects.filter(status="pending").exists()
    text = client.get(reverse("forum:latest")).text
    assert "Harmonising certification between Nigeria, Ghana and Togo" in text


def test_menu_and_home_section(client):
    f.topic(title="A lively exchange")
    home = client.get("/")
    assert 'href="/forum/"' in home.text
    assert "Active discussions" in home.text and "A lively exchange" in home.text


def test_site_search_finds_topics_visitors_may_see_only(client):
    from django.contrib.auth.models import Group

    f.topic(title="Portability of qualifications", body="Certification across borders")
    hidden = f.category(read_group=Group.objects.create(name="Closed"))
    f.topic(title="Portability secrets", cat=hidden, author=f.moderator())
    text = client.get(reverse("search:index"), {"q": "portability"}).text
    assert "Portability of qualifications" in text
    assert "Portability secrets" not in text


def test_sitemap_lists_public_categories_only(client):
    from django.contrib.auth.models import Group

    f.category(slug="open-room")
    f.category(slug="closed-room", read_group=Group.objects.create(name="Closed"))
    text = client.get("/sitemap.xml").text
    assert "/forum/c/open-room/" in text and "/forum/c/closed-room/" not in text


def test_profile_activity_export_and_erasure():
    author = f.established()
    topic = f.topic(author=author, title="My first question")
    reader = f.established()
    items = recent_activity(profile=author.profile, viewer=reader)
    assert [item.title for item in items if item.url.startswith("/forum/")] == [topic.title]
    export = collect_export_sections(author)["forum"]
    assert export["posts"][0]["topic"] == "My first question"
    from portal.members.erasure import erase_member_data

    erase_member_data(author)
    assert not author.forum_topic_states.exists()
    assert Post.objects.filter(author=author).exists()  # written content stays
