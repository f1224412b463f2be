from django.contrib.auth.models import Group

from tests.factories.members import UserFactory


def test_editor_and_moderator_groups_can_reach_the_admin(db):
    for name in ("Editors", "Moderators"):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=name))
        assert user.has_perm("wagtailadmin.access_admin")


def test_editors_can_manage_documents_images_and_taxonomy(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    for permission in ("wagtaildocs.add_document", "wagtailimages.add_image", "core.change_theme"):
        assert user.has_perm(permission), permission


def test_moderators_cannot_edit_taxonomy(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    assert not user.has_perm("core.change_theme")


def test_editor_reaches_the_wagtail_dashboard(client, db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert client.get("/admin/").status_code == 200


def test_moderators_have_no_page_publishing_rights(db):
    from wagtail.models import GroupPagePermission, Page

    moderators = Group.objects.get(name="Moderators")
    assert not GroupPagePermission.objects.filter(group=moderators).exists()
    user = UserFactory()
    user.groups.add(moderators)
    home = Page.objects.get(depth=2)
    assert not home.permissions_for_user(user).can_publish()
