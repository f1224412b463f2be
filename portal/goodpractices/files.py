"""Where submission attachments live and what reviewers of a blind call receive.

Attachments are kept outside the public media folder, in their own storage that has no
URL: they only go out through the download view, which checks who asks. A reviewer of a
blind call gets a copy renamed after the submission, with the metadata that names people
removed (document properties, tracked-change and comment authors, EXIF and PNG text,
the PDF information dictionary and XMP packet). This is careful, not a proof: a name
written in the body of a document stays there, as it would on paper.
"""

import io
import re
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject

CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}
OFFICE_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


def private_root() -> Path:
    configured = getattr(settings, "GOODPRACTICES_PRIVATE_ROOT", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "private"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files with no public address: `url()` refuses, so no template can link past the
    download view."""

    def url(self, name):
        raise ValueError("Submission attachments have no public address; use the download "
                         "view.")


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = PrivateFileSystemStorage(location=private_root())


private_storage = _PrivateStorage()


def attachment_storage():
    """The storage of SubmissionAttachment.file (a callable, so migrations do not record a
    path)."""
    return private_storage


def extension(attachment) -> str:
    if attachment.kind == "office":
        suffix = Path(attachment.name).suffix.lower().lstrip(".")
        return suffix if suffix in OFFICE_TYPES else "zip"
    return attachment.kind


def content_type(attachment) -> str:
    ext = extension(attachment)
    return CONTENT_TYPES.get(ext) or OFFICE_TYPES.get(ext) or "application/octet-stream"


def blind_name(attachment, number: int) -> str:
    return f"submission-{attachment.submission_id}-attachment-{number}.{extension(attachment)}"


# Metadata removal ----------------------------------------------------------------------

_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
         b'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"/>')
_APP = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'extended-properties"/>')
_CUSTOM = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'custom-properties"/>')
_ODF_META = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
             b'<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:'
             b'office:1.0" office:version="1.2"><office:meta/></office:document-meta>')
_REPLACED_PARTS = {"docProps/core.xml": _CORE, "docProps/app.xml": _APP,
                   "docProps/custom.xml": _CUSTOM, "meta.xml": _ODF_META}
_PEOPLE_ATTRIBUTES = re.compile(rb'\b(w:author|w:initials|author|initials)="[^"]*"')
_ODF_CREATOR = re.compile(rb"<dc:creator>[^<]*</dc:creator>")


def _strip_office(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename in _REPLACED_PARTS:
                content = _REPLACED_PARTS[info.filename]
            elif info.filename.endswith(".xml"):
                content = _PEOPLE_ATTRIBUTES.sub(lambda m: m.group(1) + b'=""', content)
                content = _ODF_CREATOR.sub(b"<dc:creator></dc:creator>", content)
            # the ODF mimetype entry must stay first and stored; others are compressed
            compress = zipfile.ZIP_STORED if info.filename == "mimetype" \
                else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, content, compress_type=compress)
    return output.getvalue()


_PDF_INFO_KEYS = rb"/(?:Author|Creator|Producer|Title|Subject|Keywords)\s*"
_PDF_LITERAL = re.compile(_PDF_INFO_KEYS + rb"\((?:\\.|[^\\)])*\)", re.DOTALL)
_PDF_HEX = re.compile(_PDF_INFO_KEYS + rb"<[0-9A-Fa-f\s]*>")
_PDF_XMP = re.compile(rb"<x:xmpmeta.*?</x:xmpmeta>", re.DOTALL)


def _blank(match) -> bytes:
    """Same length, so the PDF's cross-reference offsets stay right."""
    text = match.group(0)
    key_end = text.find(b"(") if b"(" in text[:20] else text.find(b"<")
    if text.startswith(b"<x:xmpmeta"):
        return b" " * len(text)
    opener, closer = text[key_end:key_end + 1], text[-1:]
    return text[:key_end] + opener + b" " * (len(text) - key_end - 2) + closer


def _strip_pdf(data: bytes) -> bytes:
    for pattern in (_PDF_LITERAL, _PDF_HEX, _PDF_XMP):
        data = pattern.sub(_blank, data)
    return data


def _strip_image(data: bytes, kind: str) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        clean = image.copy()
        clean.info = {}  # EXIF, XMP, PNG text chunks, comments
        output = io.BytesIO()
        clean.save(output, format="PNG" if kind == "png" else "JPEG", quality=95)
    return output.getvalue()


def stripped(data: bytes, kind: str) -> bytes:
    """The attachment's bytes without the metadata that names people."""
    if kind == "pdf":
        return _strip_pdf(data)
    if kind in ("png", "jpg"):
        return _strip_image(data, kind)
    if kind == "office":
        return _strip_office(data)
    return data
