from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from .models import Webinar


def registrants(request, pk):
    webinar = get_object_or_404(Webinar, pk=pk)
    return TemplateResponse(request, "webinars/admin/registrants.html", {"webinar": webinar})
