from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.core.params import parse_int

from ..models import Profile
from ..moderation.rules import SuspendedError
from ..network.selectors import connected_ids
from ..rules import can_view_profile
from . import services
from .forms import ConversationForm, ReplyForm
from .rules import accepts_messages_from
from .selectors import conversation_for, conversations_for, thread

PAGE_SIZE = 25


@login_required
def inbox(request):
    page = Paginator(conversations_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for participant in page.object_list:
        conversation = participant.conversation
        others = [p for p in conversation.participants.all()
                  if p.user_id != request.user.pk and p.left_at is None]
        rows.append({"participant": participant, "conversation": conversation,
                     "others": [p.user.profile for p in others]})
    return render(request, "members/messages/inbox.html", {"page": page, "rows": rows})


def _recipient_choices(user, extra: Profile | None):
    ids = connected_ids(user.pk)
    if extra is not None:
        ids.add(extra.user_id)
    return (Profile.objects.filter(user_id__in=ids, user__is_active=True)
            .exclude(visibility="hidden").select_related("user").order_by("display_name", "pk"))


@login_required
@require_http_methods(["GET", "POST"])
def new(request):
    extra = None
    to = parse_int(request.GET.get("to", ""))
    if to is not None:
        extra = Profile.objects.select_related("user").filter(pk=to, user__is_active=True).first()
        if extra is None or not can_view_profile(request.user, extra) or \
                not accepts_messages_from(extra.user, request.user):
            extra = None
    form = ConversationForm(request.POST or None, choices=_recipient_choices(request.user, extra),
                            initial={"recipients": [extra] if extra else []})
    if request.method == "POST" and form.is_valid():
        try:
            conversation = services.conversation_start(
                sender=request.user, recipients=[p.user for p in form.cleaned_data["recipients"]],
                body=form.cleaned_data["body"], subject=form.cleaned_data["subject"])
        except (services.MessagingError, SuspendedError) as error:
            form.add_error(None, str(error))
        else:
            return redirect(conversation.get_absolute_url())
    return render(request, "members/messages/new.html", {"form": form, "to": extra})


@login_required
@require_http_methods(["GET", "POST"])
def detail(request, pk: int):
    participant = conversation_for(request.user, pk)
    if participant is None:
        raise Http404  # not a participant: moderators and editors included
    conversation = participant.conversation
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.message_send(sender=request.user, conversation=conversation,
                                  body=form.cleaned_data["body"])
        except (services.MessagingError, SuspendedError) as error:
            form.add_error(None, str(error))
        else:
            return redirect(f"{conversation.get_absolute_url()}#latest")
    services.conversation_read(user=request.user, conversation=conversation)
    others = (conversation.participants.filter(left_at__isnull=True).exclude(user=request.user)
              .select_related("user__profile"))
    return render(request, "members/messages/detail.html", {
        "conversation": conversation, "items": thread(conversation, viewer=request.user),
        "others": [p.user.profile for p in others], "form": form})


@login_required
@require_POST
def leave(request, pk: int):
    participant = conversation_for(request.user, pk)
    if participant is None:
        raise Http404
    services.conversation_leave(user=request.user, conversation=participant.conversation)
    messages.success(request, _("You left the conversation."))
    return redirect("conversations:inbox")
