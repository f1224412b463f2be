"""Topics, posts and their counters; reading positions; edits, deletes, flags and moderation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.forum import selectors, services
from portal.forum.enums import HiddenReason, NotificationLevel, PostStatus
from portal.forum.models import Category, ModerationLog, Post, Topic, TopicUser
from portal.members.moderation.models import Report
from tests.factories import forum as f

pytestmark = pytest.mark.django_db


def test_topic_create_counts_topic_and_post_in_category():
    cat = f.category()
    topic = f.topic(cat=cat, replies=2, repliers=[f.established()])
    cat.refresh_from_db()
    assert (cat.topic_count, cat.post_count) == (1, 3)
    assert (topic.post_count, topic.highest_post_number, topic.reply_count) == (3, 3, 2)
    assert list(topic.posts.values_list("number", flat=True)) == [1, 2, 3]


def test_post_numbers_continue_after_a_deleted_post():
    author = f.established()
    topic = f.topic(author=author, replies=1)
    services.post_delete(user=author, post=topic.posts.get(number=2))
    post = services.post_create(author=author, topic=topic, body="Again", check_rate=False)
    topic.refresh_from_db()
    assert post.number == 3
    assert topic.post_count == 2


def test_read_position_moves_forward_only():
    reader = f.established()
    topic = f.topic(replies=4)
    services.read_position_advance(user=reader, topic=topic, number=4)
    services.read_position_advance(user=reader, topic=topic, number=2)
    assert TopicUser.objects.get(user=reader, topic=topic).last_read_number == 4


def test_unread_counts_posts_past_the_reading_position_of_tracked_topics():
    reader, other = f.established(), f.established()
    topic = f.topic(author=other)
    services.post_create(author=reader, topic=topic, body="Me too", check_rate=False)
    services.post_create(author=other, topic=topic, body="One", check_rate=False)
    services.post_create(author=other, topic=topic, body="Two", check_rate=False)
    [row] = selectors.decorate(selectors.latest_topics(reader), reader)
    assert row.unread == 2
    assert list(selectors.unread_topics(reader)) == [topic]


def test_topic_never_opened_is_new_and_old_ones_count_as_read():
    reader = f.established()
    fresh = f.topic(title="Fresh")
    old = f.topic(title="Old")
    long_ago = timezone.now() - timedelta(days=400)
    Topic.objects.filter(pk=old.pk).update(created_at=long_ago, last_post_at=long_ago)
    rows = {t.title: t for t in selectors.decorate(selectors.latest_topics(reader), reader)}
    assert rows["Fresh"].is_new and not rows["Old"].is_new
    assert list(selectors.unread_topics(reader)) == [fresh]


def test_topics_before_the_member_joined_count_as_read():
    topic = f.topic()
    Topic.objects.filter(pk=topic.pk).update(created_at=timezone.now() - timedelta(days=2),
                                             last_post_at=timezone.now() - timedelta(days=2))
    newcomer = f.newcomer()
    assert list(selectors.unread_topics(newcomer)) == []


def test_edit_after_grace_period_keeps_a_revision():
    author = f.established()
    topic = f.topic(author=author)
    post = topic.posts.get(number=1)
    services.post_edit(editor=author, post=post, body="Quick fix")
    assert post.revisions.count() == 0
    later = post.created_at + timedelta(minutes=6)
    services.post_edit(editor=author, post=post, body="Second thoughts", at=later)
    assert post.revisions.get().body == "Quick fix"
    assert post.edit_count == 1


def test_delete_first_post_deletes_the_topic_and_restore_brings_it_back():
    cat = f.category()
    author = f.established()
    topic = f.topic(author=author, cat=cat)
    first = topic.posts.get(number=1)
    services.post_delete(user=author, post=first)
    cat.refresh_from_db()
    assert cat.topic_count == 0 and cat.post_count == 0
    assert list(selectors.latest_topics(author)) == []
    services.post_restore(user=author, post=first)
    cat.refresh_from_db()
    assert (cat.topic_count, cat.post_count) == (1, 1)


def test_flags_from_enough_members_hide_the_post_and_feed_the_reports_queue(settings):
    settings.FORUM_FLAGS_TO_HIDE = 2
    topic = f.topic(replies=1)
    post = topic.posts.get(number=2)
    services.post_flag(user=f.established(), post=post, reason="spam")
    post.refresh_from_db()
    assert not post.hidden_reason
    services.post_flag(user=f.established(), post=post, reason="spam")
    post.refresh_from_db()
    topic.refresh_from_db()
    assert post.hidden_reason == HiddenReason.FLAGS
    assert topic.post_count == 1
    assert Report.objects.filter(area="forum", target_id=str(post.pk)).count() == 2


def test_moderator_actions_are_logged():
    mod = f.moderator()
    topic = f.topic(replies=1)
    other = f.category()
    post = topic.posts.get(number=2)
    services.post_hide(moderator=mod, post=post)
    services.post_unhide(moderator=mod, post=post)
    services.topic_lock(moderator=mod, topic=topic)
    services.topic_pin(moderator=mod, topic=topic)
    services.topic_close(moderator=mod, topic=topic)
    services.topic_move(moderator=mod, topic=topic, category=other)
    assert set(ModerationLog.objects.values_list("action", flat=True)) == {
        "hide", "unhide", "lock", "pin", "close", "move"}
    other.refresh_from_db()
    assert (other.topic_count, other.post_count) == (1, 2)
    topic.refresh_from_db()
    assert topic.category_id == other.pk


def test_member_cannot_moderate():
    topic = f.topic()
    with pytest.raises(services.ForumError):
        services.topic_lock(moderator=f.established(), topic=topic)


def test_suspended_member_cannot_post():
    author = f.established()
    author.profile.suspended_until = timezone.now() + timedelta(days=3)
    author.profile.save()
    with pytest.raises(services.ForumError, match="suspended"):
        services.topic_create(author=author, category=f.category(), title="T", body="B")


def test_new_members_first_posts_wait_for_approval():
    cat = f.category()
    newcomer = f.newcomer()
    topic = services.topic_create(author=newcomer, category=cat, title="Hello", body="Hi all")
    cat.refresh_from_db()
    assert not topic.is_visible and cat.topic_count == 0
    assert list(selectors.latest_topics(f.established())) == []
    services.post_approve(moderator=f.moderator(), post=topic.posts.get())
    cat.refresh_from_db()
    assert (cat.topic_count, cat.post_count) == (1, 1)
    assert Post.objects.get(topic=topic).status == PostStatus.PUBLISHED


def test_new_member_rate_limit_is_stricter(settings):
    settings.FORUM_NEW_MEMBER_RATE = (1, 600)
    topic = f.topic()
    newcomer = f.newcomer()
    services.post_create(author=newcomer, topic=topic, body="One")
    with pytest.raises(services.ForumError, match="too fast"):
        services.post_create(author=newcomer, topic=topic, body="Two")


def test_locked_topic_refuses_replies_but_not_moderators():
    mod = f.moderator()
    topic = f.topic()
    services.topic_lock(moderator=mod, topic=topic)
    topic.refresh_from_db()
    with pytest.raises(services.ForumError):
        services.post_create(author=f.established(), topic=topic, body="Late", check_rate=False)
    assert services.post_create(author=mod, topic=topic, body="Note", check_rate=False).number == 2


def test_group_only_category_is_hidden_from_others():
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Trainers")
    insider, outsider = f.established(), f.established()
    insider.groups.add(group)
    cat = f.category(read_group=group)
    f.topic(cat=cat, author=insider)
    assert selectors.latest_topics(outsider).count() == 0
    assert selectors.latest_topics(insider).count() == 1
    with pytest.raises(services.ForumError):
        services.topic_create(author=outsider, category=cat, title="T", body="B")


def test_moderators_only_category_refuses_member_topics_but_accepts_replies():
    cat = f.category(moderators_only=True)
    mod, someone = f.moderator(), f.established()
    with pytest.raises(services.ForumError):
        services.topic_create(author=someone, category=cat, title="T", body="B")
    topic = f.topic(author=mod, cat=cat)
    assert services.post_create(author=someone, topic=topic, body="Thanks",
                                check_rate=False).number == 2


def test_reactions_toggle_and_accepted_answer():
    author, helper = f.established(), f.established()
    topic = f.topic(author=author, replies=1, repliers=[helper])
    answer = topic.posts.get(number=2)
    assert services.reaction_toggle(user=author, post=answer, kind="thanks") is True
    assert services.reaction_toggle(user=author, post=answer, kind="thanks") is False
    with pytest.raises(services.ForumError):
        services.reaction_toggle(user=helper, post=answer, kind="like")
    with pytest.raises(services.ForumError):
        services.answer_accept(user=helper, topic=topic, post=answer)
    services.answer_accept(user=author, topic=topic, post=answer)
    topic.refresh_from_db()
    assert topic.accepted_post_id == answer.pk


def test_topic_for_object_is_created_once_in_the_webinars_category():
    first = services.topic_for_object(key="webinar:1", title="Discussion", body="Say hello")
    second = services.topic_for_object(key="webinar:1", title="Other", body="Other")
    assert first.pk == second.pk
    assert first.category.slug == "webinars"
    assert Category.objects.get(slug="webinars").topic_count == 1


def test_level_choice_is_not_overridden_by_replying():
    author, reader = f.established(), f.established()
    topic = f.topic(author=author)
    services.topic_set_level(user=reader, topic=topic, level=NotificationLevel.MUTED)
    services.post_create(author=reader, topic=topic, body="Quiet reply", check_rate=False)
    assert TopicUser.objects.get(user=reader, topic=topic).level == NotificationLevel.MUTED


def test_light_category_colour_is_refused_for_contrast():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Category(name="Pale", slug="pale", colour="#f0e68c").full_clean()
    Category(name="Dark", slug="dark", colour="#1f4e79").full_clean()


def test_moderator_edits_categories_in_the_admin(client):
    from tests.factories.members import PASSWORD

    mod = f.moderator()
    assert client.login(username=mod.username, password=PASSWORD)
    response = client.post("/admin/snippets/forum/category/add/", {
        "name": "Labour market information", "name_fr": "", "slug": "lmi", "description": "",
        "description_fr": "", "colour": "#1f4e79", "order": 5, "read_group": "",
    })
    assert response.status_code == 302
    assert Category.objects.filter(slug="lmi").exists()
    assert client.get("/admin/snippets/forum/moderationlog/").status_code == 200
