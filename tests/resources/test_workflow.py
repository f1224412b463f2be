import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.resources.models import ResourcePage
from tests.factories.members import UserFactory
from tests.factories.resources import document, library, resource

pytestmark = pytest.mark.django_db


def _user_in(group_name):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_review_workflow_is_attached_to_the_library():
    workflow = Workflow.objects.get(name="Resource review")
    assert workflow.active
    tasks = [task.specific for task in workflow.tasks]
    assert len(tasks) == 1
    assert [group.name for group in tasks[0].groups.all()] == ["Resource approvers"]
    assert library().get_workflow() == workflow
    assert resource().get_workflow() == workflow


def test_editors_submit_but_only_approvers_publish():
    page = resource()
    editor, approver = _user_in("Editors"), _user_in("Resource approvers")
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert library().permissions_for_user(editor).can_add_subpage()
    assert page.permissions_for_user(approver).can_publish()


def test_submitted_resource_goes_live_when_an_approver_approves():
    page = resource(live=False, title="Draft brief")
    editor, approver = _user_in("Editors"), _user_in("Resource approvers")
    page.save_revision(user=editor)
    workflow_state = page.get_workflow().start(page, editor)
    task_state = workflow_state.current_task_state
    task = task_state.task.specific

    assert not [name for name, *_ in task.get_actions(page, editor) if name == "approve"]
    assert "approve" in [name for name, *_ in task.get_actions(page, approver)]
    assert not ResourcePage.objects.get(pk=page.pk).live

    task.on_action(task_state, approver, "approve")

    page.refresh_from_db()
    workflow_state.refresh_from_db()
    assert page.live
    assert workflow_state.status == workflow_state.STATUS_APPROVED


def test_scheduled_resource_goes_live_at_its_time():
    page = resource(live=False, title="Embargoed study")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=2)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert not page.live

    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled")

    page.refresh_from_db()
    assert page.live


def test_draft_changes_preview_without_going_live(client):
    page = resource(title="Live title")
    page.title = "Draft title"
    page.save_revision()
    preview = page.get_latest_revision_as_object().make_preview_request()
    assert preview.status_code == 200
    assert "Draft title" in preview.content.decode()
    assert "Live title" in client.get(page.url).content.decode()


def test_admin_editor_forms_render(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = resource()
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    add_url = f"/admin/pages/add/resources/resourcepage/{library().pk}/"
    assert client.get(add_url).status_code == 200


def test_admin_creates_a_resource_with_regions_and_documents(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    doc = document()
    data = nested_form_data({
        "title": "Regional synthesis", "slug": "regional-synthesis",
        "summary": "What sixteen studies found.", "resource_type": "report",
        "access": "public", "publication_date": "2019-09-11",
        "body": streamfield([("rich_text", rich_text("<p>Findings.</p>"))]),
        "attachments": inline_formset([{"document": doc.pk, "title": ""}]),
        "authors": inline_formset([{"name": "Ada Obi", "affiliation": "ILO"}]),
        "related_choices": inline_formset([]),
        "organisations": "ILO", "external_link": "", "external_link_label": "",
        "action-publish": "publish",
    })
    data["explicit_regions"] = ["west", "central"]
    data["comments-TOTAL_FORMS"] = 0
    data["comments-INITIAL_FORMS"] = 0
    data["comments-MIN_NUM_FORMS"] = 0
    data["comments-MAX_NUM_FORMS"] = 1000
    response = client.post(f"/admin/pages/add/resources/resourcepage/{library().pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ResourcePage.objects.get(slug="regional-synthesis")
    assert page.live
    assert page.explicit_regions == ",central,west,"
    assert page.regions == ["west", "central"]
    assert [a.document_id for a in page.attachments.all()] == [doc.pk]


def test_home_page_goes_through_review_so_editors_can_submit_it():
    from portal.core.models import HomePage

    home = HomePage.objects.first()
    editor, approver = _user_in("Editors"), _user_in("Resource approvers")

    assert home.get_workflow() == Workflow.objects.get(name="Resource review")
    assert home.permissions_for_user(approver).can_publish()
    assert not home.permissions_for_user(editor).can_publish()


def test_demo_has_a_resource_approver_who_is_not_the_superuser():
    import io

    call_command("load_demo", stdout=io.StringIO())

    approvers = Group.objects.get(name="Resource approvers").user_set.all()
    assert [user.email for user in approvers] == ["approver@example.org"]
    assert not approvers[0].is_superuser
