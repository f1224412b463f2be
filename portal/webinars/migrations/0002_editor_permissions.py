"""Editors run webinars: they may edit, publish and lock them, and manage series and speakers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODEL_PERMISSIONS = {
    "webinar": ["add", "change", "delete", "view", "publish", "lock", "unlock"],
    "webinarseries": ["add", "change", "delete", "view"],
    "speaker": ["add", "change", "delete", "view"],
    "registration": ["view", "change"],
}
EXTRA = {"publish", "lock", "unlock"}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("webinars")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    editors, _ = Group.objects.get_or_create(name="Editors")
    for model, actions in MODEL_PERMISSIONS.items():
        content_type, _ = ContentType.objects.get_or_create(app_label="webinars", model=model)
        for action in actions:
            codename = f"{action}_{model}"
            if action in EXTRA:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type, codename=codename,
                    defaults={"name": f"Can {action} {model}"})
            else:
                permission = Permission.objects.filter(content_type=content_type,
                                                       codename=codename).first()
            if permission is not None:
                editors.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("webinars", "0001_initial"),
        ("members", "0002_editor_moderator_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
