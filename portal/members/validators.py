from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000


def validate_photo(uploaded) -> None:
    """Check the upload is an image by its content, whatever its name says."""
    if uploaded.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB."), code="too_large")
    uploaded.seek(0)
    try:
        with Image.open(BytesIO(uploaded.read())) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(_("This file is not an image we can read. Upload a JPEG, PNG, "
                                "GIF or WebP picture."), code="not_image") from None
    finally:
        uploaded.seek(0)
    if image_format not in ACCEPTED_IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, GIF or WebP picture."), code="format")
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(_("The picture has too many pixels."), code="too_many_pixels")
