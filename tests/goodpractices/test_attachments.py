"""Attachments go out only through the download view, to those who may see the submission;
reviewers of a blind call get a renamed copy without the metadata that names people."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from portal.goodpractices import services
from portal.goodpractices.files import stripped
from portal.goodpractices.models import ReviewerAssignment, SubmissionCoAuthor
from tests.factories.goodpractices import call, editor, reviewer, submission
from tests.factories.members import member

pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
       b"2 0 obj\n<< /Author (Aminata Diallo) /Producer (Writer) /Title <FEFF0041> >>\nendobj\n"
       b"<x:xmpmeta><dc:creator>Aminata Diallo</dc:creator></x:xmpmeta>\n"
       b"trailer << /Info 2 0 R >>\n%%EOF\n")


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (8, 8), "teal")
    exif = Image.Exif()
    exif[0x013B] = "Aminata Diallo"  # Artist
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif.tobytes())
    return output.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Aminata Diallo")
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(output, format="PNG", pnginfo=info)
    return output.getvalue()


def docx() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("docProps/core.xml",
                         "<cp:coreProperties><dc:creator>Aminata Diallo</dc:creator>"
                         "<cp:lastModifiedBy>Aminata Diallo</cp:lastModifiedBy>"
                         "</cp:coreProperties>")
        archive.writestr("docProps/app.xml", "<Properties><Company>Org A</Company></Properties>")
        archive.writestr("word/document.xml",
                         '<w:document><w:ins w:author="Aminata Diallo" w:id="1">'
                         "<w:t>Harmonised standards</w:t></w:ins></w:document>")
    return output.getvalue()


@pytest.fixture
def setting():
    page = call(phase="review", blind_review=True)
    author = member(organisation="Org A")
    sub = submission(call_page=page, author=author)
    attachment = services.attachment_add(
        submission=sub, upload=SimpleUploadedFile("Diallo-plan.pdf", PDF), actor=author)
    return page, sub, attachment


def url(sub, attachment):
    return f"/good-practices/submissions/{sub.pk}/attachments/{attachment.pk}/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_files_are_kept_outside_the_public_media_folder(setting):
    _page, _sub, attachment = setting
    path = Path(attachment.file.path).resolve()
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.read_bytes() == PDF
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018


@pytest.mark.parametrize("role", ["author", "coauthor", "editor"])
def test_team_and_editors_get_the_original(client, setting, role):
    _page, sub, attachment = setting
    user = {"author": lambda: sub.author, "editor": editor,
            "coauthor": lambda: SubmissionCoAuthor.objects.create(
                submission=sub, user=member(), confirmed_at=timezone.now()).user}[role]()
    client.force_login(user)
    response = client.get(url(sub, attachment))
    assert response.status_code == 200
    assert body(response) == PDF
    assert "Diallo-plan.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_blind_reviewer_gets_a_renamed_copy_without_names(client, setting):
    _page, sub, attachment = setting
    judge = reviewer(organisation="Jury")
    ReviewerAssignment.objects.create(call=sub.call, submission=sub, reviewer=judge)
    client.force_login(judge)
    detail = client.get(f"/good-practices/submissions/{sub.pk}/").content.decode()
    assert "Diallo-plan.pdf" not in detail
    assert f"submission-{sub.pk}-attachment-1.pdf" in detail
    response = client.get(url(sub, attachment))
    assert response.status_code == 200
    assert f"submission-{sub.pk}-attachment-1.pdf" in response["Content-Disposition"]
    assert "Diallo" not in response["Content-Disposition"]
    data = body(response)
    assert b"Diallo" not in data and b"Writer" not in data
    assert len(data) == len(PDF)  # same length: the cross-reference offsets still hold


def test_reviewer_of_an_open_call_gets_the_original(client):
    page = call(phase="review", blind_review=False)
    sub = submission(call_page=page)
    attachment = services.attachment_add(
        submission=sub, upload=SimpleUploadedFile("Diallo-plan.pdf", PDF), actor=sub.author)
    judge = reviewer(organisation="Jury")
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)
    client.force_login(judge)
    response = client.get(url(sub, attachment))
    assert body(response) == PDF and "Diallo-plan.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["stranger", "unassigned_reviewer", "pending_coauthor_elsewhere"])
def test_others_are_refused(client, setting, who):
    _page, sub, attachment = setting
    other = submission(call_page=sub.call)
    user = {"stranger": member, "unassigned_reviewer": reviewer,
            "pending_coauthor_elsewhere": lambda: SubmissionCoAuthor.objects.create(
                submission=other, user=member()).user}[who]()
    client.force_login(user)
    assert client.get(url(sub, attachment)).status_code == 403


def test_visitors_are_sent_to_log_in(client, setting):
    _page, sub, attachment = setting
    response = client.get(url(sub, attachment))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_unknown_or_mismatched_or_missing_files_are_not_found(client, setting):
    page, sub, attachment = setting
    client.force_login(sub.author)
    assert client.get(f"/good-practices/submissions/{sub.pk}/attachments/999999/") \
        .status_code == 404
    other = submission(call_page=page, author=sub.author)
    assert client.get(url(other, attachment)).status_code == 404
    assert client.post(url(sub, attachment)).status_code == 405
    attachment.file.storage.delete(attachment.file.name)
    assert client.get(url(sub, attachment)).status_code == 404


def test_not_reachable_under_the_media_url(client, setting):
    _page, sub, attachment = setting
    client.force_login(sub.author)
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_metadata_removed_from_images_and_office_files():
    jpeg = stripped(jpeg_with_exif(), "jpg")
    assert b"Aminata" not in jpeg and Image.open(io.BytesIO(jpeg)).size == (8, 8)
    png = stripped(png_with_text(), "png")
    assert b"Aminata" not in png and Image.open(io.BytesIO(png)).size == (8, 8)
    clean = zipfile.ZipFile(io.BytesIO(stripped(docx(), "office")))
    everything = b"".join(clean.read(name) for name in clean.namelist())
    assert b"Aminata" not in everything and b"Org A" not in everything
    assert b"Harmonised standards" in clean.read("word/document.xml")
    assert sorted(clean.namelist()) == sorted(zipfile.ZipFile(io.BytesIO(docx())).namelist())
