"""Replies, direct replies and @mentions reach members through the notification centre,
according to each member's level for the topic."""

import pytest

from portal.forum import services
from portal.forum.enums import NotificationLevel
from portal.members.notifications.models import Notification
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


def verbs_for(user):
    return list(Notification.objects.filter(recipient=user).values_list("verb", flat=True))


def test_author_watches_their_topic_and_hears_of_each_reply_grouped():
    author, replier = f.established(), f.established()
    topic = f.topic(author=author)
    services.post_create(author=replier, topic=topic, body="One", check_rate=False)
    services.post_create(author=replier, topic=topic, body="Two", check_rate=False)
    [notice] = Notification.objects.filter(recipient=author)
    assert notice.verb == "forum.reply" and notice.count == 2


def test_mention_notifies_once_instead_of_reply():
    author, replier = f.established(), f.established()
    topic = f.topic(author=author)
    services.post_create(author=replier, topic=topic, body=f"Thanks @{author.username}!",
                         check_rate=False)
    assert verbs_for(author) == ["forum.mention"]


def test_mention_respects_blocks():
    from portal.members.network.services import block_create

    author, bystander = f.established(), f.established()
    block_create(blocker=bystander, blocked=author)
    topic = f.topic(author=author, body=f"Hello @{bystander.username}")
    assert topic.pk and verbs_for(bystander) == []


def test_direct_reply_notifies_a_normal_level_member():
    author, first, second = f.established(), f.established(), f.established()
    topic = f.topic(author=author)
    services.post_create(author=first, topic=topic, body="An idea", check_rate=False)
    services.topic_set_level(user=first, topic=topic, level=NotificationLevel.NORMAL)
    services.post_create(author=second, topic=topic, body="Good idea", reply_to_number=2,
                         check_rate=False)
    assert verbs_for(first) == ["forum.replied"]


def test_muted_member_hears_nothing():
    author, replier = f.established(), f.established()
    topic = f.topic(author=author)
    services.topic_set_level(user=author, topic=topic, level=NotificationLevel.MUTED)
    services.post_create(author=replier, topic=topic, body=f"@{author.username} hi",
                         reply_to_number=1, check_rate=False)
    assert verbs_for(author) == []


def test_watching_member_hears_of_replies_tracking_does_not():
    author, watcher, tracker = f.established(), f.established(), f.established()
    topic = f.topic(author=author)
    services.topic_set_level(user=watcher, topic=topic, level=NotificationLevel.WATCHING)
    services.topic_set_level(user=tracker, topic=topic, level=NotificationLevel.TRACKING)
    services.post_create(author=author, topic=topic, body="Update", check_rate=False)
    assert verbs_for(watcher) == ["forum.reply"]
    assert verbs_for(tracker) == []


def test_pending_post_notifies_only_once_approved():
    author = f.established()
    topic = f.topic(author=author)
    post = services.post_create(author=f.newcomer(), topic=topic, body="New here")
    assert verbs_for(author) == []
    services.post_approve(moderator=f.moderator(), post=post)
    assert verbs_for(author) == ["forum.reply"]


def test_accepted_answer_tells_its_author():
    author, helper = f.established(), f.established()
    topic = f.topic(author=author, replies=1, repliers=[helper])
    services.answer_accept(user=author, topic=topic, post=topic.posts.get(number=2))
    assert verbs_for(helper) == ["forum.accepted"]
