"""Committee exports of a call (CSV and XLSX): submissions, scores and votes. A blind call
leaves out authors, co-authors and organisations."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .enums import SubmissionStatus
from .models import CallPage
from .rules import is_call_editor
from .selectors import call_by_slug


def export_rows(call: CallPage) -> list[list]:
    header = [_("ID"), _("Title"), _("Status"), _("Partner countries"), _("Expert score"),
              _("Spread"), _("Reviews"), _("Votes")]
    if not call.blind_review:
        # "Author" alone is also the singular of a plural elsewhere: a context keeps it apart.
        header[2:2] = [pgettext("column heading", "Author"), _("Organisation")]
    rows = [header]
    submissions = (call.submissions.exclude(status=SubmissionStatus.DRAFT)
                   .select_related("author__profile").prefetch_related("partner_countries")
                   .order_by("pk"))
    for sub in submissions:
        row = [sub.pk, sub.title, sub.get_status_display(),
               ", ".join(country.name for country in sub.partner_countries.all()),
               sub.expert_score, sub.score_spread, sub.review_count, sub.vote_count]
        if not call.blind_review:
            author = sub.author.profile.name if sub.author_id else ""
            row[2:2] = [author, sub.organisation]
        rows.append([_safe(value) for value in row])
    return rows


def _safe(value):
    """Spreadsheet formulas never run from member text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return "" if value is None else value


def call_export(request, slug, fmt):
    call = call_by_slug(slug)
    if call is None:
        raise Http404
    if not is_call_editor(request.user):
        raise PermissionDenied
    rows = export_rows(call)
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{call.slug}.csv"'
        csv.writer(response).writerows(rows)
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Submissions"
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
        response["Content-Disposition"] = f'attachment; filename="{call.slug}.xlsx"'
        return response
    raise Http404
