"""A post keeps the language its author wrote in, and pages mark it, whatever the reader's."""

import pytest
from django.urls import reverse
from django.utils import translation

from portal.forum.models import Post, Topic
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


def test_posts_keep_and_show_the_language_they_were_written_in(client):
    from django.test import Client

    writer, replier = f.established(), f.established()
    category = f.category()
    assert client.login(username=writer.username, password=PASSWORD)
    client.post("/fr" + reverse("forum:topic_new", args=[category.slug]),
                {"title": "Reconnaissance des acquis", "body": "Quelle **démarche** suivre ?"})
    topic = Topic.objects.get(title="Reconnaissance des acquis")
    english = Client()
    assert english.login(username=replier.username, password=PASSWORD)
    with translation.override("en"):  # the French request left French active in this thread
        english.post(reverse("forum:reply", args=[topic.pk]), {"body": "The Kenyan process."})

    languages = dict(Post.objects.filter(topic=topic).values_list("number", "language"))
    assert languages == {1: "fr", 2: "en"}
    page = client.get(topic.get_absolute_url()).content.decode()
    assert 'forum-post__body" lang="fr"><p>Quelle <strong>démarche</strong>' in page
    assert 'forum-post__body" lang="en"><p>The Kenyan process.' in page


def test_posts_from_before_have_no_language_and_no_mark(client):
    topic = f.topic(title="An older discussion")
    Post.objects.filter(topic=topic).update(language="")
    page = client.get(topic.get_absolute_url()).content.decode()
    assert 'forum-post__body">' in page
