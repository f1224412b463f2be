"""Moderators edit the forum's categories and read its moderation log in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [("forum", "add_category"), ("forum", "change_category"),
               ("forum", "delete_category"), ("forum", "view_category"),
               ("forum", "view_moderationlog")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label,
                                               codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial"), ("members", "0002_editor_moderator_groups")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
