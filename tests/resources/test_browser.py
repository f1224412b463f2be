"""A visitor filters the library, opens a resource and downloads its document."""

import datetime

import pytest

from portal.core.models import Country, Theme
from portal.resources.enums import Access, ResourceType
from portal.resources.models import DocumentDownloadCount
from portal.resources.pdf import make_pdf
from tests.factories.resources import document, resource

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _taxonomy():
    # Browser tests run on a database other transactional tests may have flushed.
    Theme.objects.get_or_create(slug="governance",
                                defaults={"name": "Labour migration governance"})
    Theme.objects.get_or_create(slug="guidance", defaults={
        "name": "Information, guidance and counselling of migrant workers"})
    Country.objects.get_or_create(iso_code="SN", defaults={"name": "Senegal", "region": "west"})
    Country.objects.get_or_create(iso_code="CM", defaults={"name": "Cameroon",
                                                          "region": "central"})


def test_visitor_filters_opens_and_downloads(page, live_server, axe_check):
    _taxonomy()
    brief_pdf = document(title="Brief (PDF)", filename="skills-brief.pdf",
                         content=make_pdf("Why skills partnerships matter", ["A short brief."]))
    resource(title="Why skills partnerships on migration matter",
             resource_type=ResourceType.POLICY_BRIEF, themes=["governance"], countries=["SN"],
             documents=[brief_pdf], publication_date=datetime.date(2024, 3, 18))
    resource(title="Country study of Cameroon", resource_type=ResourceType.COUNTRY_STUDY,
             themes=["guidance"], countries=["CM"], publication_date=datetime.date(2019, 9, 2))
    resource(title="Members working document", access=Access.MEMBERS, themes=["governance"])

    page.goto("/resources/")
    assert page.get_by_role("heading", level=1).inner_text() == "Resource library"
    assert page.locator("#results-heading").inner_text().startswith("2 resources")
    assert page.get_by_text("Members working document").count() == 0
    axe_check(page)

    theme_facet = page.locator("section.facet", has=page.get_by_role("heading",
                                                                     name="Theme"))
    theme_facet.get_by_role("link", name="Labour migration governance").click()
    page.wait_for_url("**/resources/?theme=governance")
    assert page.locator("#results-heading").inner_text().startswith("1 resource")
    assert page.get_by_role("link", name="Country study of Cameroon").count() == 0
    selected = theme_facet.locator('a[aria-current="true"]')
    assert "Labour migration governance" in selected.inner_text()
    axe_check(page)

    page.get_by_label("Sort by").select_option("title")
    page.get_by_role("button", name="Sort").click()
    page.wait_for_url(lambda url: "sort=title" in url and "theme=governance" in url)
    assert page.locator("#results-heading").inner_text().startswith("1 resource")

    page.get_by_role("link", name="Why skills partnerships on migration matter").click()
    page.wait_for_url("**/resources/resource-*/")
    documents = page.locator("section.resource-documents")
    assert "PDF" in documents.inner_text()
    axe_check(page)

    with page.expect_download() as download_info:
        documents.get_by_role("link", name="Brief (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "skills-brief.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(8) == b"%PDF-1.4"
    assert DocumentDownloadCount.objects.get(document=brief_pdf).count == 1


def test_visitor_is_invited_to_join_on_a_members_only_resource(page, live_server, axe_check):
    _taxonomy()
    secret = resource(title="Members working document", access=Access.MEMBERS)
    response = page.goto(secret.url)
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == (
        "This resource is for community members")
    assert "Members working document" not in page.content()
    assert page.get_by_role("link", name="Sign In").first.is_visible()
    axe_check(page)
