"""/forum/top/: the most active topics of a period, for what the reader may see."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from portal.forum import selectors, services
from portal.forum.models import Topic
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _titles(response) -> list[str]:
    return [topic.title for topic in response.context["topics"]]


def test_top_ranks_by_replies_and_reactions():
    quiet = f.topic(title="Quiet")
    busy = f.topic(title="Busy", replies=3, repliers=[f.established()])
    liked = f.topic(title="Liked", replies=1, repliers=[f.established()])
    reply = liked.posts.get(number=2)
    for _index in range(5):
        services.reaction_toggle(user=f.established(), post=reply, kind="like")
    ranked = list(selectors.top_topics(f.established(), "month"))
    # A reply weighs two reactions: 1 reply + 5 reactions beat 3 replies.
    assert [(topic.pk, topic.score) for topic in ranked] == [(liked.pk, 7), (busy.pk, 6),
                                                             (quiet.pk, 0)]


def test_top_period_excludes_older_topics(client):
    old = f.topic(title="Older question", replies=5)
    Topic.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    f.topic(title="Recent question")
    week = client.get(reverse("forum:top"), {"period": "week"})
    assert _titles(week) == ["Recent question"]
    year = client.get(reverse("forum:top"), {"period": "year"})
    assert _titles(year) == ["Older question", "Recent question"]
    assert "Older question" in client.get(reverse("forum:top"), {"period": "all"}).text


def test_top_unknown_period_falls_back_to_the_month(client):
    f.topic(title="Fresh")
    response = client.get(reverse("forum:top"), {"period": "decade"})
    assert response.status_code == 200 and response.context["period"] == "month"


def test_top_hides_restricted_categories_and_deleted_topics(client):
    insiders = Group.objects.create(name="Insiders")
    secret = f.category(read_group=insiders)
    f.topic(title="Secret plans", cat=secret, author=f.moderator())
    gone = f.topic(title="Deleted topic")
    services.post_delete(user=gone.author, post=gone.posts.get(number=1))
    f.topic(title="Open topic")
    assert _titles(client.get(reverse("forum:top"))) == ["Open topic"]
    insider = f.established()
    insider.groups.add(insiders)
    login(client, insider)
    assert set(_titles(client.get(reverse("forum:top")))) == {"Open topic", "Secret plans"}


def test_top_does_not_count_reactions_on_hidden_posts():
    topic = f.topic(title="Flagged", replies=1, repliers=[f.established()])
    reply = topic.posts.get(number=2)
    services.reaction_toggle(user=f.established(), post=reply, kind="like")
    services.post_hide(moderator=f.moderator(), post=reply)
    ranked = selectors.top_topics(f.established(), "week").get(pk=topic.pk)
    assert ranked.reaction_total == 0 and ranked.score == 0


def test_top_is_linked_from_the_forum_tabs_and_speaks_french(client):
    page = client.get(reverse("forum:latest"))
    assert f'href="{reverse("forum:top")}"' in page.text
    french = client.get("/fr/forum/top/", {"period": "week"})
    assert french.status_code == 200 and "Cette semaine" in french.text


@pytest.mark.parametrize("rows", [1, 30])
def test_top_query_count_is_constant(client, django_assert_max_num_queries, rows):
    repliers = [f.established() for _index in range(3)]
    for index in range(rows):
        topic = f.topic(title=f"Topic {index}", replies=2, repliers=repliers)
        services.reaction_toggle(user=repliers[1], post=topic.posts.get(number=2), kind="like")
    reader = f.established()
    login(client, reader)
    client.get(reverse("forum:top"))
    with django_assert_max_num_queries(13):
        response = client.get(reverse("forum:top"), {"period": "all"})
    assert len(response.context["topics"]) == rows
