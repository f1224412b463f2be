from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.params import local_path

from ..models import Profile
from ..moderation.rules import SuspendedError
from ..rules import can_view_profile
from . import services
from .models import Connection, ConnectionStatus
from .selectors import (
    connections_of,
    following_of,
    incoming_requests,
    outgoing_requests,
    suggestions_for,
)


@login_required
def network(request):
    return render(request, "members/network.html", {
        "connections": connections_of(request.user),
        "incoming": incoming_requests(request.user),
        "outgoing": outgoing_requests(request.user),
        "following": following_of(request.user),
        "suggestions": suggestions_for(request.user),
    })


def _back(request, fallback: str):
    return redirect(local_path(request, request.POST.get("next", "")) or fallback)


def _other_member(request, pk: int):
    """The member behind a profile the viewer may see (404 otherwise, hidden or not)."""
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk,
                                user__is_active=True)
    if not can_view_profile(request.user, profile):
        raise Http404
    return profile


def _run(request, action, success: str):
    try:
        action()
    except (services.NetworkError, SuspendedError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)


@login_required
@require_POST
def connect(request, pk: int):
    profile = _other_member(request, pk)
    _run(request, lambda: services.connection_request(requester=request.user, addressee=profile.user),
         _("Your connection request has been sent."))
    return _back(request, profile.get_absolute_url())


@login_required
@require_POST
def disconnect(request, pk: int):
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    services.connection_remove(user=request.user, other=profile.user)
    messages.success(request, _("You are no longer connected."))
    return _back(request, profile.get_absolute_url())


def _my_request(request, pk: int) -> Connection:
    return get_object_or_404(Connection.objects.select_related("requester", "addressee"), pk=pk,
                             status=ConnectionStatus.PENDING)


@login_required
@require_POST
def request_answer(request, pk: int, answer: str):
    connection = _my_request(request, pk)
    if request.user.pk not in (connection.requester_id, connection.addressee_id):
        raise Http404
    actions = {
        "accept": (lambda: services.connection_accept(user=request.user, connection=connection),
                   _("You are now connected.")),
        "decline": (lambda: services.connection_decline(user=request.user, connection=connection),
                    _("The request has been declined.")),
        "withdraw": (lambda: services.connection_withdraw(user=request.user, connection=connection),
                     _("Your request has been withdrawn.")),
    }
    if answer not in actions:
        raise Http404
    action, success = actions[answer]
    _run(request, action, success)
    return _back(request, "members:network")


@login_required
@require_POST
def follow(request, pk: int):
    profile = _other_member(request, pk)
    _run(request, lambda: services.follow_start(follower=request.user, followed=profile.user),
         _("You now follow this member's public activity."))
    return _back(request, profile.get_absolute_url())


@login_required
@require_POST
def unfollow(request, pk: int):
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    services.follow_stop(follower=request.user, followed=profile.user)
    messages.success(request, _("You no longer follow this member."))
    return _back(request, profile.get_absolute_url())


@login_required
@require_POST
def block(request, pk: int):
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    _run(request, lambda: services.block_create(blocker=request.user, blocked=profile.user),
         _("Member blocked. They can no longer message you, connect with you or mention you, "
           "and their posts are hidden from you. They are not told."))
    return _back(request, profile.get_absolute_url())


@login_required
@require_POST
def unblock(request, pk: int):
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    services.block_remove(blocker=request.user, blocked=profile.user)
    messages.success(request, _("Member unblocked."))
    return _back(request, profile.get_absolute_url())

