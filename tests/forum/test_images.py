"""Pictures in posts: checked by content, re-encoded and reduced, size-limited, shown
only from the forum's uploads, rate-limited for new members."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.forum import images, services
from portal.forum.models import PostImage
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def picture(name="photo.jpg", size=(2400, 1200), fmt="JPEG") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 120)).save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_upload_is_reduced_and_re_encoded():
    stored = images.image_upload(user=f.established(), upload=picture())
    assert (stored.width, stored.height) == (1600, 800)
    with Image.open(stored.file.path) as reopened:
        assert reopened.format == "JPEG" and reopened.size == (1600, 800)
    assert stored.file.name.startswith("forum/") and stored.file.name.endswith(".jpg")


def test_a_renamed_non_picture_is_refused():
    fake = SimpleUploadedFile("cat.png", b"<?php echo 'hi'; ?>", content_type="image/png")
    with pytest.raises(services.ForumError, match="not a picture"):
        images.image_upload(user=f.established(), upload=fake)
    assert not PostImage.objects.exists()


def test_too_big_a_file_is_refused(settings):
    settings.FORUM_IMAGE_MAX_BYTES = 1000
    with pytest.raises(services.ForumError, match="too big"):
        images.image_upload(user=f.established(), upload=picture())


def test_new_members_upload_fewer_pictures(settings):
    settings.FORUM_NEW_MEMBER_IMAGE_RATE = (1, 86400)
    newcomer = f.newcomer()
    images.image_upload(user=newcomer, upload=picture(size=(20, 20)))
    with pytest.raises(services.ForumError, match="many pictures"):
        images.image_upload(user=newcomer, upload=picture(size=(20, 20)))
    images.image_upload(user=f.established(), upload=picture(size=(20, 20)))


def test_reply_with_a_picture_shows_it(client):
    topic = f.topic()
    login(client, f.established())
    response = client.post(reverse("forum:reply", args=[topic.pk]),
                           {"body": "Our certificate", "image": picture(size=(40, 30)),
                            "image_description": "A welding certificate"})
    assert response.status_code == 302
    stored = PostImage.objects.get()
    page = client.get(topic.get_absolute_url())
    assert f'src="/media/{stored.file.name}"' in page.text
    assert 'alt="A welding certificate"' in page.text


def test_refused_picture_keeps_the_typed_text(client):
    topic = f.topic()
    login(client, f.established())
    fake = SimpleUploadedFile("x.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(reverse("forum:reply", args=[topic.pk]),
                           {"body": "Text I typed with care", "image": fake})
    assert response.status_code == 400
    assert "Text I typed with care" in response.text and "not a picture" in response.text
    assert topic.posts.count() == 1


def test_images_from_elsewhere_are_dropped(client):
    topic = f.topic(body="![x](https://tracker.example/pixel.gif) ![y](/media/forum/../avatars/a.png)"
                         " ![z](/static/img/logo.png)")
    text = client.get(topic.get_absolute_url()).text
    posts = text.split('class="forum-posts"')[1].split("</ol>")[0]
    assert "x y z" in posts or "forum-post__body" in posts
    assert "<img" not in posts


def test_silenced_member_cannot_upload():
    from datetime import timedelta

    from django.utils import timezone

    member = f.established()
    member.profile.silenced_until = timezone.now() + timedelta(days=1)
    member.profile.save()
    with pytest.raises(services.ForumError):
        images.image_upload(user=member, upload=picture(size=(20, 20)))
