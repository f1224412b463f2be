"""Direct messages: who may write to whom, unread counts, e-mail once per burst, leaving,
blocking, privacy from every other role, rate limits, export and deletion."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.members.messaging import services
from portal.members.messaging.models import Conversation, Message, Participant
from portal.members.messaging.selectors import unread_conversations
from portal.members.network.services import block_create, connection_accept, connection_request
from portal.members.notifications.mail import emails_send_due
from portal.members.notifications.selectors import bell_state
from tests.factories.members import member

pytestmark = pytest.mark.django_db


def old_member(**fields):
    user = member(**fields)
    user.date_joined = timezone.now() - timedelta(days=30)
    user.save(update_fields=["date_joined"])
    return user


def connect(a, b):
    connection_accept(user=b, connection=connection_request(requester=a, addressee=b))


@pytest.fixture
def pair():
    alice, bob = old_member(display_name="Alice"), old_member(display_name="Bob")
    connect(alice, bob)
    return alice, bob


def test_connected_members_exchange_messages_with_unread_counts(pair):
    alice, bob = pair

    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Hello **Bob**")
    services.message_send(sender=alice, conversation=conversation, body="Are you there?")

    assert unread_conversations(bob) == 1
    assert Participant.objects.get(conversation=conversation, user=bob).unread == 2
    assert Participant.objects.get(conversation=conversation, user=alice).unread == 0
    services.conversation_read(user=bob, conversation=conversation)
    assert unread_conversations(bob) == 0
    assert bell_state(bob.pk)[0] == 0


def test_one_to_one_continues_the_existing_conversation(pair):
    alice, bob = pair
    first = services.conversation_start(sender=alice, recipients=[bob], body="One")

    again = services.conversation_start(sender=bob, recipients=[alice], body="Two")

    assert again.pk == first.pk
    assert Message.objects.filter(conversation=first).count() == 2


def test_strangers_cannot_start_a_conversation_unless_allowed():
    alice, bob = old_member(), old_member()

    with pytest.raises(services.MessagingError):
        services.conversation_start(sender=alice, recipients=[bob], body="Hi")

    bob.profile.allow_messages_from_all = True
    bob.profile.save()
    assert services.conversation_start(sender=alice, recipients=[bob], body="Hi")


def test_group_conversation_is_limited_to_ten_members():
    alice = old_member()
    friends = [old_member() for _number in range(10)]
    for friend in friends:
        connect(alice, friend)

    with pytest.raises(services.MessagingError, match="at most 10"):
        services.conversation_start(sender=alice, recipients=friends, body="Hi all")
    group = services.conversation_start(sender=alice, recipients=friends[:9], body="Hi all")
    assert group.participants.count() == 10


def test_empty_message_is_refused(pair):
    alice, bob = pair

    with pytest.raises(services.MessagingError):
        services.conversation_start(sender=alice, recipients=[bob], body="   ")


def test_burst_of_messages_makes_one_email_and_none_once_read(pair):
    alice, bob = pair
    start = timezone.now()
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="One", at=start)
    for minute in (1, 2, 3):
        services.message_send(sender=alice, conversation=conversation, body=f"More {minute}",
                              at=start + timedelta(minutes=minute))

    emails_send_due(at=start + timedelta(minutes=11))
    to_bob = [message for message in mail.outbox if message.to == [bob.email]]
    assert len(to_bob) == 1
    assert "4 new messages" in to_bob[0].subject

    services.message_send(sender=alice, conversation=conversation, body="Later",
                          at=start + timedelta(minutes=12))
    services.conversation_read(user=bob, conversation=conversation,
                               at=start + timedelta(minutes=13))
    emails_send_due(at=start + timedelta(minutes=40))
    assert len([message for message in mail.outbox if message.to == [bob.email]]) == 1


def test_leaving_hides_the_conversation_and_stops_messages(pair, client):
    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Hi")

    assert services.conversation_leave(user=bob, conversation=conversation)
    with pytest.raises(services.MessagingError):
        services.message_send(sender=alice, conversation=conversation, body="Still there?")
    client.force_login(bob)
    assert client.get(conversation.get_absolute_url()).status_code == 404


def test_blocked_member_can_no_longer_message_the_blocker(pair):
    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Hi")
    block_create(blocker=bob, blocked=alice)

    with pytest.raises(services.MessagingError) as refused:
        services.message_send(sender=alice, conversation=conversation, body="Hello?")
    assert "block" not in str(refused.value).lower()
    with pytest.raises(services.MessagingError):
        services.conversation_start(sender=alice, recipients=[bob], body="New")


def test_blocked_members_messages_in_a_group_are_collapsed_for_the_blocker(client):
    alice, bob, carol = old_member(), old_member(display_name="Bob"), old_member()
    connect(alice, bob)
    connect(alice, carol)
    group = services.conversation_start(sender=alice, recipients=[bob, carol], body="Hi both")
    services.message_send(sender=bob, conversation=group, body="Secret plans from Bob")
    block_create(blocker=carol, blocked=bob)

    client.force_login(carol)
    response = client.get(group.get_absolute_url())

    assert b"Hidden: you blocked this member." in response.content
    assert b"Secret plans from Bob" not in response.content


def test_new_members_are_rate_limited():
    newcomer, friend = member(), old_member()
    connect(newcomer, friend)
    conversation = services.conversation_start(sender=newcomer, recipients=[friend], body="1")
    for number in range(9):
        services.message_send(sender=newcomer, conversation=conversation, body=str(number))

    with pytest.raises(services.MessagingError, match="limited number"):
        services.message_send(sender=newcomer, conversation=conversation, body="one too many")


def test_established_members_are_not_rate_limited(pair):
    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="1")
    for number in range(15):
        services.message_send(sender=alice, conversation=conversation, body=str(number))

    assert conversation.messages.count() == 16


def test_suspended_member_cannot_message(pair):
    from portal.members.moderation.rules import SuspendedError

    alice, bob = pair
    alice.profile.suspended_until = timezone.now() + timedelta(days=1)
    alice.profile.save()

    with pytest.raises(SuspendedError):
        services.conversation_start(sender=alice, recipients=[bob], body="Hi")


# Views ----------------------------------------------------------------------------------

def test_visitor_is_sent_to_login(client):
    assert client.get(reverse("conversations:inbox")).status_code == 302


@pytest.mark.parametrize("role", ["stranger", "moderator", "editor", "superuser"])
def test_nobody_but_participants_reads_a_conversation(pair, client, role):
    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Private")
    reader = old_member()
    if role in ("moderator", "editor"):
        reader.groups.add(Group.objects.get(name={"moderator": "Moderators",
                                                  "editor": "Editors"}[role]))
    if role == "superuser":
        reader.is_superuser = reader.is_staff = True
        reader.save()
    client.force_login(reader)

    assert client.get(conversation.get_absolute_url()).status_code == 404
    assert client.post(conversation.get_absolute_url(), {"body": "x"}).status_code == 404
    assert b"Private" not in client.get(reverse("conversations:inbox")).content


def test_start_reply_and_read_through_the_pages(pair, client):
    alice, bob = pair
    client.force_login(alice)
    page = client.get(reverse("conversations:new") + f"?to={bob.profile.pk}")
    assert page.status_code == 200 and b"Bob" in page.content

    response = client.post(reverse("conversations:new") + f"?to={bob.profile.pk}",
                           {"recipients": [bob.profile.pk], "subject": "Plans",
                            "body": "Hello <script>alert(1)</script> **there**"})
    conversation = Conversation.objects.get()
    assert response.status_code == 302

    client.force_login(bob)
    inbox = client.get(reverse("conversations:inbox"))
    assert b"Plans" in inbox.content and b"1 unread" in inbox.content
    thread = client.get(conversation.get_absolute_url())
    assert b"<strong>there</strong>" in thread.content
    assert b"<script>alert" not in thread.content
    client.post(conversation.get_absolute_url(), {"body": "Hi Alice"})
    assert conversation.messages.count() == 2
    assert unread_conversations(bob) == 0


def test_empty_reply_rerenders_with_an_error(pair, client):
    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Hi")
    client.force_login(bob)

    response = client.post(conversation.get_absolute_url(), {"body": ""})

    assert response.status_code == 200 and response.context["form"].errors


def test_writing_to_a_stranger_through_the_form_is_refused(client):
    alice, stranger = old_member(), old_member()
    client.force_login(alice)

    response = client.post(reverse("conversations:new"), {"recipients": [stranger.profile.pk],
                                                          "body": "Hi"})

    assert response.status_code == 200 and response.context["form"].errors
    assert not Conversation.objects.exists()


def test_profile_shows_send_a_message_only_when_allowed(pair, client):
    alice, bob = pair
    stranger = old_member()
    client.force_login(alice)

    assert b"Send a message" in client.get(bob.profile.get_absolute_url()).content
    assert b"Send a message" not in client.get(stranger.profile.get_absolute_url()).content


def test_inbox_query_count_does_not_grow_with_conversations(client, django_assert_max_num_queries):
    alice = old_member()
    for _number in range(12):
        friend = old_member()
        connect(alice, friend)
        services.conversation_start(sender=friend, recipients=[alice], body="Hi")
    client.force_login(alice)

    with django_assert_max_num_queries(16):
        response = client.get(reverse("conversations:inbox"))
    assert response.content.count(b"conversation-row--unread") == 12


def test_leave_through_the_page(pair, client):
    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Hi")
    client.force_login(bob)

    client.post(reverse("conversations:leave", args=[conversation.pk]))

    assert Participant.objects.get(conversation=conversation, user=bob).left_at is not None


# Privacy ---------------------------------------------------------------------------------

def test_export_lists_connections_and_messages_sent_and_deletion_keeps_them_as_former_member(
        pair, client):
    from portal.members import services as member_services

    alice, bob = pair
    conversation = services.conversation_start(sender=alice, recipients=[bob], body="Kept")

    exported = member_services.account_export(user=alice)
    assert exported["network"]["connections"][0]["with"] == "Bob"
    assert exported["messages"]["messages_sent"][0]["body"] == "Kept"

    member_services.account_delete(user=alice)
    client.force_login(bob)
    response = client.get(conversation.get_absolute_url())
    assert b"Former member" in response.content and b"Kept" in response.content


@pytest.mark.parametrize("to", ["²", "٣", "9" * 30, "abc"])
def test_new_conversation_page_ignores_a_recipient_number_that_is_not_one(client, to):
    client.force_login(member())
    assert client.get(reverse("conversations:new"), {"to": to}).status_code == 200
def test_an_old_account_without_a_verified_address_counts_as_new():
    from allauth.account.models import EmailAddress

    from portal.members.messaging.rules import is_new_member

    unverified, friend = old_member(), old_member()
    assert not is_new_member(unverified)
    EmailAddress.objects.filter(user=unverified).update(verified=False)
    assert is_new_member(unverified)
    connect(unverified, friend)
    conversation = services.conversation_start(sender=unverified, recipients=[friend], body="1")
    for number in range(9):
        services.message_send(sender=unverified, conversation=conversation, body=str(number))

    with pytest.raises(services.MessagingError, match="limited number"):
        services.message_send(sender=unverified, conversation=conversation, body="one too many")
    assert conversation.messages.count() == 10


def test_conversation_list_puts_the_latest_message_first(client):
    alice = old_member(display_name="Alice")
    bob, carol, dan = (old_member(display_name=name) for name in ("Bobby", "Carola", "Danilo"))
    conversations = {}
    for other in (bob, carol, dan):
        connect(alice, other)
        conversations[other.pk] = services.conversation_start(
            sender=alice, recipients=[other], body=f"Hello {other.profile.name}")
    services.message_send(sender=bob, conversation=conversations[bob.pk], body="Back to you")
    client.force_login(alice)

    page = client.get(reverse("conversations:inbox")).text

    positions = [page.index(name) for name in ("Bobby", "Danilo", "Carola")]
    assert positions == sorted(positions)
