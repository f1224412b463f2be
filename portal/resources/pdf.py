"""A minimal PDF writer for generated documents (demo content, test fixtures).

Produces valid PDF 1.4: Helvetica text, A4 pages, WinAnsi encoding (accents work), word
wrapped, as many pages as the text needs.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842
MARGIN = 56
LINE_HEIGHT = 15
WRAP = 88


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _lines(title: str, paragraphs: list[str]) -> list[tuple[str, str]]:
    lines = [("title", line) for line in textwrap.wrap(title, 55)] + [("gap", "")]
    for paragraph in paragraphs:
        if paragraph.startswith("# "):
            lines += [("gap", ""), ("heading", paragraph[2:])]
            continue
        lines += [("text", line) for line in textwrap.wrap(paragraph, WRAP)] + [("gap", "")]
    return lines


def _page_stream(lines: list[tuple[str, str]]) -> bytes:
    out = [b"BT"]
    y = PAGE_HEIGHT - MARGIN
    for kind, text in lines:
        if kind == "gap":
            y -= LINE_HEIGHT // 2
            continue
        size = {"title": 18, "heading": 13}.get(kind, 11)
        font = b"/F2" if kind in ("title", "heading") else b"/F1"
        y -= size + 6 if kind == "title" else LINE_HEIGHT
        out.append(font + b" %d Tf 1 0 0 1 %d %d Tm (" % (size, MARGIN, y) + _escape(text)
                   + b") Tj")
    out.append(b"ET")
    return b"\n".join(out)


def make_pdf(title: str, paragraphs: list[str]) -> bytes:
    lines = _lines(title, paragraphs)
    per_page = (PAGE_HEIGHT - 2 * MARGIN) // LINE_HEIGHT - 2
    pages = [lines[start:start + per_page] for start in range(0, len(lines), per_page)] or [[]]

    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # the page tree, filled in once page numbers are known
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                   b"/Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Title (" + _escape(title) + b") /Producer (CoP portal) >>")
    page_numbers = []
    for page_lines in pages:
        stream = _page_stream(page_lines)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_number = len(objects)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
                       b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>"
                       % (PAGE_WIDTH, PAGE_HEIGHT, content_number))
        page_numbers.append(len(objects))
    kids = b" ".join(b"%d 0 R" % number for number in page_numbers)
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(page_numbers)

    body = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref_at = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        body += b"%010d 00000 n \n" % offset
    body += (b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n"
             % (len(objects) + 1, xref_at))
    return bytes(body)


def pdf_document(title: str, paragraphs: list[str], *, collection, filename: str):
    """A new Wagtail document in ``collection`` holding a generated PDF, its size recorded
    (Wagtail would otherwise save it on the first visit of a page listing it: a write that
    drops every kept part of the library)."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save(filename, ContentFile(make_pdf(title, paragraphs)), save=False)
    document.file_size = document.file.size
    document.save()
    return document
