"""Moderators run the forums; they do not publish pages.

Wagtail's initial data gives its "Moderators" group add/edit/publish/lock on the root page
and attaches a "Moderators approval" workflow there. This portal reuses the group name for
forum moderators, so both are removed; pages are published through each section's own
workflow (e.g. the resource review) or by administrators.
"""

from django.db import migrations


def remove_page_rights(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        GroupPagePermission.objects.filter(group=moderators).delete()
    WorkflowPage.objects.filter(page__depth=1, workflow__name="Moderators approval").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0002_editor_moderator_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(remove_page_rights, migrations.RunPython.noop)]
