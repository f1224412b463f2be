from io import BytesIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
# A phone's 12-megapixel photo passes; a small file that unpacks to a huge canvas (a
# 6,300 × 6,300 PNG is 113 KB and seconds of CPU) is refused before it is decoded.
MAX_PHOTO_PIXELS = 16_000_000


def validate_photo(uploaded) -> None:
    """Check the upload is an image by its content, whatever its name says."""
    if uploaded.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is larger than 5 MB."), code="too_large")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    unreadable = ValidationError(_("This file is not an image we can read. Upload a JPEG, PNG, "
                                   "GIF or WebP picture."), code="not_image")
    try:
        with Image.open(BytesIO(data)) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ACCEPTED_IMAGE_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG, GIF or WebP picture."),
                                      code="format")
            if width * height > MAX_PHOTO_PIXELS:
                raise ValidationError(_("The picture has too many pixels."),
                                      code="too_many_pixels")
            # Decode it all now: a truncated file must fail here, not after the member's
            # current photo is gone. JPEGs decode at the size the avatar needs.
            image.draft("RGB", (1024, 1024))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError):
        raise unreadable from None
