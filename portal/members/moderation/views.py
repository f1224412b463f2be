"""Members report a member or a message they received."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from ..messaging.models import Message, Participant
from ..models import Profile
from ..rules import can_view_profile
from .forms import ReportForm
from .rules import SuspendedError
from .services import ModerationError, report_create, report_message

THANKS = _("Thank you. Moderators will look at your report; the member is not told who reported them.")


@login_required
@require_http_methods(["GET", "POST"])
def report_member(request, pk: int):
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk, user__is_active=True)
    if not can_view_profile(request.user, profile) or profile.user_id == request.user.pk:
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(reporter=request.user, member=profile.user, area="member",
                          target=profile, url=profile.get_absolute_url(),
                          excerpt=f"{profile.name}\n{profile.job_title}\n{profile.bio}",
                          **form.cleaned_data)
        except (ModerationError, SuspendedError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, str(THANKS))
            return redirect(profile.get_absolute_url())
    return render(request, "members/moderation/report.html",
                  {"form": form, "about": profile.name, "back_url": profile.get_absolute_url()})


@login_required
@require_http_methods(["GET", "POST"])
def report_message_view(request, pk: int):
    message = get_object_or_404(Message.objects.select_related("sender__profile", "conversation"),
                                pk=pk)
    if not Participant.objects.filter(conversation_id=message.conversation_id,
                                      user=request.user).exists():
        raise Http404
    if message.sender_id in (None, request.user.pk):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_message(reporter=request.user, message=message, **form.cleaned_data)
        except (ModerationError, SuspendedError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, str(THANKS))
            return redirect(message.conversation.get_absolute_url())
    return render(request, "members/moderation/report.html", {
        "form": form, "about": message.sender.profile.name, "quoted": message,
        "back_url": message.conversation.get_absolute_url()})
