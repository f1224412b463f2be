from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import FailedEmail
from .taskqueue import queue_health


def _superuser(request):
    if not request.user.is_superuser:
        raise PermissionDenied


def failed_emails(request):
    _superuser(request)
    page = Paginator(FailedEmail.objects.all(), 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "core/admin/failed_emails.html", {
        "page": page, "health": queue_health()})


@require_POST
def failed_email_resend(request, pk):
    _superuser(request)
    failed = get_object_or_404(FailedEmail, pk=pk)
    services.failed_email_resend(failed=failed)
    messages.success(request, _("The e-mail to %(to)s is queued again.") % {"to": failed.recipients})
    return redirect("core_admin:failed_emails")


@require_POST
def failed_email_delete(request, pk):
    _superuser(request)
    get_object_or_404(FailedEmail, pk=pk).delete()
    messages.success(request, _("The failed e-mail is deleted."))
    return redirect("core_admin:failed_emails")
