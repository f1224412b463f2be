"""Split, merge and silence: counters, numbers and reading positions stay right, every
action is logged, and only moderators may do it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.forum import restructure, selectors, services
from portal.forum.models import Category, ModerationLog, Post, Topic, TopicUser
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _numbers(topic) -> list[tuple[int, str]]:
    return list(Post.objects.filter(topic=topic).order_by("number").values_list("number", "body"))


def _position(user, topic) -> int:
    return TopicUser.objects.get(user=user, topic=topic).last_read_number


def test_split_moves_replies_renumbers_both_topics_and_keeps_counters():
    replier = f.established()
    topic = f.topic(title="Mixed bag", replies=5, repliers=[replier])
    services.post_create(author=replier, topic=topic, body="On #4", reply_to_number=4,
                         check_rate=False)
    reader = f.established()
    services.read_position_advance(user=reader, topic=topic, number=4)  # read #1..#4
    other = f.category(name="Elsewhere")
    new = restructure.topic_split(moderator=f.moderator(), topic=topic, numbers=["3", "4", "7"],
                                  title="Reply 3 and 4, split", category=other)
    topic.refresh_from_db()
    new.refresh_from_db()
    assert _numbers(new) == [(1, "Reply 2"), (2, "Reply 3"), (3, "On #4")]
    assert _numbers(topic) == [(1, "How do you recognise prior learning?"), (2, "Reply 1"),
                               (3, "Reply 4"), (4, "Reply 5")]
    assert (topic.post_count, topic.highest_post_number) == (4, 4)
    assert (new.post_count, new.highest_post_number, new.author_id) == (3, 3, replier.pk)
    assert new.category == other and new.first_post_body == "Reply 2"
    # "On #4" answered #4 (Reply 3), now #2 of the new topic.
    assert Post.objects.get(topic=new, number=3).reply_to_number == 2
    # The reader had read #1–#4: #1, #2 stay read in the old topic; Reply 2 and 3 in the new.
    assert _position(reader, topic) == 2 and _position(reader, new) == 2
    source_cat, other = Category.objects.get(pk=topic.category_id), Category.objects.get(
        pk=other.pk)
    assert (source_cat.topic_count, source_cat.post_count) == (1, 4)
    assert (other.topic_count, other.post_count) == (1, 3)
    entry = ModerationLog.objects.get(action="split")
    assert entry.topic == new and "Mixed bag" in entry.note


def test_split_needs_replies_and_a_title():
    topic = f.topic(replies=1)
    moderator = f.moderator()
    with pytest.raises(services.ForumError):
        restructure.topic_split(moderator=moderator, topic=topic, numbers=[1], title="x",
                                category=topic.category)
    with pytest.raises(services.ForumError):
        restructure.topic_split(moderator=moderator, topic=topic, numbers=[2], title=" ",
                                category=topic.category)
    with pytest.raises(services.ForumError):
        restructure.topic_split(moderator=f.established(), topic=topic, numbers=[2],
                                title="Mine now", category=topic.category)


def test_merge_appends_posts_and_keeps_reading_positions():
    cat_a, cat_b = f.category(), f.category()
    target = f.topic(cat=cat_a, title="Main thread", replies=2)
    source = f.topic(cat=cat_b, title="Duplicate", replies=1)
    both, only_source = f.established(), f.established()
    services.read_position_advance(user=both, topic=target, number=3)
    services.read_position_advance(user=both, topic=source, number=2)
    services.read_position_advance(user=only_source, topic=source, number=2)
    restructure.topic_merge(moderator=f.moderator(), source=source, target=target)
    target.refresh_from_db()
    source.refresh_from_db()
    assert [number for number, _body in _numbers(target)] == [1, 2, 3, 4, 5]
    assert _numbers(target)[3][1] == "How do you recognise prior learning?"
    assert (target.post_count, target.highest_post_number) == (5, 5)
    assert source.deleted_at and source.merged_into_id == target.pk
    assert _position(both, target) == 5  # read everything of both: nothing unread
    assert _position(only_source, target) == 0
    assert not TopicUser.objects.filter(topic=source).exists()
    cat_a.refresh_from_db()
    cat_b.refresh_from_db()
    assert (cat_a.topic_count, cat_a.post_count) == (1, 5)
    assert (cat_b.topic_count, cat_b.post_count) == (0, 0)
    assert ModerationLog.objects.get(action="merge").topic == target
    assert list(selectors.latest_topics(both)) == [target]


def test_merge_refuses_a_webinar_topic_as_source():
    webinar = services.topic_for_object(key="webinar:1", title="Webinar talk", body="Hello")
    other = f.topic()
    with pytest.raises(services.ForumError):
        restructure.topic_merge(moderator=f.moderator(), source=webinar, target=other)
    restructure.topic_merge(moderator=f.moderator(), source=other, target=webinar)


def test_merged_topic_address_leads_to_the_target(client):
    target, source = f.topic(title="Target"), f.topic(title="Source")
    restructure.topic_merge(moderator=f.moderator(), source=source, target=target)
    response = client.get(source.get_absolute_url())
    assert response.status_code == 301 and response.url == target.get_absolute_url()


@pytest.mark.parametrize("role", ["visitor", "member", "author"])
def test_only_moderators_split_merge_and_silence(client, role):
    topic = f.topic(replies=2)
    other = f.topic()
    if role == "member":
        login(client, f.established())
    elif role == "author":
        login(client, topic.author)
    split = client.post(reverse("forum:topic_split", args=[topic.pk]),
                        {"posts": ["2"], "title": "New", "category": topic.category_id})
    merge = client.post(reverse("forum:topic_merge", args=[topic.pk]), {"target": str(other.pk)})
    silence = client.post(reverse("forum:member_silence", args=[topic.author_id]), {"days": 7})
    expected = 302 if role == "visitor" else 404
    assert (split.status_code, merge.status_code, silence.status_code) == (expected,) * 3
    assert Topic.objects.count() == 2 and Post.objects.filter(topic=topic).count() == 3
    topic.author.profile.refresh_from_db()
    assert topic.author.profile.silenced_until is None


def test_moderator_splits_and_merges_through_the_topic_page(client):
    topic = f.topic(title="Long thread", replies=3)
    other = f.topic(title="Other thread")
    login(client, f.moderator())
    page = client.get(topic.get_absolute_url())
    assert 'form="split-form"' in page.text and "Merge this topic into another" in page.text
    response = client.post(reverse("forum:topic_split", args=[topic.pk]),
                           {"posts": ["3", "4"], "title": "Side question",
                            "category": topic.category_id})
    new = Topic.objects.get(title="Side question")
    assert response.url == new.get_absolute_url() and new.post_count == 2
    bad = client.post(reverse("forum:topic_merge", args=[new.pk]), {"target": "somewhere"})
    assert bad.status_code == 302 and Topic.objects.get(pk=new.pk).deleted_at is None
    merged = client.post(reverse("forum:topic_merge", args=[new.pk]),
                         {"target": f"https://example.org{other.get_absolute_url()}"})
    assert merged.url == other.get_absolute_url()
    other.refresh_from_db()
    assert other.post_count == 3


def test_silenced_member_reads_but_cannot_post_and_is_told_why(client):
    topic = f.topic()
    member = f.established()
    moderator = f.moderator()
    login(client, moderator)
    response = client.post(reverse("forum:member_silence", args=[member.pk]),
                           {"days": 3, "note": "Please cool down."})
    assert response.status_code == 302
    member.profile.refresh_from_db()
    assert member.profile.silenced_until > timezone.now() + timedelta(days=2)
    assert any("Please cool down." in message.body for message in mail.outbox)
    assert ModerationLog.objects.filter(action="silence").exists()
    client.logout()
    login(client, member)
    page = client.get(topic.get_absolute_url())
    assert page.status_code == 200 and "Post the reply" not in page.text
    assert "silenced you until" in page.text
    client.post(reverse("forum:reply", args=[topic.pk]), {"body": "Let me speak"})
    assert topic.posts.count() == 1
    with pytest.raises(services.ForumError, match="silenced"):
        services.topic_create(author=member, category=topic.category, title="t", body="b")
    new = client.get(reverse("forum:topic_new", args=[topic.category.slug]), follow=True)
    assert "silenced you until" in new.text


def test_silence_does_not_stop_messages_and_can_be_lifted(client):
    from portal.members.moderation.rules import can_post, can_speak

    member, moderator = f.established(), f.moderator()
    restructure.member_silence_in_forum(moderator=moderator, member=member, days=1)
    member.profile.refresh_from_db()
    assert can_post(member) and not can_speak(member)
    login(client, moderator)
    client.post(reverse("forum:member_silence", args=[member.pk]), {"lift": "1"})
    member.profile.refresh_from_db()
    assert can_speak(member)
    assert ModerationLog.objects.filter(action="unsilence").exists()


def test_moderators_cannot_be_silenced_and_bad_input_rerenders():
    with pytest.raises(services.ForumError):
        restructure.member_silence_in_forum(moderator=f.moderator(), member=f.moderator(),
                                            days=3)
    with pytest.raises(services.ForumError):
        restructure.member_silence_in_forum(moderator=f.moderator(), member=f.established(),
                                            days=5)


def test_silence_form_rejects_an_unknown_length(client):
    login(client, f.moderator())
    member = f.established()
    response = client.post(reverse("forum:member_silence", args=[member.pk]), {"days": "5"})
    assert response.status_code == 400 and "errorlist" in response.text
