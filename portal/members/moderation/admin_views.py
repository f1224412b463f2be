"""The moderators' queue in the Wagtail admin: open reports first, each with what was
reported, and the decision form."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.core.params import local_path

from ..rules import is_moderator
from .forms import DecisionForm
from .models import Report, ReportStatus
from .services import (
    ModerationError,
    decisions_for,
    report_decide,
    silence_lift,
    suspension_lift,
)


def moderator_view(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_moderator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@moderator_view
def queue(request):
    status = request.GET.get("status", ReportStatus.OPEN)
    if status not in ReportStatus.values and status != "all":
        status = ReportStatus.OPEN
    reports = Report.objects.select_related("member__profile", "reporter__profile",
                                            "handled_by__profile")
    if status != "all":
        reports = reports.filter(status=status)
    page = Paginator(reports, 30).get_page(request.GET.get("page"))
    return TemplateResponse(request, "members/moderation/admin_queue.html", {
        "page": page, "status": status, "statuses": ReportStatus.choices,
        "open_count": Report.objects.filter(status=ReportStatus.OPEN).count()})


@moderator_view
def decide(request, pk: int):
    report = get_object_or_404(Report.objects.select_related(
        "member__profile", "reporter__profile", "handled_by__profile"), pk=pk)
    form = DecisionForm(request.POST or None, decisions=decisions_for(report))
    if request.method == "POST" and form.is_valid():
        try:
            applied = report_decide(report=report, moderator=request.user,
                                    decision=form.cleaned_data["decision"],
                                    days=form.cleaned_data.get("days"),
                                    note=form.cleaned_data.get("note", ""))
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            if applied:
                messages.success(request, _("Decision recorded; the member has been told."))
            else:
                messages.warning(request, _("Another moderator already decided on this report."))
            return redirect("members_moderation:queue")
    others = (Report.objects.filter(member=report.member).exclude(pk=report.pk)
              .order_by("-created_at")[:10])
    return TemplateResponse(request, "members/moderation/admin_decide.html",
                            {"report": report, "form": form, "others": others})


@moderator_view
def lift(request, pk: int):
    """End a member's suspension early (POST from a report's page)."""
    return _lift(request, pk, suspension_lift, _("The suspension has been lifted."))


@moderator_view
def lift_silence(request, pk: int):
    """End a member's silence early (POST from a report's page)."""
    return _lift(request, pk, silence_lift, _("The silence has been lifted."))


def _lift(request, pk: int, service, done: str):
    from django.contrib.auth import get_user_model
    from django.http import HttpResponseNotAllowed

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    member = get_object_or_404(get_user_model(), pk=pk)
    service(member=member)
    messages.success(request, done)
    return redirect(local_path(request, request.POST.get("next", ""))
                    or "members_moderation:queue")
