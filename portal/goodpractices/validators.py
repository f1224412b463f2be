"""Attachments are accepted by what they contain, not by their name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
SIGNATURES = [(b"%PDF-", "pdf"), (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"),
              (b"PK\x03\x04", "office")]


def check_attachment(upload) -> str:
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(_("Files are limited to 5 MB."))
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    raise ValidationError(_("Attach a PDF, an image (PNG, JPEG) or an office document."))
