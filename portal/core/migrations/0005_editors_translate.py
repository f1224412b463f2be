"""Editors may start translations (wagtail-localize's "submit translation" permission)."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="wagtail_localize",
                                           codename="submit_translation").first()
    editors = Group.objects.filter(name="Editors").first()
    if permission is not None and editors is not None:
        editors.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_french_locale"),
        ("members", "0002_editor_moderator_groups"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
