"""Thin views over the call services: members submit, reviewers score, members vote,
editors rank and decide."""

import io

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.core.enums import Region
from portal.core.i18n import original_of
from portal.core.models import Country, Theme
from portal.core.params import parse_int
from portal.members.notifications.services import notifications_mark_read_for_target

from . import services
from .enums import PracticeType, SubmissionStatus
from .forms import (
    ClarificationAnswerForm,
    ClarificationRequestForm,
    ProgressForm,
    ReportForm,
    SubmissionForm,
    review_form_class,
)
from .models import PracticePage, Submission
from .rules import (
    REVIEWERS_GROUP,
    can_edit_submission,
    can_report_submission,
    can_view_submission,
    has_conflict,
    is_call_editor,
    is_reviewer,
    is_team_member,
)
from .selectors import (
    attachment_copy,
    attachments_listed,
    call_by_slug,
    call_ranking,
    calls_listing,
    practices_filtered,
    reviewer_assignments,
    submissions_of,
)


def practice_index(request, *, index_page):
    # Filtered and queried only when the kept fragment (per address) is missing.
    page = SimpleLazyObject(lambda: Paginator(practices_filtered(params=request.GET), 20)
                            .get_page(request.GET.get("page")))
    return render(request, "goodpractices/practice_index_page.html", {
        "page": index_page, "self": index_page, "practices": page,
        "calls": SimpleLazyObject(calls_listing),
        "themes": Theme.objects.all(), "countries": Country.objects.filter(region__in=[
            Region.WEST_AFRICA, Region.CENTRAL_AFRICA]),
        "regions": Region.choices, "types": PracticeType.choices,
        "years": PracticePage.objects.live().order_by("-year").values_list(
            "year", flat=True).distinct(),
        "selected": request.GET})


def _call(slug):
    call = call_by_slug(slug)
    if call is None:
        raise Http404
    return call


def _submission(request, pk):
    submission = get_object_or_404(Submission.objects.select_related("call", "author__profile"),
                                   pk=pk)
    if not can_view_submission(request.user, submission):
        raise Http404
    return submission


@login_required
def submission_create(request, slug):
    call = _call(slug)
    teams = call.submitters == "teams"
    form = SubmissionForm(request.POST or None, request.FILES or None, teams_allowed=teams)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.submission_create(
                call=call, author=request.user, data=form.cleaned_data,
                partner_countries=form.cleaned_data["partner_countries"],
                coauthors=form.cleaned_data.get("coauthor_emails") or (),
                attachments=form.cleaned_data["files"], language=request.LANGUAGE_CODE)
        except (services.SubmissionError, PermissionError) as error:
            form.add_error(None, str(error))
        else:
            if "submit" in request.POST:
                return _submit(request, submission)
            messages.success(request, _("Draft saved."))
            return redirect(submission.get_absolute_url())
    status = 200 if request.method == "GET" or form.is_valid() else 400
    return render(request, "goodpractices/submission_form.html",
                  {"form": form, "call": call}, status=status)


def _submit(request, submission):
    try:
        services.submission_submit(submission=submission, actor=request.user)
    except (services.SubmissionError, PermissionError) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your submission has been sent."))
    return redirect(submission.get_absolute_url())


@login_required
def submission_edit(request, pk):
    submission = _submission(request, pk)
    if not can_edit_submission(request.user, submission):
        raise PermissionDenied
    form = SubmissionForm(request.POST or None, request.FILES or None, instance=submission,
                          teams_allowed=submission.call.submitters == "teams")
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_update(
                submission=submission, actor=request.user, data=form.cleaned_data,
                partner_countries=form.cleaned_data["partner_countries"],
                coauthors=form.cleaned_data.get("coauthor_emails"),
                attachments=form.cleaned_data["files"])
        except (services.SubmissionError, PermissionError) as error:
            form.add_error(None, str(error))
        else:
            if "submit" in request.POST and submission.status == SubmissionStatus.DRAFT:
                return _submit(request, submission)
            messages.success(request, _("Changes saved."))
            return redirect(submission.get_absolute_url())
    status = 200 if request.method == "GET" or form.is_valid() else 400
    return render(request, "goodpractices/submission_form.html",
                  {"form": form, "call": submission.call, "submission": submission},
                  status=status)


@login_required
def submission_detail(request, pk):
    submission = _submission(request, pk)
    user = request.user
    team = is_team_member(user, submission, confirmed_only=False)
    editor = is_call_editor(user)
    blind = submission.call.blind_review and not team and not editor
    notifications_mark_read_for_target(user=user, target=submission)
    return render(request, "goodpractices/submission_detail.html", {
        "submission": submission, "call": submission.call, "blind": blind, "team": team,
        "editor": editor, "can_edit": can_edit_submission(user, submission),
        "can_report": can_report_submission(user, submission),
        "pending_invite": submission.coauthors.filter(user=user,
                                                      confirmed_at__isnull=True).exists(),
        "coauthors": submission.coauthors.select_related("user__profile"),
        "clarifications": submission.clarifications.all(),
        "events": submission.events.select_related("actor__profile") if (team or editor)
        else [],
        "question_form": ClarificationRequestForm(), "answer_form": ClarificationAnswerForm(),
        "attachments": attachments_listed(user=user, submission=submission),
        "transitions": services.EDITOR_TRANSITIONS.get(submission.status, ()) if editor
        else (), "S": SubmissionStatus,
    })


@login_required
def attachment_download(request, pk, attachment_pk):
    """Only through here, to the team, the assigned reviewers (a blind copy when the call
    is blind) and the editors."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    submission = get_object_or_404(Submission.objects.select_related("call"), pk=pk)
    attachment = get_object_or_404(submission.attachments, pk=attachment_pk)
    if not can_view_submission(request.user, submission):
        raise PermissionDenied
    try:
        copy = attachment_copy(user=request.user, submission=submission, attachment=attachment)
    except OSError as error:
        raise Http404(_("The file of this attachment is missing.")) from error
    source = copy.file if copy.data is None else io.BytesIO(copy.data)
    response = FileResponse(source, as_attachment=True, filename=copy.name,
                            content_type=copy.content_type)
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _action(request, pk, action):
    submission = _submission(request, pk)
    try:
        action(submission)
    except (services.SubmissionError, PermissionError, ValidationError) as error:
        messages.error(request, str(error.message if hasattr(error, "message") else error))
    return redirect(submission.get_absolute_url())


@require_POST
@login_required
def submission_submit(request, pk):
    return _submit(request, _submission(request, pk))


@require_POST
@login_required
def submission_withdraw(request, pk):
    return _action(request, pk, lambda submission: services.submission_withdraw(
        submission=submission, actor=request.user))


@require_POST
@login_required
def coauthor_confirm(request, pk):
    return _action(request, pk, lambda submission: services.coauthor_confirm(
        submission=submission, user=request.user))


@require_POST
@login_required
def submission_decide(request, pk):
    status = request.POST.get("status", "")
    if status not in SubmissionStatus.values:
        return _action(request, pk, lambda submission: (_ for _ in ()).throw(
            services.SubmissionError(_("Unknown status."))))
    return _action(request, pk, lambda submission: services.submission_transition(
        submission=submission, actor=request.user, to_status=status,
        note=request.POST.get("note", "")[:2000]))


@require_POST
@login_required
def clarification_ask(request, pk):
    form = ClarificationRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a question."))
        return redirect("goodpractices:submission", pk=pk)
    return _action(request, pk, lambda submission: services.clarification_request(
        submission=submission, actor=request.user, question=form.cleaned_data["question"],
        language=request.LANGUAGE_CODE))


@require_POST
@login_required
def clarification_answer(request, pk):
    form = ClarificationAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write an answer."))
        return redirect("goodpractices:submission", pk=pk)
    return _action(request, pk, lambda submission: services.clarification_answer(
        submission=submission, actor=request.user, answer=form.cleaned_data["answer"],
        language=request.LANGUAGE_CODE))


@login_required
@require_http_methods(["GET", "POST"])
def submission_report(request, pk):
    submission = get_object_or_404(Submission.objects.select_related("call"), pk=pk)
    if not can_report_submission(request.user, submission):
        raise Http404
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_report(reporter=request.user, submission=submission,
                                       reason=form.cleaned_data["reason"],
                                       details=form.cleaned_data["details"])
        except (services.SubmissionError, PermissionError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you: moderators will look at this submission."))
            back = submission.get_absolute_url() if can_view_submission(
                request.user, submission) else submission.call.url
            return redirect(back)
    return render(request, "goodpractices/submission_report.html",
                  {"submission": submission, "form": form},
                  status=400 if form.errors else 200)


@login_required
def my_submissions(request):
    return render(request, "goodpractices/my_submissions.html",
                  {"submissions": submissions_of(request.user)})


@login_required
def review_list(request):
    if not is_reviewer(request.user):
        raise PermissionDenied
    assignments = reviewer_assignments(request.user)
    reviewed = set(request.user.gp_reviews.filter(score__isnull=False)
                   .values_list("submission_id", flat=True))
    return render(request, "goodpractices/review_list.html",
                  {"assignments": assignments, "reviewed": reviewed})


@login_required
def review_edit(request, pk):
    submission = get_object_or_404(Submission.objects.select_related("call"), pk=pk)
    if not submission.assignments.filter(reviewer=request.user).exists() \
            or has_conflict(request.user, submission):
        raise Http404
    criteria = list(submission.call.criteria.all())
    review = submission.reviews.filter(reviewer=request.user).first()
    initial = {}
    if review:
        initial["private_note"] = review.private_note
        for score in review.scores.all():
            initial[f"value_{score.criterion_id}"] = score.value
            initial[f"comment_{score.criterion_id}"] = score.comment
    form = review_form_class(criteria)(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_save(
                submission=submission, reviewer=request.user,
                values={c.pk: data[f"value_{c.pk}"] for c in criteria},
                comments={c.pk: data[f"comment_{c.pk}"] for c in criteria},
                private_note=data["private_note"])
        except services.SubmissionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Review saved."))
            return redirect("goodpractices:review_list")
    status = 200 if request.method == "GET" or form.is_valid() else 400
    return render(request, "goodpractices/review_form.html", {
        "form": form, "submission": submission, "blind": submission.call.blind_review,
        "partner_countries": submission.partner_countries.all()}, status=status)


@require_POST
@login_required
def vote(request, pk):
    submission = get_object_or_404(Submission.objects.select_related("call"), pk=pk)
    try:
        if request.POST.get("withdraw"):
            services.vote_withdraw(submission=submission, voter=request.user)
            messages.success(request, _("Your vote was withdrawn."))
        else:
            services.vote_cast(submission=submission, voter=request.user)
            messages.success(request, _("Your vote was counted."))
    except services.SubmissionError as error:
        messages.error(request, str(error))
    return redirect(submission.call.url + "#shortlist")


def _int(data, key) -> int:
    return parse_int(data.get(key, "")) or 0


@login_required
def ranking(request, slug):
    call = _call(slug)
    if not is_call_editor(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            if "balance" in request.POST:
                reviewers = get_user_model().objects.filter(groups__name=REVIEWERS_GROUP)
                count = services.assignments_balance(call=call, reviewers=reviewers,
                                                     actor=request.user)
                messages.success(request, _("%(count)d assignments made.") % {"count": count})
            elif "assign" in request.POST:
                reviewer = get_object_or_404(get_user_model(), pk=_int(request.POST, "reviewer"),
                                             groups__name=REVIEWERS_GROUP)
                target = get_object_or_404(call.submissions, pk=_int(request.POST, "submission"))
                services.assignment_create(submission=target, reviewer=reviewer,
                                           actor=request.user)
                messages.success(request, _("Reviewer assigned."))
            elif "open_review" in request.POST:
                services.reviews_open(call=call, actor=request.user)
            elif "winners" in request.POST:
                ids = [pk for value in request.POST.getlist("winner")
                       if (pk := parse_int(value)) is not None]
                services.winners_select(call=call, actor=request.user,
                                        winners=call.submissions.filter(pk__in=ids),
                                        departure_note=request.POST.get("departure_note", ""))
                messages.success(request, _("Winners recorded."))
        except services.SubmissionError as error:
            messages.error(request, str(error))
        return redirect("goodpractices:ranking", slug=slug)
    rows = call_ranking(call=call)
    disagreements = sorted((row for row in rows if row.submission.score_spread is not None),
                           key=lambda row: -row.submission.score_spread)[:5]
    return render(request, "goodpractices/ranking.html", {
        "call": call, "rows": rows, "disagreements": disagreements,
        "all": call.submissions.exclude(status=SubmissionStatus.DRAFT).order_by("title"),
        "reviewers": get_user_model().objects.filter(groups__name=REVIEWERS_GROUP)
        .select_related("profile").order_by("pk"),
        "S": SubmissionStatus})


@require_POST
@login_required
def progress_post(request, pk):
    practice = get_object_or_404(PracticePage.objects.live(), pk=pk)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            # Progress belongs to the practice, not to one language version of its page.
            services.progress_update_create(practice=original_of(practice),
                                            author=request.user,
                                            text=form.cleaned_data["text"],
                                            language=request.LANGUAGE_CODE)
        except (services.SubmissionError, PermissionError) as error:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Write an update."))
    return redirect(practice.url)
