"""The moderators' side of the forum: the approval queue, hidden posts, topic actions and
the log. Reports filed by flags are decided in the shared reports queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import rules, selectors, services
from .forms import MoveForm
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
