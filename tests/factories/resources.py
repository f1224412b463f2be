"""Factories for the resource library: the page tree, resources and documents.

`library()` rebuilds whatever the page tree is missing (root, home, site, library), so tests
on a flushed database (browser tests) work too.
"""

import datetime
import itertools

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from portal.core.models import Country, HomePage, Language, Theme
from portal.resources.enums import Access, ResourceType
from portal.resources.models import (
    ResourceAuthor,
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
    ResourceRelated,
)

_sequence = itertools.count(1)


def home_page() -> HomePage:
    home = HomePage.objects.order_by("path").first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=HomePage(title="Community of practice", slug="home"))
    Site.objects.update_or_create(is_default_site=True,
                                  defaults={"hostname": "localhost", "port": 80,
                                            "root_page": home, "site_name": "CoP"})
    return home


def library() -> ResourceIndexPage:
    index = ResourceIndexPage.objects.order_by("path").first()
    if index is None:
        index = home_page().add_child(instance=ResourceIndexPage(
            title="Resource library", slug="resources"))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(is_default_site=True, hostname="localhost", port=80,
                            root_page=index.get_parent(), site_name="CoP")
    return index


def document(*, title=None, filename=None, content=b"%PDF-1.4\n% test document\n",
             collection=None):
    number = next(_sequence)
    title = title or f"Document {number}"
    filename = filename or f"document-{number}.pdf"
    doc = get_document_model()(title=title)
    if collection is not None:
        doc.collection = collection
    doc.file.save(filename, ContentFile(content), save=False)
    doc.save()
    return doc


def resource(*, title=None, access=Access.PUBLIC, resource_type=ResourceType.REPORT,
             publication_date=None, summary=None, themes=(), countries=(), languages=(),
             regions=(), documents=(), authors=(), related=(), body=None, live=True,
             organisations="", parent=None) -> ResourcePage:
    """A published resource. themes/countries/languages take slugs/ISO codes/codes."""
    number = next(_sequence)
    title = title or f"Resource {number}"
    page = ResourcePage(
        title=title, slug=f"resource-{number}", access=access, resource_type=resource_type,
        publication_date=publication_date or datetime.date(2024, 1, 1),
        summary=summary or f"What {title} is about.", organisations=organisations,
        explicit_regions="".join(f",{code}" for code in regions) + ("," if regions else ""),
    )
    if body is not None:
        page.body = body
    page.themes = list(Theme.objects.filter(slug__in=themes))
    page.countries = list(Country.objects.filter(iso_code__in=countries))
    page.languages = list(Language.objects.filter(code__in=languages))
    page.attachments = [ResourceDocument(document=doc) for doc in documents]
    page.authors = [ResourceAuthor(name=name) for name in authors]
    page.related_choices = [ResourceRelated(resource=other) for other in related]
    page.live = False
    (parent or library()).add_child(instance=page)
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page
