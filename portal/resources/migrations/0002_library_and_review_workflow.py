"""The library page at /resources/ and its moderation: editors submit, approvers publish.

- "Resource approvers" group: admin access, documents and images, and add/edit/publish
  on the library.
- "Editors" get add/edit (not publish) on the library.
- Workflow "Resource review" with one group-approval task for the approvers, attached to
  the library, so every resource an editor submits waits for an approver.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
APPROVERS = "Resource approvers"
EDITORS = "Editors"
WORKFLOW_NAME = "Resource review"
TASK_NAME = "Approve resource"
APPROVER_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
INTRO = (
    "<p>Studies, policy briefs, country reports, toolkits, training material and webinar "
    "recordings on skills partnerships and labour migration. Filter by type, theme, country, "
    "region, language or year.</p>"
)


def _next_child_path(Page, parent):
    last = (Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path").values_list("path", flat=True).first())
    number = 0
    if last:
        for char in last[-STEPLEN:]:
            number = number * len(ALPHABET) + ALPHABET.index(char)
    number += 1
    digits = ""
    for _position in range(STEPLEN):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return parent.path + digits


def _library(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("core", "HomePage")
    ResourceIndexPage = apps.get_model("resources", "ResourceIndexPage")

    existing = ResourceIndexPage.objects.order_by("path").first()
    if existing is not None:
        return existing
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return None
    if Page.objects.filter(path__startswith=home.path, depth=home.depth + 1,
                           slug="resources").exists():
        return None  # an editor's page already uses the address; leave it alone
    content_type, _created = ContentType.objects.get_or_create(app_label="resources",
                                                               model="resourceindexpage")
    now = timezone.now()
    library = ResourceIndexPage.objects.create(
        title="Resource library", draft_title="Resource library", slug="resources",
        intro=INTRO, content_type=content_type, path=_next_child_path(Page, home),
        depth=home.depth + 1, numchild=0, url_path=f"{home.url_path}resources/",
        locale_id=home.locale_id, live=True, has_unpublished_changes=False,
        first_published_at=now, last_published_at=now,
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count())
    return library


def _permission(Permission, app_label, codename):
    return Permission.objects.filter(content_type__app_label=app_label,
                                     codename=codename).first()


def setup(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    approvers, _created = Group.objects.get_or_create(name=APPROVERS)
    for app_label, codename in APPROVER_MODEL_PERMISSIONS:
        permission = _permission(Permission, app_label, codename)
        if permission is not None:
            approvers.permissions.add(permission)
    editors, _created = Group.objects.get_or_create(name=EDITORS)

    task_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore",
                                                            model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type,
                                                active=True)
    task.groups.add(approvers)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME,
                                                        defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                       defaults={"sort_order": 0})

    library = _library(apps)
    if library is None:
        return
    for group, codenames in ((approvers, ["add_page", "change_page", "publish_page",
                                          "lock_page", "unlock_page"]),
                             (editors, ["add_page", "change_page"])):
        for codename in codenames:
            permission = _permission(Permission, "wagtailcore", codename)
            if permission is not None:
                GroupPagePermission.objects.get_or_create(group=group, page_id=library.pk,
                                                          permission=permission)
    WorkflowPage.objects.update_or_create(page_id=library.pk, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("resources", "0001_initial"),
        ("core", "0003_home_page"),
        ("members", "0002_editor_moderator_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(setup, migrations.RunPython.noop)]
