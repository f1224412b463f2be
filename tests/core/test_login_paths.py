"""Every way into the site asks for the second factor: the admin logins send people to
the one login page, and a password alone never opens a session for a TOTP user."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Group

from tests.factories.members import PASSWORD, UserFactory


@pytest.fixture
def editor_with_totp(db):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    TOTP.activate(editor, generate_totp_secret())
    assert Authenticator.objects.filter(user=editor, type=Authenticator.Type.TOTP).exists()
    return editor


def _logged_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_login_forms_send_people_to_the_login_with_mfa(client, editor_with_totp, path):
    response = client.get(f"{path}?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "next=%2Fadmin%2Fpages%2F" in response["Location"]


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_a_password_posted_to_an_admin_login_opens_no_session(client, editor_with_totp, path):
    client.post(path, {"username": editor_with_totp.username, "password": PASSWORD,
                       "email": editor_with_totp.email})
    assert not _logged_in(client)
    assert client.get("/admin/").status_code == 302


def test_the_portal_login_asks_for_the_code_before_opening_a_session(client, editor_with_totp):
    response = client.post("/accounts/login/", {"login": editor_with_totp.email,
                                                "password": PASSWORD})
    assert response.status_code == 302
    assert "/accounts/2fa/authenticate/" in response["Location"]
    assert not _logged_in(client)


def test_the_admin_redirects_visitors_to_the_portal_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_admin_password_reset_is_the_portal_one(client, db):
    response = client.get("/admin/password_reset/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/password/reset/")


def test_the_admin_asks_no_outside_avatar_service(client, db):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get("/admin/").content.decode()
    assert "gravatar" not in page.lower()
