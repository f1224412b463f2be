"""The home page (and the pages under it that have no workflow of their own, such as the
privacy notice) goes through the same review as the library: an editor submits, a member
of "Resource approvers" approves and publishes. Without it, editors could only save drafts
of those pages."""

from django.db import migrations

APPROVERS = "Resource approvers"
WORKFLOW_NAME = "Resource review"


def setup(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    Page = apps.get_model("wagtailcore", "Page")

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    approvers = Group.objects.filter(name=APPROVERS).first()
    home = Page.objects.filter(depth=2).order_by("path").first()
    if workflow is None or approvers is None or home is None:
        return
    WorkflowPage.objects.get_or_create(page_id=home.pk, defaults={"workflow": workflow})
    for codename in ("add_page", "change_page", "publish_page"):
        permission = Permission.objects.filter(content_type__app_label="wagtailcore",
                                               codename=codename).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=approvers, page_id=home.pk,
                                                      permission=permission)


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_library_and_review_workflow")]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
