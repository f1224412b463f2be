"""Organiser tools in the Wagtail admin: registrants, exports, attendance, messages, charts."""

import csv
import io
from datetime import datetime
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from portal.core.params import parse_int

from . import questions as registration_questions
from . import selectors, services
from .admin_forms import AttendanceImportForm, RegistrantFilterForm, WebinarMessageForm
from .charts import horizontal_bars, timeline
from .enums import RegistrationStatus
from .models import Registration, Webinar
from .rules import can_manage_registrations

PAGE_SIZE = 50
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def organiser_view(view):
    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        if not can_manage_registrations(request.user):
            raise PermissionDenied
        webinar = get_object_or_404(Webinar, pk=pk)
        return view(request, webinar, *args, **kwargs)

    return wrapped


def _filtered(request, webinar):
    form = RegistrantFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.registrants(
        webinar, status=filters.get("status", ""), country=filters.get("country"),
        organisation_type=filters.get("organisation_type", ""),
        attended=filters.get("attended", ""), query=filters.get("q", ""))
    return form, rows


def _context(webinar, **extra):
    return {
        "webinar": webinar,
        "counts": selectors.registrant_counts(webinar),
        "edit_url": reverse("wagtailsnippets_webinars_webinar:edit", args=[webinar.pk]),
        **extra,
    }


@organiser_view
def registrants(request, webinar):
    form, rows = _filtered(request, webinar)
    page = Paginator(rows.prefetch_related("answers"), PAGE_SIZE).get_page(request.GET.get("p"))
    questions = registration_questions.webinar_questions(webinar)
    for registration in page.object_list:
        answers = registration_questions.answers_by_question(registration)
        registration.answer_list = [(question.label, answers[question.pk])
                                    for question in questions if question.pk in answers]
    return TemplateResponse(request, "webinars/admin/registrants.html", _context(
        webinar, form=form, page=page, filtered_count=page.paginator.count,
        questions=questions,
        query_string=request.GET.urlencode(),
        local_start=webinar.local_start, now=timezone.now()))


@organiser_view
@require_POST
def attendance(request, webinar):
    ids = [pk for value in request.POST.getlist("registration")
           if (pk := parse_int(value)) is not None]
    attended = request.POST.get("action") == "attended"
    changed = services.attendance_mark(webinar=webinar, registration_ids=ids, attended=attended)
    messages.success(request, ngettext("%(count)d registration updated.",
                                       "%(count)d registrations updated.", changed)
                     % {"count": changed})
    return redirect(_back(request, webinar))


@organiser_view
@require_POST
def promote(request, webinar, registration_id):
    registration = get_object_or_404(Registration, pk=registration_id, webinar=webinar)
    if services.registration_promote(registration=registration):
        counts = selectors.registrant_counts(webinar)
        message = _("%(name)s now has a place and has been told by e-mail.") % {
            "name": registration.name}
        if webinar.capacity is not None and counts["confirmed"] > webinar.capacity:
            message += " " + _("Confirmed registrations now exceed the capacity (%(n)d).") % {
                "n": webinar.capacity}
        messages.success(request, message)
    else:
        messages.warning(request, _("%(name)s was no longer on the waiting list.") % {
            "name": registration.name})
    return redirect(_back(request, webinar))


def _back(request, webinar):
    url = reverse("webinars_admin:registrants", args=[webinar.pk])
    query = request.POST.get("query_string", "")
    return f"{url}?{query}" if query else url


def _cell(value):
    """Spreadsheet-safe: text with a leading formula character is neutralised; numbers and
    dates stay what they are."""
    if value is None:
        return ""
    if isinstance(value, int | float | datetime):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


EXPORT_COLUMNS = [
    ("name", lambda r, z: r.name),
    ("email", lambda r, z: r.email),
    ("organisation", lambda r, z: r.organisation),
    ("organisation_type", lambda r, z: r.get_organisation_type_display()),
    ("country", lambda r, z: r.country.display_name if r.country else ""),
    ("job_title", lambda r, z: r.job_title),
    ("status", lambda r, z: r.get_status_display()),
    ("registered", lambda r, z: _local(r.created_at, z)),
    ("cancelled", lambda r, z: _local(r.cancelled_at, z)),
    ("language", lambda r, z: r.language),
    ("news_of_future_webinars", lambda r, z: _("yes") if r.consent_updates else _("no")),
    ("attended", lambda r, z: _("yes") if r.attended else _("no")),
    ("first_joined", lambda r, z: _local(r.first_joined_at, z)),
    ("joins", lambda r, z: r.join_count),
    ("member", lambda r, z: _("yes") if r.user_id else _("no")),
]
TIME_COLUMNS = {"registered", "cancelled", "first_joined"}


# Column headings in the organiser's language (the admin's language).
EXPORT_HEADINGS = {
    "name": gettext_lazy("Name"), "email": gettext_lazy("E-mail"),
    "organisation": gettext_lazy("Organisation"),
    "organisation_type": gettext_lazy("Type of organisation"),
    "country": gettext_lazy("Country"), "job_title": gettext_lazy("Job title"),
    "status": gettext_lazy("Status"), "registered": gettext_lazy("Registered"),
    "cancelled": gettext_lazy("Cancelled"), "language": gettext_lazy("Language"),
    "news_of_future_webinars": gettext_lazy("News of future webinars"),
    "attended": gettext_lazy("Attended"), "first_joined": gettext_lazy("First joined"),
    "joins": gettext_lazy("Joins"), "member": gettext_lazy("Member"),
}


def _local(value, zone):
    """The instant as a wall-clock time in the webinar's zone (named in the header)."""
    if value is None:
        return None
    return value.astimezone(zone).replace(tzinfo=None, second=0, microsecond=0)


def _export_rows(webinar, rows, *, typed: bool = False):
    """The header, then one row per registration: the standard columns, then one column per
    question of the organiser's. Times read in the webinar's zone, which each time column's
    header names; `typed` keeps numbers and times as such (for spreadsheets)."""
    from portal.core.timezones import get_zone, in_zone

    zone = get_zone(webinar.timezone)
    questions = registration_questions.webinar_questions(webinar)
    zone_label = f"{webinar.timezone}, {in_zone(webinar.start, webinar.timezone).offset_label}"
    headings = [(name, str(EXPORT_HEADINGS.get(name, name))) for name, _getter in EXPORT_COLUMNS]
    yield [f"{heading} ({zone_label})" if name in TIME_COLUMNS else heading
           for name, heading in headings] + [question.label for question in questions]
    for registration in rows.prefetch_related("answers").iterator(chunk_size=500):
        values = [getter(registration, zone) for _name, getter in EXPORT_COLUMNS]
        if not typed:
            values = [value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime)
                      else value for value in values]
        answers = registration_questions.answers_by_question(registration)
        values += [answers.get(question.pk, "") for question in questions]
        yield [_cell(value) for value in values]


def _filename(webinar, extension):
    stamp = timezone.now().strftime("%Y%m%d")
    return f"registrants-{slugify(webinar.slug)[:60]}-{stamp}.{extension}"


@organiser_view
def export_csv(request, webinar):
    _form, rows = _filtered(request, webinar)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _export_rows(webinar, rows):
        writer.writerow(row)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(webinar, "csv")}"'
    return response


@organiser_view
def export_xlsx(request, webinar):
    from openpyxl import Workbook

    _form, rows = _filtered(request, webinar)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Registrants")[:31])
    for row in _export_rows(webinar, rows, typed=True):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_filename(webinar, "xlsx")}"'
    return response


@organiser_view
def attendance_import(request, webinar):
    form = AttendanceImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            result = services.attendance_import(webinar=webinar, text=form.cleaned_data["file"])
            form = AttendanceImportForm()
        else:
            status = 400
    return TemplateResponse(request, "webinars/admin/attendance_import.html",
                            _context(webinar, form=form, result=result), status=status)


@organiser_view
def message(request, webinar):
    form = WebinarMessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sent = services.webinar_message_send(
            webinar=webinar, audience=form.cleaned_data["audience"],
            subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
            sent_by=request.user)
        messages.success(request, ngettext("Your message is on its way to %(count)d person.",
                                           "Your message is on its way to %(count)d people.",
                                           sent.recipient_count) % {"count": sent.recipient_count})
        return redirect("webinars_admin:registrants", pk=webinar.pk)
    return TemplateResponse(request, "webinars/admin/message.html", _context(
        webinar, form=form, history=webinar.messages.select_related("sent_by")[:20]),
        status=400 if request.method == "POST" else 200)


@organiser_view
def reports(request, webinar):
    charts = [
        timeline(_("Registrations per day"), selectors.registrations_by_day(webinar)),
        horizontal_bars(_("Registrations by country"),
                        selectors.registrations_by_country(webinar)),
        horizontal_bars(_("Registrations by type of organisation"),
                        selectors.registrations_by_organisation_type(webinar)),
    ]
    return TemplateResponse(request, "webinars/admin/reports.html",
                            _context(webinar, charts=charts,
                                     statuses=RegistrationStatus.choices))
