"""The moderators' side of the forum: the approval queue, hidden posts, topic actions and
the log. Reports filed by flags are decided in the shared reports queue."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.core.params import parse_int
from portal.members.moderation.rules import silenced_until

from . import restructure, rules, selectors, services
from .forms import MergeForm, MoveForm, SilenceForm, SplitForm
from .models import Category, ModerationLog, Post, Topic


def _moderator_only(request) -> None:
    if not rules.is_forum_moderator(request.user):
        raise Http404


@login_required
def queue(request):
    _moderator_only(request)
    return render(request, "forum/moderation_queue.html", {
        "pending": list(selectors.pending_posts()[:100]),
        "hidden": list(selectors.hidden_posts()[:100]),
    })


@login_required
def log(request):
    _moderator_only(request)
    entries = ModerationLog.objects.select_related("moderator__profile", "topic", "post")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "forum/moderation_log.html", {"page": page})


POST_ACTIONS = {"hide": services.post_hide, "unhide": services.post_unhide,
                "approve": services.post_approve, "reject": services.post_reject}
TOPIC_ACTIONS = {"lock": services.topic_lock, "unlock": services.topic_unlock,
                 "pin": services.topic_pin, "unpin": services.topic_unpin,
                 "close": services.topic_close, "open": services.topic_open}


@login_required
@require_POST
def post_action(request, pk: int, action: str):
    _moderator_only(request)
    if action not in POST_ACTIONS:
        raise Http404
    post = get_object_or_404(Post.objects.select_related("topic__category"), pk=pk)
    POST_ACTIONS[action](moderator=request.user, post=post)
    messages.success(request, _("Done."))
    if request.POST.get("next") == "queue":
        return redirect("forum:queue")
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def topic_action(request, pk: int, action: str):
    _moderator_only(request)
    if action not in TOPIC_ACTIONS:
        raise Http404
    topic = get_object_or_404(Topic, pk=pk)
    TOPIC_ACTIONS[action](moderator=request.user, topic=topic)
    messages.success(request, _("Done."))
    return redirect(topic.get_absolute_url())


@login_required
@require_POST
def topic_move(request, pk: int):
    _moderator_only(request)
    topic = get_object_or_404(Topic, pk=pk)
    form = MoveForm(request.POST, categories=Category.objects.all())
    if form.is_valid():
        services.topic_move(moderator=request.user, topic=topic,
                            category=form.cleaned_data["category"])
        messages.success(request, _("The topic is moved."))
    else:
        messages.error(request, _("Choose a category."))
    return redirect(topic.get_absolute_url())


@login_required
@require_POST
def topic_split(request, pk: int):
    _moderator_only(request)
    topic = get_object_or_404(Topic, pk=pk)
    form = SplitForm(request.POST, categories=Category.objects.all())
    numbers = [number for value in request.POST.getlist("posts")
               if (number := parse_int(value)) is not None]
    if not form.is_valid():
        messages.error(request, _("Give the new topic a title and a category."))
        return redirect(topic.get_absolute_url())
    try:
        new = restructure.topic_split(moderator=request.user, topic=topic, numbers=numbers,
                                      title=form.cleaned_data["title"],
                                      category=form.cleaned_data["category"])
    except services.ForumError as error:
        messages.error(request, str(error))
        return redirect(topic.get_absolute_url())
    messages.success(request, _("The replies are moved to this new topic."))
    return redirect(new.get_absolute_url())


@login_required
@require_POST
def topic_merge(request, pk: int):
    _moderator_only(request)
    topic = get_object_or_404(Topic, pk=pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("target", [])))
        return redirect(topic.get_absolute_url())
    target = selectors.topic_for(request.user, form.cleaned_data["target"])
    if target is None:
        messages.error(request, _("No topic has this number."))
        return redirect(topic.get_absolute_url())
    try:
        restructure.topic_merge(moderator=request.user, source=topic, target=target)
    except services.ForumError as error:
        messages.error(request, str(error))
        return redirect(topic.get_absolute_url())
    messages.success(request, _("The topics are merged."))
    return redirect(target.get_absolute_url())


@login_required
def member_silence(request, pk: int):
    _moderator_only(request)
    member = get_object_or_404(get_user_model().objects.select_related("profile"), pk=pk,
                               is_active=True)
    form = SilenceForm(request.POST or None)
    if request.method == "POST" and request.POST.get("lift"):
        restructure.member_unsilence_in_forum(moderator=request.user, member=member)
        messages.success(request, _("The silence has been lifted."))
        return redirect("forum:member_silence", pk=member.pk)
    if request.method == "POST" and form.is_valid():
        try:
            restructure.member_silence_in_forum(moderator=request.user, member=member,
                                                days=form.cleaned_data["days"],
                                                note=form.cleaned_data["note"])
        except services.ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The member is silenced and has been told."))
            return redirect("forum:member_silence", pk=member.pk)
    return render(request, "forum/member_silence.html", {
        "member": member, "form": form, "until": silenced_until(member)},
        status=400 if form.errors else 200)
