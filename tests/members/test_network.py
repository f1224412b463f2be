"""Connections, follows and blocks: services for every path, views for every role."""

import threading

import pytest
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.urls import reverse
from django.utils import timezone

from portal.core.models import Country, Theme
from portal.members.models import Block, Connection, ConnectionStatus, Follow, Notification
from portal.members.moderation.rules import SuspendedError
from portal.members.network import services
from portal.members.network.selectors import (
    are_connected,
    connections_count,
    incoming_requests,
    suggestions_for,
)
from portal.members.notifications.selectors import bell_state
from tests.factories.members import member

pytestmark = pytest.mark.django_db
ACCEPTED, PENDING = ConnectionStatus.ACCEPTED, ConnectionStatus.PENDING


def test_request_then_accept_connects_and_notifies_both_ways():
    alice, bob = member(display_name="Alice"), member(display_name="Bob")

    request = services.connection_request(requester=alice, addressee=bob)
    assert request.status == PENDING
    assert Notification.objects.get(recipient=bob).verb == "connection.requested"

    services.connection_accept(user=bob, connection=request)

    assert are_connected(alice.pk, bob.pk)
    assert Notification.objects.get(recipient=alice).verb == "connection.accepted"
    assert bell_state(bob.pk)[0] == 0  # the request notification is read once answered
    assert connections_count(alice.pk) == connections_count(bob.pk) == 1


def test_asking_twice_keeps_one_pending_request():
    alice, bob = member(), member()

    first = services.connection_request(requester=alice, addressee=bob)
    second = services.connection_request(requester=alice, addressee=bob)

    assert first.pk == second.pk
    assert Connection.objects.count() == 1
    assert Notification.objects.get(recipient=bob).count == 1


def test_asking_someone_who_asked_you_accepts_their_request():
    alice, bob = member(), member()
    services.connection_request(requester=alice, addressee=bob)

    result = services.connection_request(requester=bob, addressee=alice)

    assert result.status == ACCEPTED
    assert Connection.objects.count() == 1


def test_database_refuses_a_second_row_for_the_pair_in_either_direction():
    alice, bob = member(), member()
    services.connection_request(requester=alice, addressee=bob)
    low, high = sorted([alice.pk, bob.pk])

    with pytest.raises(IntegrityError), transaction.atomic():
        Connection.objects.create(requester=bob, addressee=alice, user_low_id=low, user_high_id=high)


@pytest.mark.django_db(transaction=True)
def test_two_members_asking_each_other_at_once_end_with_one_connection():
    # On SQLite the two requests queue (IMMEDIATE transactions), so this checks the outcome
    # only; test_network_postgres.py races them for real and forces the recovery path.
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.fail("needs a file database for two connections")
    alice, bob = member(), member()
    barrier = threading.Barrier(2)
    errors = []

    def ask(requester, addressee):
        try:
            barrier.wait(timeout=10)
            services.connection_request(requester=requester, addressee=addressee)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=ask, args=pair) for pair in ((alice, bob), (bob, alice))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Connection.objects.count() == 1
    assert Connection.objects.get().status == ACCEPTED


def test_only_the_addressee_accepts_or_declines_and_only_the_requester_withdraws():
    alice, bob = member(), member()
    request = services.connection_request(requester=alice, addressee=bob)

    with pytest.raises(services.NetworkError):
        services.connection_accept(user=alice, connection=request)
    with pytest.raises(services.NetworkError):
        services.connection_decline(user=alice, connection=request)
    with pytest.raises(services.NetworkError):
        services.connection_withdraw(user=bob, connection=request)


def test_decline_and_withdraw_remove_the_request_and_allow_a_new_one():
    alice, bob = member(), member()
    assert services.connection_decline(
        user=bob, connection=services.connection_request(requester=alice, addressee=bob))
    assert services.connection_withdraw(
        user=alice, connection=services.connection_request(requester=alice, addressee=bob))
    assert not Connection.objects.exists()

    services.connection_request(requester=alice, addressee=bob)
    assert incoming_requests(bob)[0].requester == alice


def test_remove_ends_a_connection():
    alice, bob = member(), member()
    services.connection_accept(user=bob, connection=services.connection_request(
        requester=alice, addressee=bob))

    assert services.connection_remove(user=bob, other=alice) is True
    assert services.connection_remove(user=bob, other=alice) is False
    assert not are_connected(alice.pk, bob.pk)


def test_no_request_to_oneself_or_across_a_block_either_way():
    alice, bob = member(), member()
    with pytest.raises(services.NetworkError):
        services.connection_request(requester=alice, addressee=alice)
    services.block_create(blocker=bob, blocked=alice)

    with pytest.raises(services.NetworkError) as refused:
        services.connection_request(requester=alice, addressee=bob)
    with pytest.raises(services.NetworkError) as refused_back:
        services.connection_request(requester=bob, addressee=alice)
    assert str(refused.value) == str(refused_back.value)  # nothing says who blocked whom
    assert not Connection.objects.exists()


def test_suspended_member_cannot_connect_or_follow():
    alice, bob = member(suspended_until=timezone.now() + timezone.timedelta(days=3)), member()

    with pytest.raises(SuspendedError):
        services.connection_request(requester=alice, addressee=bob)
    with pytest.raises(SuspendedError):
        services.follow_start(follower=alice, followed=bob)


def test_follow_is_idempotent_and_notifies_once():
    alice, bob = member(), member()

    services.follow_start(follower=alice, followed=bob)
    services.follow_start(follower=alice, followed=bob)

    assert Follow.objects.count() == 1
    assert Notification.objects.filter(recipient=bob).count() == 1
    assert services.follow_stop(follower=alice, followed=bob) is True


def test_blocking_ends_connection_and_follows_and_unblock_restores_nothing_else():
    alice, bob = member(), member()
    services.connection_accept(user=bob, connection=services.connection_request(
        requester=alice, addressee=bob))
    services.follow_start(follower=bob, followed=alice)

    services.block_create(blocker=alice, blocked=bob)

    assert not Connection.objects.exists() and not Follow.objects.exists()
    assert services.block_remove(blocker=alice, blocked=bob) is True
    assert not Block.objects.exists()


def test_blocked_member_notifications_never_reach_the_blocker():
    alice, bob = member(), member()
    services.block_create(blocker=alice, blocked=bob)
    services.block_remove(blocker=alice, blocked=bob)
    services.block_create(blocker=alice, blocked=bob)

    with pytest.raises(services.NetworkError):
        services.follow_start(follower=bob, followed=alice)
    assert not Notification.objects.filter(recipient=alice).exists()


def test_suggestions_share_themes_or_country_and_exclude_connected_and_blocked():
    theme = Theme.objects.first()
    country = Country.objects.first()
    alice = member(country=country)
    alice.profile.themes.add(theme)
    same_theme, same_country, stranger = member(), member(country=country), member()
    same_theme.profile.themes.add(theme)
    connected, blocked = member(country=country), member(country=country)
    hidden = member(country=country, visibility="hidden")
    services.connection_request(requester=alice, addressee=connected)
    services.block_create(blocker=blocked, blocked=alice)

    suggested = {profile.user_id for profile in suggestions_for(alice)}

    assert suggested == {same_theme.pk, same_country.pk}
    assert stranger.pk not in suggested and hidden.pk not in suggested


# Views ----------------------------------------------------------------------------------

def test_visitor_sees_a_public_profile_with_a_login_prompt_but_no_actions(client):
    bob = member(visibility="public")

    response = client.get(bob.profile.get_absolute_url())

    assert response.status_code == 200
    assert b"to connect with this member" in response.content
    assert client.post(reverse("members:connect", args=[bob.profile.pk])).status_code == 302
    assert not Connection.objects.exists()


def test_member_connects_from_the_profile_and_the_other_accepts_from_my_network(client):
    alice, bob = member(display_name="Alice"), member(display_name="Bob")
    client.force_login(alice)
    client.post(reverse("members:connect", args=[bob.profile.pk]))
    request = Connection.objects.get()

    client.force_login(bob)
    page = client.get(reverse("members:network"))
    assert b"1 request to connect" in page.content and b"Alice" in page.content
    client.post(reverse("members:request_answer", args=[request.pk, "accept"]))

    assert are_connected(alice.pk, bob.pk)
    profile_page = client.get(alice.profile.get_absolute_url())
    assert b"Remove connection" in profile_page.content


def test_a_third_member_cannot_answer_someone_elses_request(client):
    alice, bob, carol = member(), member(), member()
    request = services.connection_request(requester=alice, addressee=bob)
    client.force_login(carol)

    response = client.post(reverse("members:request_answer", args=[request.pk, "accept"]))

    assert response.status_code == 404
    assert Connection.objects.get().status == PENDING


def test_hidden_profile_cannot_be_asked_to_connect(client):
    hidden = member(visibility="hidden")
    client.force_login(member())

    assert client.post(reverse("members:connect", args=[hidden.profile.pk])).status_code == 404


def test_blocked_member_sees_a_neutral_refusal(client):
    alice, bob = member(), member()
    services.block_create(blocker=alice, blocked=bob)
    client.force_login(bob)

    response = client.post(reverse("members:connect", args=[alice.profile.pk]), follow=True)

    assert b"not accepting connection requests" in response.content
    assert b"blocked" not in response.content


def test_block_and_unblock_from_the_profile(client):
    alice, bob = member(), member()
    client.force_login(alice)

    client.post(reverse("members:block", args=[bob.profile.pk]))
    assert Block.objects.filter(blocker=alice, blocked=bob).exists()
    assert b"You blocked this member" in client.get(bob.profile.get_absolute_url()).content
    client.post(reverse("members:unblock", args=[bob.profile.pk]))
    assert not Block.objects.exists()


def test_get_on_actions_is_refused(client):
    client.force_login(member())

    assert client.get(reverse("members:connect", args=[member().profile.pk])).status_code == 405


def test_my_network_query_count_does_not_grow(client, django_assert_max_num_queries):
    alice = member(country=Country.objects.first())
    for _number in range(8):
        other = member(country=alice.profile.country)
        services.connection_accept(user=other, connection=services.connection_request(
            requester=alice, addressee=other))
        services.connection_request(requester=member(), addressee=alice)
        member(country=alice.profile.country)
    client.force_login(alice)

    with django_assert_max_num_queries(25):
        response = client.get(reverse("members:network"))
    assert b"8 connections" in response.content


def test_my_network_needs_login(client):
    assert client.get(reverse("members:network")).status_code == 302


def test_mentions_respect_visibility_and_blocks():
    from portal.members.network.selectors import can_mention, mentionable_profiles

    author = member()
    open_member = member(display_name="Fatou Open")
    hidden = member(display_name="Fatou Hidden", visibility="hidden")
    blocker = member(display_name="Fatou Blocker")
    services.block_create(blocker=blocker, blocked=author)

    assert can_mention(author, open_member)
    assert not can_mention(author, hidden)
    assert not can_mention(author, blocker)
    assert [p.display_name for p in mentionable_profiles(author, "fatou")] == ["Fatou Open"]


def test_french_addresses_serve_the_network_pages(client):
    client.force_login(member())

    for path in ("/fr/members/network/", "/fr/messages/", "/fr/notifications/"):
        response = client.get(path)
        assert response.status_code == 200
        assert 'lang="fr"' in response.content.decode()
