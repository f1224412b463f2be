"""Connections, follows and blocks.

A connection is one row per pair (`user_low`, `user_high` unique), so two members who ask
each other at the same moment cannot end with two requests: the second insert fails on
the constraint, re-reads the pair, finds the other's pending request and accepts it.
State changes are guarded UPDATEs/DELETEs on the expected state, so a double click or two
tabs change nothing the second time.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..notifications import notify
from ..notifications.services import (
    notifications_dismiss_from_actor,
    notifications_mark_read_for_target,
)
from .models import Block, Connection, ConnectionStatus, Follow
from .selectors import is_blocked_either_way


class NetworkError(Exception):
    """A request the rules refuse; the message is safe to show to the member."""


def _pair(a_id: int, b_id: int) -> tuple[int, int]:
    return (a_id, b_id) if a_id < b_id else (b_id, a_id)


def _check_can_reach(actor, other) -> None:
    if actor.pk == other.pk:
        raise NetworkError(_("You cannot do this with your own profile."))
    if not other.is_active:
        raise NetworkError(_("This member's account is closed."))
    if is_blocked_either_way(actor.pk, other.pk):
        # Worded the same whoever blocked whom: nothing tells a member they are blocked.
        raise NetworkError(_("This member is not accepting connection requests."))


def network_url() -> str:
    return reverse("members:network")


@transaction.atomic
def connection_request(*, requester, addressee) -> Connection:
    """Ask to connect. Asking again changes nothing; asking someone who already asked you
    accepts their request."""
    from ..moderation.rules import ensure_can_post

    ensure_can_post(requester)
    _check_can_reach(requester, addressee)
    low, high = _pair(requester.pk, addressee.pk)
    existing = Connection.objects.filter(user_low_id=low, user_high_id=high).first()
    if existing is None:
        connection = Connection(requester=requester, addressee=addressee,
                                user_low_id=low, user_high_id=high)
        try:
            with transaction.atomic():
                connection.save()
        except IntegrityError:
            existing = Connection.objects.get(user_low_id=low, user_high_id=high)
        else:
            notify(recipient=addressee, verb="connection.requested", actor=requester,
                   target=connection, url=network_url())
            return connection
    if existing.status == ConnectionStatus.PENDING and existing.addressee_id == requester.pk:
        return connection_accept(user=requester, connection=existing)
    return existing


@transaction.atomic
def connection_accept(*, user, connection: Connection) -> Connection:
    if connection.addressee_id != user.pk:
        raise NetworkError(_("Only the member who received this request can accept it."))
    now = timezone.now()
    changed = Connection.objects.filter(pk=connection.pk, status=ConnectionStatus.PENDING).update(
        status=ConnectionStatus.ACCEPTED, accepted_at=now)
    connection.refresh_from_db()
    if changed:
        notifications_mark_read_for_target(user=user, target=connection)
        notify(recipient=connection.requester, verb="connection.accepted", actor=user,
               target=connection, url=reverse("members:detail", kwargs={"pk": user.profile.pk}))
    return connection


@transaction.atomic
def connection_decline(*, user, connection: Connection) -> bool:
    """The addressee says no; the requester is not told (the request just disappears)."""
    if connection.addressee_id != user.pk:
        raise NetworkError(_("Only the member who received this request can decline it."))
    notifications_mark_read_for_target(user=user, target=connection)
    deleted, _rows = Connection.objects.filter(pk=connection.pk,
                                               status=ConnectionStatus.PENDING).delete()
    return bool(deleted)


@transaction.atomic
def connection_withdraw(*, user, connection: Connection) -> bool:
    if connection.requester_id != user.pk:
        raise NetworkError(_("Only the member who sent this request can withdraw it."))
    deleted, _rows = Connection.objects.filter(pk=connection.pk,
                                               status=ConnectionStatus.PENDING).delete()
    return bool(deleted)


@transaction.atomic
def connection_remove(*, user, other) -> bool:
    low, high = _pair(user.pk, other.pk)
    deleted, _rows = Connection.objects.filter(user_low_id=low, user_high_id=high,
                                               status=ConnectionStatus.ACCEPTED).delete()
    return bool(deleted)


@transaction.atomic
def follow_start(*, follower, followed) -> Follow:
    """Follow someone's public activity; no consent needed, so nothing private follows."""
    from ..moderation.rules import ensure_can_post

    ensure_can_post(follower)
    _check_can_reach(follower, followed)
    follow, created = Follow.objects.get_or_create(follower=follower, followed=followed)
    if created:
        notify(recipient=followed, verb="follow.started", actor=follower,
               url=reverse("members:detail", kwargs={"pk": follower.profile.pk}))
    return follow


@transaction.atomic
def follow_stop(*, follower, followed) -> bool:
    deleted, _rows = Follow.objects.filter(follower=follower, followed=followed).delete()
    return bool(deleted)


@transaction.atomic
def block_create(*, blocker, blocked) -> Block:
    """Block a member: any connection, request or follow between the two ends, they can no
    longer message, connect or mention the blocker, and nothing tells them. What the blocker
    was notified of about them is marked read: no e-mail or digest about it goes out."""
    if blocker.pk == blocked.pk:
        raise NetworkError(_("You cannot block yourself."))
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    low, high = _pair(blocker.pk, blocked.pk)
    Connection.objects.filter(user_low_id=low, user_high_id=high).delete()
    Follow.objects.filter(Q(follower=blocker, followed=blocked)
                          | Q(follower=blocked, followed=blocker)).delete()
    notifications_dismiss_from_actor(user=blocker, actor=blocked)
    return block


@transaction.atomic
def block_remove(*, blocker, blocked) -> bool:
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)
