import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from portal.core.models import Country
from portal.resources.enums import Access
from portal.resources.fields import join_choices, split_choices
from portal.resources.models import (
    DocumentDownloadCount,
    ResourceDocument,
    ResourceDocumentLink,
    ResourceIndexPage,
    ResourcePage,
)
from tests.factories.resources import document, library, resource

pytestmark = pytest.mark.django_db


def test_library_exists_at_resources_after_migrations():
    index = ResourceIndexPage.objects.get()
    assert index.live
    assert index.url == "/resources/"
    assert index.get_parent().specific_class.__name__ == "HomePage"


def test_resource_page_only_lives_in_the_library():
    assert ResourcePage.parent_page_types == ["resources.ResourceIndexPage"]
    assert ResourceIndexPage.subpage_types == ["resources.ResourcePage"]
    assert ResourceIndexPage.parent_page_types == ["core.HomePage"]
    assert not ResourceIndexPage.can_create_at(Page.get_first_root_node())


def test_resource_regions_combine_countries_and_explicit_regions():
    page = resource(countries=["SN", "CM"], regions=["east"])
    assert page.regions == ["west", "central", "east"]


def test_saving_stores_the_regions_a_resource_covers():
    page = resource(countries=["SN", "CM"], regions=["east"])
    assert ResourcePage.objects.get(pk=page.pk).region_codes == ",central,east,west,"
    page.countries = list(Country.objects.filter(iso_code="KE"))
    page.explicit_regions = ""
    page.save_revision().publish()
    assert ResourcePage.objects.get(pk=page.pk).region_codes == ",east,"


def test_saving_only_the_explicit_regions_stores_them_too():
    page = resource(countries=["SN"])
    page.explicit_regions = ",north,"
    page.save(update_fields=["explicit_regions"])
    assert ResourcePage.objects.get(pk=page.pk).region_codes == ",north,west,"


def test_a_country_moved_to_another_region_moves_its_resources():
    senegal, kenya = resource(countries=["SN"]), resource(countries=["KE"], regions=["west"])
    country = Country.objects.get(iso_code="SN")
    country.region = "north"
    country.save()
    assert ResourcePage.objects.get(pk=senegal.pk).region_codes == ",north,"
    assert ResourcePage.objects.get(pk=kenya.pk).region_codes == ",east,west,"
    country.delete()
    assert ResourcePage.objects.get(pk=senegal.pk).region_codes == ""


def test_the_migration_fills_the_regions_of_existing_resources():
    from django.apps import apps

    migration = importlib.import_module("portal.resources.migrations.0005_resource_region_codes")
    page = resource(countries=["GH"], regions=["central"])
    ResourcePage.objects.filter(pk=page.pk).update(region_codes="")
    migration.store_regions(apps, None)
    assert ResourcePage.objects.get(pk=page.pk).region_codes == ",central,west,"


def test_regions_field_stores_whole_codes_between_delimiters():
    assert join_choices(["west", "central", "west"]) == ",central,west,"
    assert split_choices(",central,west,") == ["central", "west"]
    assert join_choices([]) == ""


def test_regions_field_rejects_unknown_codes():
    page = resource()
    page.explicit_regions = ",atlantis,"
    with pytest.raises(ValidationError):
        page.full_clean()


def test_search_language_prefers_english_then_the_only_language():
    assert resource(languages=["fr"]).search_language == "fr"
    assert resource(languages=["fr", "en"]).search_language == "en"
    assert resource().search_language == "en"


def test_attachment_shows_extension_size_and_title_override():
    doc = document(title="Full report", filename="full-report.pdf", content=b"x" * 2048)
    page = resource(documents=[doc])
    attachment = page.attachments.get()
    assert attachment.extension == "PDF"
    assert attachment.file_size == 2048
    assert attachment.display_title == "Full report"
    attachment.title = "Report (English)"
    assert attachment.display_title == "Report (English)"


def test_document_links_follow_attachments_and_body_on_publish():
    attached, linked, dropped = document(), document(), document()
    page = resource(documents=[attached, dropped])
    assert set(ResourceDocumentLink.objects.filter(page=page)
               .values_list("document_id", flat=True)) == {attached.pk, dropped.pk}

    page.attachments = [ResourceDocument(document=attached)]
    page.body = [("document", {"document": linked, "label": "Annex"})]
    page.save_revision().publish()

    assert set(ResourceDocumentLink.objects.filter(page=page)
               .values_list("document_id", flat=True)) == {attached.pk, linked.pk}


def test_document_links_include_rich_text_document_links():
    linked = document()
    page = resource(body=[("rich_text", f'<p>See <a linktype="document" id="{linked.pk}">'
                                        f"the annex</a>.</p>")])
    assert ResourceDocumentLink.objects.filter(page=page, document=linked).exists()


def test_saving_a_draft_keeps_the_live_document_links():
    live_doc, draft_doc = document(), document()
    page = resource(documents=[live_doc])
    page.attachments = [ResourceDocument(document=draft_doc)]
    page.save_revision()
    assert list(ResourceDocumentLink.objects.filter(page=page)
                .values_list("document_id", flat=True)) == [live_doc.pk]


def test_publishing_an_old_revision_keeps_download_counts():
    doc = document()
    page = resource(documents=[doc])
    old_revision = page.save_revision()
    DocumentDownloadCount.objects.create(document=doc, count=7)
    old_revision.publish()
    assert DocumentDownloadCount.objects.get(document=doc).count == 7


def test_members_only_resource_leaves_the_sitemap_urls():
    assert resource(access=Access.MEMBERS).get_sitemap_urls() == []
    assert len(resource().get_sitemap_urls()) == 1


def test_publication_year_is_the_date_year():
    assert resource(publication_date=datetime.date(2019, 9, 11)).publication_year == 2019


def test_library_factory_reuses_the_migrated_library():
    assert library() == ResourceIndexPage.objects.get()
