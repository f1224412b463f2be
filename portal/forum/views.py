
"""Thin views over the forum's selectors and services."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.core.fragments import lazy_entries
from portal.core.pagecache import public_page
from portal.core.params import parse_int
from portal.members.moderation.rules import cannot_speak_reason
from portal.members.network.selectors import blocked_ids
from portal.members.notifications.services import notifications_mark_read_for_target
from portal.members.rules import is_member

from . import apps_settings, images, rules, selectors, services
from .enums import REACTION_SYMBOLS, HiddenReason, NotificationLevel, Reaction
from .forms import (
    EditForm,
    FlagForm,
    LevelForm,
    MergeForm,
    MoveForm,
    ReplyForm,
    SplitForm,
    TopicForm,
)
from .models import Category, Post, Topic

TOPICS_PER_PAGE = 30


def _topic_list(request, topics, template: str, extra: dict):
    def listed() -> dict:
        page = Paginator(topics, TOPICS_PER_PAGE).get_page(request.GET.get("page"))
        return {"topics_page": page,
                "topics": selectors.decorate(page.object_list, request.user)}

    # Visitors' rows are kept (see the templates); then nothing here is queried.
    context = lazy_entries(listed, ("topics_page", "topics"))
    context.update({"unread_total": None, **extra})
    return render(request, template, context)


@public_page
def index(request):
    categories = list(selectors.categories_for(request.user))
    return render(request, "forum/index.html", {"categories": categories})


@public_page
def latest(request):
    return _topic_list(request, selectors.latest_topics(request.user), "forum/topic_list.html",
                       {"heading": _("Latest discussions"), "tab": "latest"})


@public_page
def top(request):
    period = request.GET.get("period", "month")
    if period not in selectors.TOP_PERIODS:
        period = "month"
    periods = [(key, label, key == period) for key, label in (
        ("week", _("This week")), ("month", _("This month")), ("year", _("This year")),
        ("all", _("All time")))]
    return _topic_list(request, selectors.top_topics(request.user, period),
                       "forum/top.html",
                       {"heading": _("Top discussions"), "tab": "top", "period": period,
                        "periods": periods})


@login_required
def unread(request):
    return _topic_list(request, selectors.unread_topics(request.user), "forum/topic_list.html",
                       {"heading": _("Unread and new"), "tab": "unread"})


def mentions(request):
    """Suggestions for the @mention autocomplete: JSON, members only, at most eight."""
    if not is_member(request.user):
        return JsonResponse({"error": _("Sign in to mention members.")}, status=403)
    prefix = request.GET.get("q", "")[:60]
    category = None
    slug = request.GET.get("category", "")
    if slug:
        category = Category.objects.filter(slug=slug).first()
        if category is None or not rules.can_read_category(request.user, category):
            return JsonResponse({"error": _("Unknown category.")}, status=404)
    results = selectors.mention_suggestions(request.user, prefix, category=category)
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, no-store"
    return response


def _body_with_image(request, form) -> str | None:
    """The message, with the uploaded picture's Markdown at its end; None (and an error
    on the form, the typed text kept) if the picture is refused."""
    body = form.cleaned_data["body"]
    upload = form.cleaned_data.get("image")
    if not upload:
        return body
    try:
        image = images.image_upload(user=request.user, upload=upload)
    except services.ForumError as error:
        form.add_error("image", str(error))
        return None
    return f"{body}\n\n{images.image_markdown(image, form.cleaned_data['image_description'])}"


def _with_mentions(form, category: Category):
    """Tell the message box which category it writes in, for the suggestions."""
    form.fields["body"].widget.attrs["data-mention-category"] = category.slug
    return form


def _category_or_404(request, slug: str) -> Category:
    category = get_object_or_404(Category, slug=slug)
    if not rules.can_read_category(request.user, category):
        raise Http404
    return category


@public_page
def category(request, slug: str):
    category = _category_or_404(request, slug)
    return _topic_list(request, selectors.category_topics(request.user, category),
                       "forum/category.html",
                       {"category": category, "heading": category.display_name,
                        "can_start": rules.can_start_topic(request.user, category)})


@login_required
@require_http_methods(["GET", "POST"])
def topic_new(request, slug: str):
    category = _category_or_404(request, slug)
    if not rules.can_start_topic(request.user, category):
        reason = cannot_speak_reason(request.user)
        if reason:
            messages.error(request, reason)
        else:
            messages.error(request, _("Only moderators start topics in this category."))
        return redirect(category.get_absolute_url())
    form = TopicForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and (
            body := _body_with_image(request, form)) is not None:
        try:
            topic = services.topic_create(author=request.user, category=category,
                                          title=form.cleaned_data["title"], body=body)
        except services.ForumError as error:
            form.add_error(None, str(error))
        else:
            if not topic.is_visible:
                messages.info(request, _("Thank you. As a new member, your first posts are "
                                         "checked by a moderator before others see them."))
            return redirect(topic.get_absolute_url())
    return render(request, "forum/topic_new.html", {"category": category,
                                                    "form": _with_mentions(form, category)},
                  status=400 if form.errors else 200)


def _topic_or_404(request, pk: int):
    topic = selectors.topic_for(request.user, pk)
    if topic is None:
        raise Http404
    return topic


def _merged_target(request, pk: int) -> Topic | None:
    """Where a topic merged into another now lives, if the reader may see it."""
    target_id = (Topic.objects.filter(pk=pk, merged_into__isnull=False)
                 .values_list("merged_into_id", flat=True).first())
    return selectors.topic_for(request.user, target_id) if target_id else None


def _post_rows(request, topic, posts):
    user = request.user
    blocked = blocked_ids(user) if is_member(user) else set()
    counts, mine = selectors.reactions_for(posts, user)
    host = request.get_host().lower()
    cards = selectors.link_cards(posts, user=user, hosts={host, host.split(":")[0]})
    rows = []
    for post in posts:
        post.topic = topic
        given = mine.get(post.pk, set())
        rows.append({
            "post": post,
            "collapsed": post.author_id in blocked,
            "hidden": bool(post.hidden_reason),
            "hidden_by_flags": post.hidden_reason == HiddenReason.FLAGS,
            "pending": post.status == "pending",
            "can_edit": rules.can_edit_post(user, post),
            "can_delete": rules.can_delete_post(user, post) and not post.deleted_at,
            "can_restore": bool(post.deleted_at) and rules.is_forum_moderator(user),
            "can_flag": is_member(user) and post.author_id not in (None, user.pk)
                        and not post.hidden_reason,
            "can_accept": (rules.can_accept_answer(user, topic) and post.number > 1
                           and post.is_shown),
            "is_accepted": topic.accepted_post_id == post.pk,
            "reactions": [{"kind": kind, "label": label, "symbol": REACTION_SYMBOLS[kind],
                           "count": counts.get(post.pk, {}).get(kind, 0), "mine": kind in given}
                          for kind, label in Reaction.choices],
            "can_react": is_member(user) and post.author_id != user.pk and post.is_shown,
            "cards": cards.get(post.pk, []),
        })
    return rows


@public_page
def topic(request, slug: str, pk: int):
    topic = selectors.topic_for(request.user, pk)
    if topic is None or topic.merged_into_id:
        target = _merged_target(request, pk)
        if target is not None:
            return redirect(target.get_absolute_url(), permanent=True)
    if topic is None:
        raise Http404
    if slug != topic.slug:
        return redirect(topic.get_absolute_url(), permanent=True)
    user = request.user
    page = Paginator(selectors.posts_for(user, topic), apps_settings.page_size()).get_page(
        request.GET.get("page"))

    @functools.cache
    def posts() -> list:
        return list(page.object_list)

    level = NotificationLevel.NORMAL
    if is_member(user) and posts():
        services.read_position_advance(user=user, topic=topic, number=posts()[-1].number)
        notifications_mark_read_for_target(user=user, target=topic)
        row = topic.readers.filter(user=user).values_list("level", flat=True).first()
        level = row if row is not None else NotificationLevel.NORMAL
    can_reply = is_member(user) and rules.can_reply(user, topic)
    moderator = rules.is_forum_moderator(user)
    return render(request, "forum/topic.html", {
        "topic": topic, "category": topic.category, "posts_page": page,
        # A visitor's posts are kept (see topic.html): then they are not read here.
        "rows": SimpleLazyObject(lambda: _post_rows(request, topic, posts())),
        "can_reply": can_reply,
        "reply_form": _with_mentions(ReplyForm(), topic.category) if can_reply else None,
        "level_form": LevelForm(initial={"level": level}) if is_member(user) else None,
        "is_moderator": moderator,
        "move_form": MoveForm(categories=Category.objects.exclude(pk=topic.category_id))
        if moderator else None,
        "split_form": SplitForm(categories=Category.objects.all(),
                                initial={"category": topic.category_id},
                                auto_id="split_%s") if moderator else None,
        "merge_form": MergeForm(auto_id="merge_%s") if moderator else None,
        "cannot_post_reason": cannot_speak_reason(user) if is_member(user) else "",
    })


def post_redirect(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("topic"), pk=pk)
    topic = _topic_or_404(request, post.topic_id)
    page = selectors.page_of_number(request.user, topic, post.number)
    url = topic.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return redirect(f"{url}#post-{post.number}")


def _quote(post: Post) -> str:
    quoted = "\n".join(f"> {line}" for line in post.body.strip().splitlines())
    handle = f"@{post.author.username} " if post.author else ""
    return f"{quoted}\n\n{handle}"


@login_required
@require_http_methods(["GET", "POST"])
def reply(request, pk: int):
    topic = _topic_or_404(request, pk)
    if not rules.can_reply(request.user, topic):
        messages.error(request, _("You cannot reply in this topic."))
        return redirect(topic.get_absolute_url())
    initial = {}
    quoted = parse_int(request.GET.get("quote", ""))
    if quoted is not None:
        post = selectors.posts_for(request.user, topic).filter(number=quoted).first()
        if post is not None and post.is_shown:
            initial = {"body": _quote(post), "reply_to": post.number}
    form = ReplyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid() and (
            body := _body_with_image(request, form)) is not None:
        try:
            post = services.post_create(author=request.user, topic=topic, body=body,
                                        reply_to_number=form.cleaned_data["reply_to"])
        except services.ForumError as error:
            form.add_error(None, str(error))
        else:
            if post.status == "pending":
                messages.info(request, _("Thank you. As a new member, your first posts are "
                                         "checked by a moderator before others see them."))
            return redirect(post.get_absolute_url())
    return render(request, "forum/reply.html", {"topic": topic,
                                                "form": _with_mentions(form, topic.category)},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def topic_level(request, pk: int):
    topic = _topic_or_404(request, pk)
    form = LevelForm(request.POST)
    if form.is_valid():
        services.topic_set_level(user=request.user, topic=topic, level=form.cleaned_data["level"])
        messages.success(request, _("Your notification setting for this topic is saved."))
    else:
        messages.error(request, _("Choose how you want to be notified."))
    return redirect(topic.get_absolute_url())


def _post_or_404(request, pk: int) -> Post:
    post = get_object_or_404(Post.objects.select_related("topic__category", "author"), pk=pk)
    topic = _topic_or_404(request, post.topic_id)
    post.topic = topic
    if not rules.can_see_post(request.user, post):
        raise Http404
    return post


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = _post_or_404(request, pk)
    if not rules.can_edit_post(request.user, post):
        raise Http404
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(editor=request.user, post=post, body=form.cleaned_data["body"])
        except services.ForumError as error:
            form.add_error(None, str(error))
        else:
            return redirect(post.get_absolute_url())
    return render(request, "forum/post_edit.html", {
        "post": post, "topic": post.topic, "form": _with_mentions(form, post.topic.category)},
                  status=400 if form.errors else 200)


def post_history(request, pk: int):
    post = _post_or_404(request, pk)
    if post.hidden_reason and not (rules.is_forum_moderator(request.user)
                                   or post.author_id == getattr(request.user, "pk", None)):
        raise Http404
    return render(request, "forum/post_history.html", {
        "post": post, "topic": post.topic,
        "revisions": post.revisions.select_related("editor__profile")})


def _back(post: Post):
    return redirect(post.get_absolute_url())


@login_required
@require_POST
def post_delete(request, pk: int):
    post = _post_or_404(request, pk)
    try:
        services.post_delete(user=request.user, post=post)
    except services.ForumError as error:
        messages.error(request, str(error))
        return _back(post)
    messages.success(request, _("The post is deleted."))
    if post.number == 1 and not rules.is_forum_moderator(request.user):
        return redirect(post.topic.category.get_absolute_url())
    return _back(post)


@login_required
@require_POST
def post_restore(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("topic__category"), pk=pk)
    if not rules.can_read_category(request.user, post.topic.category):
        raise Http404
    try:
        services.post_restore(user=request.user, post=post)
    except services.ForumError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The post is restored."))
    return _back(post)


@login_required
@require_http_methods(["GET", "POST"])
def post_flag(request, pk: int):
    post = _post_or_404(request, pk)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_flag(user=request.user, post=post, reason=form.cleaned_data["reason"],
                               details=form.cleaned_data["details"])
        except services.ForumError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: moderators will look at this post."))
            return _back(post)
    return render(request, "forum/post_flag.html", {"post": post, "topic": post.topic,
                                                    "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def post_react(request, pk: int):
    post = _post_or_404(request, pk)
    try:
        services.reaction_toggle(user=request.user, post=post, kind=request.POST.get("kind", ""))
    except services.ForumError as error:
        messages.error(request, str(error))
    return _back(post)


@login_required
@require_POST
def post_accept(request, pk: int):
    post = _post_or_404(request, pk)
    try:
        services.answer_accept(user=request.user, topic=post.topic, post=post)
    except services.ForumError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Marked as the accepted answer."))
    return _back(post)


@login_required
@require_POST
def topic_unaccept(request, pk: int):
    topic = _topic_or_404(request, pk)
    try:
        services.answer_unaccept(user=request.user, topic=topic)
    except services.ForumError as error:
        messages.error(request, str(error))
    return redirect(reverse("forum:topic", kwargs={"slug": topic.slug, "pk": topic.pk}))
