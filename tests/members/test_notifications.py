"""The notification centre: storing, grouping, counting, e-mail after a delay, digests,
one-click unsubscribe, and the webinars' use of it."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from portal.members.models import Block, Notification, NotificationInbox
from portal.members.notifications import notify
from portal.members.notifications import services as centre
from portal.members.notifications.mail import (
    digests_send_due,
    emails_send_due,
    unsubscribe,
    unsubscribe_token,
)
from portal.members.notifications.selectors import bell_state, notification_text, preferences_of
from tests.factories.members import member

pytestmark = pytest.mark.django_db


def unread_of(user) -> int:
    return bell_state(user.pk)[0]


def test_notify_stores_and_counts_one_unread():
    alice, bob = member(display_name="Alice"), member(display_name="Bob")

    notification = notify(recipient=alice, verb="connection.accepted", actor=bob, url="/members/")

    assert notification.recipient == alice and notification.kind == "network"
    assert unread_of(alice) == 1
    assert notification_text(notification) == "Bob accepted your connection request"


def test_grouped_verb_piles_up_in_one_row_with_a_plural_text():
    alice, bob, carol = member(), member(display_name="Bob"), member(display_name="Carol")
    target = carol.profile

    first = notify(recipient=alice, verb="message.received", actor=bob, target=target, title="Plans")
    second = notify(recipient=alice, verb="message.received", actor=carol, target=target, title="Plans")

    assert first.pk == second.pk
    second.refresh_from_db()
    assert second.count == 2
    assert unread_of(alice) == 1
    assert notification_text(second) == "2 new messages in “Plans”"


def test_group_starts_a_new_row_once_read():
    alice, bob = member(), member()
    first = notify(recipient=alice, verb="follow.started", actor=bob)
    centre.notifications_mark_read(user=alice, ids=[first.pk])

    second = notify(recipient=alice, verb="follow.started", actor=member())

    assert second.pk != first.pk
    assert unread_of(alice) == 1


def test_nothing_is_stored_for_oneself_an_inactive_account_or_a_blocked_actor():
    alice, bob = member(), member()
    Block.objects.create(blocker=alice, blocked=bob)
    inactive = member()
    inactive.is_active = False
    inactive.save()

    assert notify(recipient=alice, verb="follow.started", actor=alice) is None
    assert notify(recipient=alice, verb="follow.started", actor=bob) is None
    assert notify(recipient=inactive, verb="follow.started", actor=bob) is None
    assert not Notification.objects.exists()


def test_unknown_verb_is_refused():
    with pytest.raises(ValueError, match="Unknown notification verb"):
        notify(recipient=member(), verb="nothing.happened")


def test_marking_read_lowers_the_counter_once_even_when_repeated():
    alice = member()
    notes = [notify(recipient=alice, verb="connection.requested", actor=member(), group_key=f"g{i}")
             for i in range(3)]

    assert centre.notifications_mark_read(user=alice, ids=[notes[0].pk]) == 1
    assert centre.notifications_mark_read(user=alice, ids=[notes[0].pk]) == 0
    assert unread_of(alice) == 2
    assert centre.notifications_mark_read(user=alice) == 2
    assert unread_of(alice) == 0


def test_marking_another_members_notification_changes_nothing():
    alice, bob = member(), member()
    note = notify(recipient=alice, verb="follow.started", actor=member())

    assert centre.notifications_mark_read(user=bob, ids=[note.pk]) == 0
    assert unread_of(alice) == 1


def test_opening_the_target_marks_its_notifications_read():
    alice, bob = member(), member()
    notify(recipient=alice, verb="message.received", actor=bob, target=bob.profile)

    assert centre.notifications_mark_read_for_target(user=alice, target=bob.profile) == 1
    assert unread_of(alice) == 0


def test_version_changes_with_every_event():
    alice = member()
    notify(recipient=alice, verb="follow.started", actor=member())
    before = bell_state(alice.pk)[1]

    notify(recipient=alice, verb="follow.started", actor=member())

    assert bell_state(alice.pk)[1] > before


def test_recount_repairs_a_wrong_counter():
    alice = member()
    notify(recipient=alice, verb="follow.started", actor=member())
    NotificationInbox.objects.filter(user=alice).update(unread=9)

    assert centre.inbox_recount(user=alice) == 1
    assert unread_of(alice) == 1


# E-mail after a delay ---------------------------------------------------------------------

def test_email_waits_for_the_delay_then_goes_out_once_with_unsubscribe_headers():
    alice, bob = member(display_name="Alice"), member(display_name="Bob")
    start = timezone.now()
    notify(recipient=alice, verb="connection.requested", actor=bob, url="/members/network/", at=start)

    assert emails_send_due(at=start + timedelta(minutes=5)) == 0
    assert emails_send_due(at=start + timedelta(minutes=11)) == 1
    assert emails_send_due(at=start + timedelta(minutes=12)) == 0

    message = mail.outbox[-1]
    assert message.to == [alice.email]
    assert "Bob asked to connect with you" in message.subject
    assert "http://testserver/members/network/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<http://testserver/notifications/unsubscribe/")


def test_email_is_dropped_when_seen_on_the_site_meanwhile():
    alice = member()
    start = timezone.now()
    note = notify(recipient=alice, verb="follow.started", actor=member(), at=start)
    centre.notifications_mark_seen(user=alice, ids=[note.pk], at=start + timedelta(minutes=2))

    assert emails_send_due(at=start + timedelta(minutes=30)) == 0
    assert mail.outbox == []


def test_messages_piling_up_make_one_email_per_delay():
    alice, bob = member(), member()
    start = timezone.now()
    for minute in range(4):
        notify(recipient=alice, verb="message.received", actor=bob, target=bob.profile,
               title="Plans", at=start + timedelta(minutes=minute))

    assert emails_send_due(at=start + timedelta(minutes=11)) == 1
    notify(recipient=alice, verb="message.received", actor=bob, target=bob.profile,
           title="Plans", at=start + timedelta(minutes=12))
    assert emails_send_due(at=start + timedelta(minutes=15)) == 0  # not before 10 min after
    assert emails_send_due(at=start + timedelta(minutes=23)) == 1
    assert "5 new messages" in mail.outbox[-1].subject


def test_email_goes_out_in_the_members_language():
    alice = member(language="fr")
    start = timezone.now()
    notify(recipient=alice, verb="follow.started", actor=member(display_name="Bob"), at=start)

    emails_send_due(at=start + timedelta(minutes=11))

    assert "Bob vous suit" in mail.outbox[-1].subject


def test_never_sends_no_email_and_webinar_verbs_send_none_of_their_own():
    alice = member()
    centre.preferences_set(user=alice, frequencies={"network": "never"})
    start = timezone.now()
    notify(recipient=alice, verb="follow.started", actor=member(), at=start)
    notify(recipient=alice, verb="webinar.changed", target=alice.profile, title="W", at=start)

    assert emails_send_due(at=start + timedelta(hours=1)) == 0
    assert unread_of(alice) == 2


def test_choosing_a_digest_drops_pending_immediate_emails():
    alice = member()
    start = timezone.now()
    notify(recipient=alice, verb="follow.started", actor=member(), at=start)

    centre.preferences_set(user=alice, frequencies={"network": "daily"})

    assert emails_send_due(at=start + timedelta(hours=1)) == 0


def test_preferences_refuse_unknown_frequency():
    with pytest.raises(ValueError):
        centre.preferences_set(user=member(), frequencies={"network": "hourly"})


def test_preferences_list_only_kinds_sent_by_email_with_defaults():
    prefs = preferences_of(member())

    assert prefs["network"] == "immediate" and prefs["messages"] == "immediate"
    assert "webinars" not in prefs


# Digests -------------------------------------------------------------------------------

def nairobi(*args) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo("Africa/Nairobi"))


def test_daily_digest_goes_out_at_seven_local_time_with_unseen_items_only():
    alice = member(timezone="Africa/Nairobi", display_name="Alice")
    centre.preferences_set(user=alice, frequencies={"network": "daily"})
    seen = notify(recipient=alice, verb="connection.accepted", actor=member(display_name="Seen"),
                  at=nairobi(2026, 3, 2, 18, 0))
    centre.notifications_mark_seen(user=alice, ids=[seen.pk], at=nairobi(2026, 3, 2, 19, 0))
    notify(recipient=alice, verb="connection.requested", actor=member(display_name="Zed"),
           at=nairobi(2026, 3, 2, 20, 0))

    assert digests_send_due(at=nairobi(2026, 3, 3, 6, 30)) == 0
    assert digests_send_due(at=nairobi(2026, 3, 3, 7, 5)) == 1
    assert digests_send_due(at=nairobi(2026, 3, 3, 9, 0)) == 0  # once a day

    digest = mail.outbox[-1]
    assert "daily digest" in digest.subject
    assert "Zed asked to connect with you" in digest.body
    assert "Seen" not in digest.body
    assert "List-Unsubscribe" in digest.extra_headers


def test_daily_digest_skips_a_day_with_nothing_new():
    alice = member(timezone="Africa/Nairobi")
    centre.preferences_set(user=alice, frequencies={"network": "daily"})

    assert digests_send_due(at=nairobi(2026, 3, 3, 7, 5)) == 0
    assert mail.outbox == []


def test_weekly_digest_waits_for_monday():
    alice = member(timezone="Africa/Nairobi")
    centre.preferences_set(user=alice, frequencies={"network": "weekly"})
    notify(recipient=alice, verb="follow.started", actor=member(), at=nairobi(2026, 3, 4, 12, 0))

    assert digests_send_due(at=nairobi(2026, 3, 6, 8, 0)) == 0  # Friday
    assert digests_send_due(at=nairobi(2026, 3, 9, 8, 0)) == 1  # Monday
    assert "weekly digest" in mail.outbox[-1].subject


# Unsubscribe ---------------------------------------------------------------------------

def test_unsubscribe_token_turns_the_kinds_off():
    alice = member()

    assert unsubscribe(token=unsubscribe_token(alice.pk, ["network"])) == ["network"]
    assert preferences_of(alice)["network"] == "never"
    assert unsubscribe(token="forged") is None


def test_one_click_post_works_without_login_or_csrf(client):
    alice = member()
    client.handler.enforce_csrf_checks = True
    token = unsubscribe_token(alice.pk, ["messages"])

    response = client.post(f"/notifications/unsubscribe/{token}/",
                           data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    assert preferences_of(alice)["messages"] == "never"


def test_unsubscribe_link_opened_changes_nothing_until_confirmed(client):
    alice = member()
    token = unsubscribe_token(alice.pk, ["messages"])

    response = client.get(f"/notifications/unsubscribe/{token}/")

    assert response.status_code == 200
    assert b"Stop receiving" in response.content
    assert preferences_of(alice)["messages"] == "immediate"


def test_bad_unsubscribe_link_is_a_400(client):
    response = client.post("/notifications/unsubscribe/not-a-token/")

    assert response.status_code == 400


# Privacy -------------------------------------------------------------------------------

def test_export_and_erasure_cover_notifications():
    from portal.members import services as member_services

    alice = member()
    notify(recipient=alice, verb="follow.started", actor=member(display_name="Bob"))

    exported = member_services.account_export(user=alice)["notifications"]
    assert exported["items"][0]["text"] == "Bob started following you"

    member_services.account_delete(user=alice)
    assert not Notification.objects.exists()
    assert not NotificationInbox.objects.exists()


def test_deleted_actor_reads_as_former_member():
    alice, bob = member(), member()
    note = notify(recipient=alice, verb="follow.started", actor=bob)
    bob.delete()
    note.refresh_from_db()

    assert notification_text(note) == "A former member started following you"


# Blocking after being notified ---------------------------------------------------------------

def test_blocking_the_actor_drops_the_pending_email_and_clears_the_bell():
    from portal.members.network.services import block_create, follow_start

    alice, bob = member(display_name="Alice"), member(display_name="Bob")
    follow_start(follower=bob, followed=alice)
    assert unread_of(alice) == 1

    block_create(blocker=alice, blocked=bob)

    assert emails_send_due(at=timezone.now() + timedelta(minutes=30)) == 0
    assert mail.outbox == []
    assert unread_of(alice) == 0
    assert Notification.objects.get(recipient=alice).email_due_at is None


def test_email_sender_rechecks_blocks_made_since_the_notification():
    alice, bob, carol = member(), member(display_name="Bob"), member(display_name="Carol")
    start = timezone.now()
    notify(recipient=alice, verb="connection.accepted", actor=bob, target=bob.profile, at=start)
    notify(recipient=alice, verb="connection.accepted", actor=carol, target=carol.profile,
           at=start)
    Block.objects.create(blocker=alice, blocked=bob)  # a block stored without the service

    assert emails_send_due(at=start + timedelta(minutes=11)) == 1
    assert ["Carol" in message.subject for message in mail.outbox] == [True]
    assert Notification.objects.get(actor=bob).email_due_at is None  # dropped, not retried


def test_digest_leaves_out_members_blocked_after_the_notification():
    from portal.members.network.services import block_create

    alice = member(timezone="Africa/Nairobi")
    bob, carol = member(display_name="Bob"), member(display_name="Carol")
    dan = member(display_name="Dan")
    centre.preferences_set(user=alice, frequencies={"network": "daily"})
    for actor in (bob, carol, dan):
        notify(recipient=alice, verb="connection.accepted", actor=actor, target=actor.profile,
               at=nairobi(2026, 3, 2, 18, 0))
    block_create(blocker=alice, blocked=bob)
    Block.objects.create(blocker=alice, blocked=carol)  # stored without the service

    assert digests_send_due(at=nairobi(2026, 3, 3, 7, 5)) == 1

    body = mail.outbox[-1].body
    assert "Dan" in body
    assert "Bob" not in body and "Carol" not in body


def test_digest_is_in_the_members_language_with_times_in_their_zone():
    amina = member(timezone="Africa/Nairobi", language="fr")
    centre.preferences_set(user=amina, frequencies={"network": "daily"})
    notify(recipient=amina, verb="connection.requested", actor=member(display_name="Kofi"),
           target=amina.profile, at=nairobi(2026, 3, 2, 18, 40))  # 15:40 UTC

    assert digests_send_due(at=nairobi(2026, 3, 3, 7, 5)) == 1

    digest = mail.outbox[-1]
    assert "récapitulatif quotidien" in digest.subject
    assert "Voici ce que vous n'avez pas encore vu" in digest.body
    assert "2 mars 2026 18:40" in digest.body and "15:40" not in digest.body
    assert "Africa/Nairobi" in digest.body
    html = digest.alternatives[0][0]
    assert "2 mars 2026 18:40" in html and 'lang="fr"' in html
