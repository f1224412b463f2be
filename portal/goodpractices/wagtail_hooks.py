"""Editors find every submission in the Wagtail admin: a read-only listing filtered by call
and status, whose rows lead to the submission, its call's ranking and the review form.
Decisions stay on those pages, where their rules are checked."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Submission
from .rules import is_call_editor


class EditorsReadOnly(ModelPermissionPolicy):
    """Editors may look; nobody adds, changes or deletes submissions here."""

    def user_has_permission(self, user, action):
        return action == "view" and is_call_editor(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and is_call_editor(user)


class LinksColumn(Column):
    cell_template_name = "goodpractices/admin/links_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["detail_url"] = instance.get_absolute_url()
        context["ranking_url"] = reverse("goodpractices:ranking",
                                         kwargs={"slug": instance.call.slug})
        context["review_url"] = reverse("goodpractices:review", kwargs={"pk": instance.pk}) \
            if instance.pk in self._assigned(parent_context["request"]) else ""
        return context

    @staticmethod
    def _assigned(request) -> set[int]:
        """The viewer's own assignments, read once per listing."""
        from .models import ReviewerAssignment

        if not hasattr(request, "_gp_assigned"):
            request._gp_assigned = set(ReviewerAssignment.objects.filter(
                reviewer_id=request.user.pk).values_list("submission_id", flat=True))
        return request._gp_assigned


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("call")


class SubmissionViewSet(ModelViewSet):
    model = Submission
    index_view_class = SubmissionIndexView
    icon = "doc-full"
    menu_label = _("Submissions")
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "good-practices/submissions"
    name = "goodpractices_submissions"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["call", "status"]
    search_fields = ["title", "summary", "organisation"]
    list_per_page = 50
    ordering = ["-submitted_at", "-pk"]
    inspect_view_fields = ["title", "call", "status", "organisation", "summary", "idea",
                           "partner_organisations", "target_groups", "sectors",
                           "expected_results", "resources_needed", "submitted_at",
                           "expert_score", "score_spread", "review_count", "vote_count",
                           "final_score", "rank", "language"]

    form_fields = ["title"]  # the forms exist for Wagtail's sake; the policy refuses them

    @property
    def list_display(self):
        return [
            TitleColumn("title", label=_("title"),
                        get_url=lambda submission: submission.get_absolute_url()),
            Column("call", label=_("call")),
            Column("status", label=_("status"), accessor="get_status_display"),
            Column("organisation", label=_("organisation")),
            Column("submitted_at", label=_("submitted")),
            Column("expert_score", label=_("expert score")),
            Column("vote_count", label=_("votes")),
            Column("rank", label=_("rank")),
            LinksColumn("links", label=_("pages")),
        ]



register_permission_policy(Submission, EditorsReadOnly(Submission))


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return SubmissionViewSet()
