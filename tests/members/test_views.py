import json
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.core.models import Country, Theme
from portal.members.enums import Visibility
from portal.members.models import Profile
from tests.factories.members import PASSWORD, UserFactory, member


def _png(size=(800, 600)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (11, 85, 99)).save(buffer, format="PNG")
    return buffer.getvalue()


def _profile_form(**overrides):
    data = {"display_name": "Fatou Ndiaye", "job_title": "Policy adviser",
            "organisation": "ECOWAS", "organisation_type": "international",
            "country": Country.objects.get(iso_code="SN").pk, "bio": "Works on *mobility*.",
            "timezone": "Africa/Dakar", "visibility": Visibility.MEMBERS,
            "email_webinar_announcements": "on",
            "themes": [Theme.objects.get(slug="governance").pk]}
    data.update(overrides)
    return data


def test_profile_is_created_with_the_account(db):
    user = UserFactory()
    assert Profile.objects.filter(user=user).exists()


def test_profile_edit_saves_and_marks_the_profile_complete(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("members:profile_edit"), _profile_form())
    assert response.status_code == 302
    profile = Profile.objects.get(user=user)
    assert profile.display_name == "Fatou Ndiaye"
    assert profile.completed_at is not None
    assert list(profile.themes.values_list("slug", flat=True)) == ["governance"]


def test_profile_edit_with_missing_fields_rerenders_with_errors_and_keeps_input(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("members:profile_edit"),
                           _profile_form(display_name="", organisation="Kept Org"))
    assert response.status_code == 200
    assert response.context["form"].errors["display_name"]
    assert 'value="Kept Org"' in response.content.decode()
    assert Profile.objects.get(user=user).organisation == ""


def test_profile_photo_is_resized_to_a_square_jpeg(client, db):
    user = UserFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("me.png", _png(), content_type="image/png")
    client.post(reverse("members:profile_edit"), _profile_form(photo=upload))
    profile = Profile.objects.get(user=user)
    with Image.open(profile.photo.path) as image:
        assert image.format == "JPEG"
        assert image.size == (512, 512)


def test_profile_photo_that_is_not_an_image_is_refused_whatever_its_name(client, db):
    user = UserFactory()
    client.force_login(user)
    upload = SimpleUploadedFile("me.jpg", b"<?php echo 'hi'; ?>", content_type="image/jpeg")
    response = client.post(reverse("members:profile_edit"), _profile_form(photo=upload))
    assert response.status_code == 200
    assert "photo" in response.context["form"].errors
    assert not Profile.objects.get(user=user).photo


def test_profile_timezone_must_be_a_known_zone(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("members:profile_edit"), _profile_form(timezone="Mars/Base"))
    assert response.status_code == 200
    assert "timezone" in response.context["form"].errors


@pytest.mark.parametrize(
    ("visibility", "visitor", "member_viewer"),
    [(Visibility.PUBLIC, 200, 200), (Visibility.MEMBERS, 404, 200), (Visibility.HIDDEN, 404, 404)],
)
def test_profile_detail_respects_visibility(client, db, visibility, visitor, member_viewer):
    owner = member(display_name="Owner", visibility=visibility)
    url = reverse("members:detail", kwargs={"pk": owner.profile.pk})
    assert client.get(url).status_code == visitor
    client.force_login(UserFactory())
    assert client.get(url).status_code == member_viewer
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_directory_hides_members_only_and_hidden_profiles_from_visitors(client, db):
    member(display_name="Public Person", visibility=Visibility.PUBLIC)
    member(display_name="Members Person", visibility=Visibility.MEMBERS)
    member(display_name="Hidden Person", visibility=Visibility.HIDDEN)
    page = client.get(reverse("members:directory")).content.decode()
    assert "Public Person" in page
    assert "Members Person" not in page and "Hidden Person" not in page
    client.force_login(UserFactory())
    page = client.get(reverse("members:directory")).content.decode()
    assert "Members Person" in page and "Hidden Person" not in page


def test_directory_filters_by_country(client, db):
    member(display_name="In Kenya", visibility=Visibility.PUBLIC,
           country=Country.objects.get(iso_code="KE"))
    member(display_name="In Ghana", visibility=Visibility.PUBLIC,
           country=Country.objects.get(iso_code="GH"))
    page = client.get(reverse("members:directory"), {"country": "KE"}).content.decode()
    assert "In Kenya" in page and "In Ghana" not in page


def _members_with_themes(count):
    themes = list(Theme.objects.all()[:3])
    for number in range(count):
        user = member(display_name=f"Person {number}", visibility=Visibility.PUBLIC,
                      country=Country.objects.get(iso_code="NG"))
        user.profile.themes.set(themes)


@pytest.mark.parametrize("rows", [4, 12])
def test_directory_query_count_does_not_grow_with_members(client, db, rows,
                                                           django_assert_max_num_queries):
    _members_with_themes(rows)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("members:directory"))
    assert response.status_code == 200


def test_export_data_returns_the_members_data_as_json(client, db):
    user = member(display_name="Export Me", bio="About me")
    client.force_login(user)
    response = client.get(reverse("members:export"))
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["profile"]["display_name"] == "Export Me"
    assert data["account"]["email_addresses"][0]["email"] == user.email


def test_account_delete_needs_the_password(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("members:delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_account_delete_removes_the_account_and_profile(client, db):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("members:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not Profile.objects.filter(user_id=user.pk).exists()


def test_dashboard_needs_login(client, db):
    response = client.get(reverse("members:dashboard"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("path", "english", "french"), [
    ("/fr/members/", "Practitioners, officials", "Communauté"),
    ("/fr/messages/", "New conversation", "Nouvelle conversation"),
    ("/fr/notifications/", "Mark all as read", "Tout marquer comme lu"),
])
def test_members_messages_and_notifications_are_served_in_french(client, db, path, english,
                                                                   french):
    client.force_login(member())

    response = client.get(path)

    assert response.status_code == 200
    assert '<html lang="fr"' in response.text
    assert french in response.text and english not in response.text


def test_profile_shows_how_many_connections_the_member_has(client, db):
    from portal.members.network.services import connection_accept, connection_request

    owner = member(display_name="Owner", visibility=Visibility.PUBLIC)
    for _number in range(3):
        friend = member()
        connection_accept(user=owner, connection=connection_request(requester=friend,
                                                                    addressee=owner))
    connection_request(requester=member(), addressee=owner)  # pending: not counted
    url = reverse("members:detail", kwargs={"pk": owner.profile.pk})

    page = client.get(url).text

    assert "<dt>Connections</dt><dd>3</dd>" in page
