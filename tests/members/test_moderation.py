"""Reports, the moderators' queue in the Wagtail admin, and suspension."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.members.messaging import services as messaging
from portal.members.moderation import services
from portal.members.moderation.models import Report, ReportStatus
from portal.members.moderation.rules import SuspendedError, can_post
from portal.members.network.services import connection_accept, connection_request
from tests.factories.members import member

pytestmark = pytest.mark.django_db


def moderator():
    user = member(display_name="Mod")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def established(**fields):
    user = member(**fields)
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def conversation():
    alice, bob = established(display_name="Alice"), established(display_name="Bob")
    connection_accept(user=bob, connection=connection_request(requester=alice, addressee=bob))
    thread = messaging.conversation_start(sender=bob, recipients=[alice], body="Buy my pills")
    return alice, bob, thread


def test_reporting_twice_while_open_keeps_one_report():
    alice, bob = member(), member()

    first = services.report_create(reporter=alice, member=bob, reason="spam")
    second = services.report_create(reporter=alice, member=bob, reason="spam")

    assert first.pk == second.pk and Report.objects.count() == 1


def test_cannot_report_oneself_or_without_a_reason():
    alice = member()
    with pytest.raises(services.ModerationError):
        services.report_create(reporter=alice, member=alice, reason="spam")
    with pytest.raises(services.ModerationError):
        services.report_create(reporter=alice, member=member(), reason="because")


def test_only_a_participant_reports_a_message_and_its_text_is_kept(conversation):
    alice, bob, thread = conversation
    message = thread.messages.get()

    with pytest.raises(services.ModerationError):
        services.report_message(reporter=member(), message=message, reason="spam")
    report = services.report_message(reporter=alice, message=message, reason="spam")

    assert report.member == bob and report.area == "message"
    assert report.excerpt == "Buy my pills"


def test_suspension_blocks_writes_until_it_ends_and_tells_the_member(conversation):
    alice, bob, thread = conversation
    report = services.report_message(reporter=alice, message=thread.messages.get(), reason="spam")
    mail.outbox.clear()

    assert services.report_decide(report=report, moderator=moderator(), decision="suspend", days=7,
                                  note="Please stop.")

    bob.refresh_from_db()
    assert not can_post(bob)
    with pytest.raises(SuspendedError):
        messaging.message_send(sender=bob, conversation=thread, body="again")
    assert mail.outbox[-1].to == [bob.email]
    assert "suspended" in mail.outbox[-1].subject and "Please stop." in mail.outbox[-1].body
    bob.profile.suspended_until = timezone.now() - timedelta(seconds=1)
    bob.profile.save()
    assert can_post(bob)


def test_ban_closes_the_account(conversation):
    alice, bob, _thread = conversation
    report = services.report_create(reporter=alice, member=bob, reason="harassment")

    services.report_decide(report=report, moderator=moderator(), decision="ban")

    bob.refresh_from_db()
    assert not bob.is_active
    assert "closed" in mail.outbox[-1].subject


def test_warn_emails_and_dismiss_does_not():
    alice, bob = member(), member()
    warned = services.report_create(reporter=alice, member=bob, reason="spam")
    services.report_decide(report=warned, moderator=moderator(), decision="warn")
    assert "warning" in mail.outbox[-1].subject
    count = len(mail.outbox)

    dismissed = services.report_create(reporter=member(), member=bob, reason="other")
    services.report_decide(report=dismissed, moderator=moderator(), decision="dismiss")

    assert len(mail.outbox) == count
    dismissed.refresh_from_db()
    assert dismissed.status == ReportStatus.DISMISSED


def test_second_decision_on_the_same_report_changes_nothing():
    report = services.report_create(reporter=member(), member=member(), reason="spam")
    first, second = moderator(), moderator()

    assert services.report_decide(report=report, moderator=first, decision="warn") is True
    assert services.report_decide(report=report, moderator=second, decision="ban") is False
    report.refresh_from_db()
    assert report.status == ReportStatus.WARNED and report.member.is_active


def test_only_moderators_decide_and_suspension_needs_a_length():
    report = services.report_create(reporter=member(), member=member(), reason="spam")

    with pytest.raises(services.ModerationError):
        services.report_decide(report=report, moderator=member(), decision="warn")
    with pytest.raises(services.ModerationError):
        services.report_decide(report=report, moderator=moderator(), decision="suspend", days=None)


# Views -----------------------------------------------------------------------------------

def test_member_reports_a_profile_through_the_form(client):
    alice, bob = member(), member(display_name="Bob")
    client.force_login(alice)

    page = client.get(reverse("members:report", args=[bob.profile.pk]))
    assert page.status_code == 200 and b"Report Bob" in page.content
    bad = client.post(reverse("members:report", args=[bob.profile.pk]), {"reason": ""})
    assert bad.status_code == 200 and bad.context["form"].errors
    client.post(reverse("members:report", args=[bob.profile.pk]),
                {"reason": "impersonation", "details": "Not the real Bob"})

    assert Report.objects.get().details == "Not the real Bob"


def test_visitor_cannot_report(client):
    assert client.get(reverse("members:report", args=[member().profile.pk])).status_code == 302


def test_outsider_cannot_report_a_message(conversation, client):
    _alice, _bob, thread = conversation
    client.force_login(member())

    response = client.get(reverse("conversations:report", args=[thread.messages.get().pk]))

    assert response.status_code == 404


def test_reported_message_is_shown_to_moderators_only_with_the_report(conversation, client):
    alice, _bob, thread = conversation
    report = services.report_message(reporter=alice, message=thread.messages.get(), reason="spam")
    client.force_login(moderator())

    queue = client.get(reverse("members_moderation:queue"))
    detail = client.get(reverse("members_moderation:decide", args=[report.pk]))

    assert queue.status_code == 200 and b"Bob" in queue.content
    assert b"Buy my pills" in detail.content
    assert client.get(thread.get_absolute_url()).status_code == 404


def test_moderator_decides_in_the_admin(conversation, client):
    alice, bob, _thread = conversation
    report = services.report_create(reporter=alice, member=bob, reason="spam")
    client.force_login(moderator())

    bad = client.post(reverse("members_moderation:decide", args=[report.pk]), {"decision": "suspend"})
    assert bad.status_code == 200 and bad.context["form"].errors
    client.post(reverse("members_moderation:decide", args=[report.pk]),
                {"decision": "suspend", "days": "3"})

    bob.profile.refresh_from_db()
    assert bob.profile.suspended_until > timezone.now() + timedelta(days=2)


@pytest.mark.parametrize("role", ["member", "editor"])
def test_queue_is_for_moderators_only(client, role):
    user = member()
    if role == "editor":
        user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)

    response = client.get(reverse("members_moderation:queue"))

    assert response.status_code in (302, 403)


def test_queue_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _number in range(15):
        services.report_create(reporter=member(), member=member(), reason="spam")
    client.force_login(moderator())

    with django_assert_max_num_queries(30):
        response = client.get(reverse("members_moderation:queue"))
    assert response.status_code == 200


def test_moderator_lifts_a_suspension_and_others_cannot(client):
    suspended = member(suspended_until=timezone.now() + timedelta(days=5))
    url = reverse("members_moderation:lift", args=[suspended.pk])
    client.force_login(member())
    assert client.post(url).status_code in (302, 403)
    suspended.profile.refresh_from_db()
    assert suspended.profile.suspended_until is not None

    client.force_login(moderator())
    assert client.get(url).status_code == 405
    client.post(url, {"next": "https://evil.example.com/"})

    suspended.profile.refresh_from_db()
    assert suspended.profile.suspended_until is None
    assert can_post(suspended)


def test_banned_member_cannot_log_in(client):
    from tests.factories.members import PASSWORD

    bob = member()
    report = services.report_create(reporter=member(), member=bob, reason="harassment")
    services.report_decide(report=report, moderator=moderator(), decision="ban")

    assert not client.login(username=bob.username, password=PASSWORD)
