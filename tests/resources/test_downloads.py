import pytest

from portal.resources.models import DocumentDownloadCount
from portal.resources.services import document_download_record
from tests.factories.resources import document, resource

pytestmark = pytest.mark.django_db


def test_download_serves_the_file_as_an_attachment_and_counts_it(client):
    doc = document(filename="brief.pdf", content=b"%PDF-1.4\nbrief\n")
    resource(documents=[doc])
    response = client.get(f"/resources/download/{doc.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="brief.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4\nbrief\n"
    assert DocumentDownloadCount.objects.get(document=doc).count == 1
    client.get(f"/resources/download/{doc.pk}/")
    assert DocumentDownloadCount.objects.get(document=doc).count == 2


def test_head_requests_are_not_counted(client):
    doc = document()
    resource(documents=[doc])
    assert client.head(f"/resources/download/{doc.pk}/").status_code == 200
    assert not DocumentDownloadCount.objects.filter(document=doc).exists()


def test_download_rejects_other_methods(client):
    doc = document()
    resource(documents=[doc])
    assert client.post(f"/resources/download/{doc.pk}/").status_code == 405


def test_missing_file_is_not_found_and_not_counted(client):
    doc = document()
    resource(documents=[doc])
    doc.file.storage.delete(doc.file.name)
    assert client.get(f"/resources/download/{doc.pk}/").status_code == 404
    assert not DocumentDownloadCount.objects.filter(document=doc).exists()


def test_resource_page_shows_each_documents_download_count(client):
    doc = document(title="Workshop report")
    page = resource(documents=[doc])
    for _ in range(3):
        document_download_record(document=doc)
    html = client.get(page.url).content.decode()
    assert "downloaded 3 times" in html


def test_download_counts_add_up_across_resources_sharing_a_document():
    doc = document()
    resource(documents=[doc])
    resource(documents=[doc])
    document_download_record(document=doc)
    document_download_record(document=doc)
    tally = DocumentDownloadCount.objects.get(document=doc)
    assert tally.count == 2 and tally.last_downloaded_at is not None
