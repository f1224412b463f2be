"""Editors and moderators are Django groups with the Wagtail permissions their work needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"), ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"), ("wagtailimages", "choose_image"),
    ("core", "add_theme"), ("core", "change_theme"),
    ("core", "add_country"), ("core", "change_country"),
    ("core", "add_language"), ("core", "change_language"),
]
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("members", "view_profile"), ("members", "change_profile"),
]


def grant(apps, group_name, permissions):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=group_name)
    for app_label, codename in permissions:
        permission = Permission.objects.filter(content_type__app_label=app_label,
                                               codename=codename).first()
        if permission is not None:
            group.permissions.add(permission)


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    grant(apps, "Editors", EDITOR_PERMISSIONS)
    grant(apps, "Moderators", MODERATOR_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("core", "0003_home_page"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
