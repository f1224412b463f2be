"""Pictures in posts. An upload is trusted only after Pillow decoded it: the declared name
and type are ignored, the pixel count is bounded before decoding (no decompression
bombs), and what is stored is a fresh encoding of the decoded pixels, reduced to a
maximum side, so no metadata (location, camera) or smuggled bytes survive. New members
may upload fewer images a day."""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.core import throttle

from . import apps_settings, rules
from .models import PostImage
from .services import ForumError, _ensure_writer

FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PIXELS = 40_000_000


def _decode(upload) -> Image.Image:
    try:
        image = Image.open(upload)
        if image.format not in FORMATS:
            raise ForumError(_("Upload a JPEG, PNG, GIF or WebP picture."))
        if image.width * image.height > MAX_PIXELS:
            raise ForumError(_("This picture is too large in pixels."))
        image.verify()
        upload.seek(0)
        image = Image.open(upload)
        image.load()
    except ForumError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError,
            SyntaxError):
        raise ForumError(_("This file is not a picture we can read.")) from None
    return image


@transaction.atomic
def image_upload(*, user, upload) -> PostImage:
    _ensure_writer(user)
    if upload.size > apps_settings.image_max_bytes():
        raise ForumError(_("The picture is too big: at most %(mb)s MB.")
                         % {"mb": apps_settings.image_max_bytes() // (1024 * 1024)})
    limit, period = apps_settings.image_rate(rules.is_new_member(user))
    if not throttle.allow(f"forum-image:{user.pk}", limit=limit, period=period):
        raise ForumError(_("You have uploaded many pictures today (at most %(count)s). Your "
                           "text is kept below; post it without the picture or try tomorrow.")
                         % {"count": limit})
    image = _decode(upload)
    source_format = image.format
    image = ImageOps.exif_transpose(image)
    side = apps_settings.image_max_side()
    image.thumbnail((side, side))
    buffer = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P") or source_format in ("PNG", "GIF"):
        image = image.convert("RGBA")
        image.save(buffer, format="PNG", optimize=True)
        extension = "png"
    else:
        image.convert("RGB").save(buffer, format="JPEG", quality=85, optimize=True)
        extension = "jpg"
    stored = PostImage(uploader=user, width=image.width, height=image.height,
                       size=buffer.tell())
    stored.file.save(f"image.{extension}", ContentFile(buffer.getvalue()), save=True)
    return stored


def image_markdown(image: PostImage, description: str) -> str:
    text = (description or _("Picture")).replace("[", "(").replace("]", ")").strip()
    return f"![{text}]({settings.MEDIA_URL}{image.file.name})"
