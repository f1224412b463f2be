"""Decisions in the shared reports queue act on the flagged forum post."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.forum import services
from portal.forum.enums import HiddenReason
from portal.members.moderation import services as moderation
from portal.members.moderation.models import Report, ReportStatus
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _flagged_reply(flags: int = 1):
    author = f.established()
    topic = f.topic(replies=1, repliers=[author])
    post = topic.posts.get(number=2)
    for _index in range(flags):
        services.post_flag(user=f.established(), post=post, reason="spam")
    post.refresh_from_db()
    return post


def test_hide_decision_hides_the_post_and_shows_the_reason_to_its_author(client):
    post = _flagged_reply()
    report = Report.objects.get(target_id=str(post.pk))
    moderator = f.moderator()
    assert "hide" in moderation.decisions_for(report)
    login(client, moderator)
    client.post(reverse("members_moderation:decide", args=[report.pk]),
                {"decision": "hide", "note": "Advertising is not allowed here."})
    post.refresh_from_db()
    report.refresh_from_db()
    assert report.status == ReportStatus.HIDDEN
    assert post.hidden_reason == HiddenReason.MODERATOR
    assert post.hidden_note == "Advertising is not allowed here."
    post.topic.refresh_from_db()
    assert post.topic.post_count == 1
    assert any("hid it" in message.body for message in mail.outbox)
    assert post.author.profile.suspended_until is None
    client.logout()
    login(client, post.author)
    own = client.get(post.topic.get_absolute_url())
    assert "Reason: Advertising is not allowed here." in own.text
    client.logout()
    login(client, f.established())
    other = client.get(post.topic.get_absolute_url())
    assert "hidden by a moderator" in other.text and "Advertising is not" not in other.text


def test_dismiss_restores_a_post_hidden_by_flags(settings):
    settings.FORUM_FLAGS_TO_HIDE = 2
    post = _flagged_reply(flags=2)
    assert post.hidden_reason == HiddenReason.FLAGS
    report = Report.objects.filter(target_id=str(post.pk)).first()
    moderation.report_decide(report=report, moderator=f.moderator(), decision="dismiss")
    post.refresh_from_db()
    assert post.hidden_reason == "" and post.flag_count == 0
    post.topic.refresh_from_db()
    assert post.topic.post_count == 2


def test_dismiss_leaves_a_post_a_moderator_hid():
    post = _flagged_reply()
    moderator = f.moderator()
    services.post_hide(moderator=moderator, post=post, note="Off-topic")
    report = Report.objects.get(target_id=str(post.pk))
    moderation.report_decide(report=report, moderator=f.moderator(), decision="dismiss")
    post.refresh_from_db()
    assert post.hidden_reason == HiddenReason.MODERATOR


def test_silence_decision_silences_and_hides(settings):
    post = _flagged_reply()
    report = Report.objects.get(target_id=str(post.pk))
    moderation.report_decide(report=report, moderator=f.moderator(), decision="silence", days=7)
    post.refresh_from_db()
    post.author.profile.refresh_from_db()
    assert post.hidden_reason == HiddenReason.MODERATOR
    assert post.author.profile.silenced_until is not None
    with pytest.raises(services.ForumError):
        services.post_create(author=post.author, topic=post.topic, body="again",
                             check_rate=False)


def test_hide_is_not_offered_for_a_report_about_a_member():
    from tests.factories.members import member

    report = moderation.report_create(reporter=member(), member=member(), reason="spam")
    assert "hide" not in moderation.decisions_for(report)
    with pytest.raises(moderation.ModerationError):
        moderation.report_decide(report=report, moderator=f.moderator(), decision="hide")
