"""Members-only enforcement on Wagtail's own routes: page serving and document serving."""

from django.http import Http404
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import ResourcePage
from .rules import can_view_resource
from .selectors import DocumentAccess, document_access
from .views import members_only_response


@hooks.register("before_serve_page", order=-100)
def invite_visitors_to_members_only_resources(page, request, serve_args, serve_kwargs):
    # Runs before Wagtail's privacy check, so a visitor gets the invitation (403) rather
    # than a bare redirect, and never the content.
    if isinstance(page, ResourcePage) and not can_view_resource(request.user, page):
        return members_only_response(request)
    return None


@hooks.register("before_serve_document", order=-100)
def protect_library_documents(document, request):
    """/documents/<id>/<name> follows the same rule as the library's download URL."""
    access = document_access(user=request.user, document=document)
    if access is DocumentAccess.MEMBERS_ONLY:
        return members_only_response(request)
    if access is DocumentAccess.HIDDEN:
        raise Http404(_("No such document."))
    return None
