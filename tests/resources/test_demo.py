import pytest
from wagtail.documents import get_document_model

from portal.resources import demo
from portal.resources.enums import Access, ResourceType
from portal.resources.models import ResourceDocument, ResourcePage

pytestmark = pytest.mark.django_db


def _snapshot():
    return (ResourcePage.objects.count(), get_document_model().objects.count(),
            ResourceDocument.objects.count(),
            sorted(ResourcePage.objects.values_list("slug", "latest_revision_id")))


def test_demo_loader_is_idempotent():
    messages = []
    demo.load(messages.append)
    first = _snapshot()
    demo.load(messages.append)
    assert _snapshot() == first
    assert any(message.endswith("(0 added)") for message in messages[-2:])


def test_demo_library_has_the_studies_workshops_and_a_members_only_resource(client):
    demo.load(lambda message: None)
    pages = ResourcePage.objects.live().filter(locale__language_code="en")
    assert pages.count() >= 12
    assert pages.filter(resource_type=ResourceType.COUNTRY_STUDY).count() == 16
    assert pages.filter(slug__startswith="scoping-study-").count() == 2
    assert pages.filter(slug="why-skills-partnerships-on-migration-matter").exists()
    assert pages.filter(access=Access.MEMBERS).exists()
    assert "61 participants" in str(pages.get(slug="workshop-report-abuja-2019").body)
    assert all(page.attachments.filter(language="").count() == 1 for page in pages)
    # Six resources are in French too, each with a French document beside the English one.
    french = ResourcePage.objects.live().filter(locale__language_code="fr")
    assert french.count() == 6
    assert all(page.attachments.filter(language="fr").count() == 1 for page in french)

    brief = pages.get(slug="why-skills-partnerships-on-migration-matter")
    doc = brief.attachments.get(language="").document
    response = client.get(f"/resources/download/{doc.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_demo_documents_know_their_size_so_a_first_visit_writes_nothing():
    """Wagtail saves a document's size when a page first shows it: a write that would
    drop every kept part of the library on the demo's first visits."""
    demo.load(lambda message: None)
    documents = get_document_model().objects.all()
    assert documents.exists()
    assert not documents.filter(file_size__isnull=True).exists()
