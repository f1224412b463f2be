"""Inputs that used to end in a 500: each now gets a clear answer and loses nothing."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.core.middleware import TIMEZONE_COOKIE
from portal.core.models import Country
from portal.members.models import Profile
from portal.members.views import PHOTO_UPLOADS_PER_HOUR
from tests.factories.members import member
from tests.factories.resources import library

pytestmark = pytest.mark.django_db


def _jpeg(size=(800, 600), colour="teal") -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def _profile_data(**overrides):
    data = {"display_name": "Amina Diallo", "organisation": "Ministry of Labour",
            "country": str(Country.objects.get(iso_code="SN").pk), "visibility": "members",
            "organisation_type": "government"}
    data.update(overrides)
    return data


def test_an_overlong_time_zone_cookie_is_ignored(client):
    client.cookies[TIMEZONE_COOKIE] = "Europe/" + "A" * 5000
    assert client.get("/").status_code == 200


def test_superscript_digits_in_a_year_filter_are_ignored(client):
    library()
    response = client.get("/resources/", {"year": "²"})
    assert response.status_code == 200


def test_a_thirty_digit_theme_id_is_a_form_error(client):
    client.force_login(member(display_name="Amina Diallo"))
    response = client.post("/members/me/profile/", _profile_data(themes=["9" * 30]))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_truncated_photo_is_refused_and_the_current_one_kept(client):
    user = member(display_name="Amina Diallo")
    client.force_login(user)
    good = SimpleUploadedFile("me.jpg", _jpeg(), content_type="image/jpeg")
    assert client.post("/members/me/profile/", _profile_data(photo=good)).status_code == 302
    before = Profile.objects.get(user=user).photo.name
    assert before

    truncated = _jpeg((1600, 1200), "navy")[:3000]
    response = client.post("/members/me/profile/", _profile_data(
        photo=SimpleUploadedFile("broken.jpg", truncated, content_type="image/jpeg")))

    assert response.status_code == 200
    assert "not an image we can read" in response.content.decode()
    profile = Profile.objects.get(user=user)
    assert profile.photo.name == before and profile.photo.storage.exists(before)


def test_a_small_file_with_a_huge_canvas_is_refused_before_decoding(client):
    client.force_login(member(display_name="Amina Diallo"))
    buffer = BytesIO()
    Image.new("1", (6300, 6300)).save(buffer, format="PNG")
    assert len(buffer.getvalue()) < 200_000

    response = client.post("/members/me/profile/", _profile_data(
        photo=SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")))

    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()


def test_photo_uploads_are_rate_limited_and_the_form_is_kept(client):
    client.force_login(member(display_name="Amina Diallo"))
    for _ in range(PHOTO_UPLOADS_PER_HOUR):
        photo = SimpleUploadedFile("me.jpg", _jpeg(), content_type="image/jpeg")
        client.post("/members/me/profile/", _profile_data(photo=photo))

    photo = SimpleUploadedFile("me.jpg", _jpeg(), content_type="image/jpeg")
    response = client.post("/members/me/profile/", _profile_data(
        photo=photo, job_title="Labour attaché"))

    assert response.status_code == 429
    body = response.content.decode()
    assert "uploaded many photos" in body and "Labour attaché" in body


def test_nonsense_directory_filters_do_not_break_the_directory(client):
    response = client.get("/members/", {"theme": "\x00" * 3, "country": "9" * 40})
    assert response.status_code == 200
