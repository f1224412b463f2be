"""The resource library: an index page at /resources/ and one page per knowledge product."""

import functools
import os

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model, get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from portal.core.enums import Region
from portal.core.i18n import TranslatedSitemapMixin
from portal.core.models import Country, Language, Theme

from .blocks import ResourceBodyBlock
from .enums import Access, ResourceType
from .fields import MultipleChoiceCharField, join_choices, split_choices


class ResourceIndexPage(TranslatedSitemapMixin, RoutablePageMixin, Page):
    """The library: faceted browsing, feeds and the counting download URL."""

    intro = RichTextField(_("introduction"), blank=True,
                          features=["bold", "italic", "link", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["resources.ResourcePage"]
    max_count = 1
    # Translations keep the original's address under their language prefix.
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta:
        verbose_name = _("resource library")

    @path("")
    def index_route(self, request):
        from .views import resource_index

        return resource_index(request, index_page=self)

    @path("download/<int:document_id>/", name="download")
    def download_route(self, request, document_id):
        from .views import resource_document_download

        return resource_document_download(request, index_page=self, document_id=document_id)

    @path("feed/rss/", name="feed_rss")
    def rss_route(self, request):
        from .views import resource_feed

        return resource_feed(request, index_page=self, kind="rss")

    @path("feed/atom/", name="feed_atom")
    def atom_route(self, request):
        from .views import resource_feed

        return resource_feed(request, index_page=self, kind="atom")

    def download_url(self, document_id: int) -> str:
        return self.url + self.reverse_subpage("download", args=[document_id])

    def serve_preview(self, request, mode_name):
        from .views import resource_index

        return resource_index(request, index_page=self)


class ResourcePage(TranslatedSitemapMixin, Page):
    summary = models.TextField(
        _("summary"), max_length=600,
        help_text=_("Two or three sentences shown in listings, feeds and search results."))
    body = StreamField(ResourceBodyBlock(), verbose_name=_("body"), blank=True)
    resource_type = models.CharField(_("type of resource"), max_length=20,
                                     choices=ResourceType.choices, default=ResourceType.REPORT,
                                     db_index=True)
    access = models.CharField(
        _("access"), max_length=10, choices=Access.choices, default=Access.PUBLIC, db_index=True,
        help_text=_("Members-only resources and their documents are hidden from visitors "
                    "everywhere: page, downloads, listings, feeds, sitemap and search."))
    publication_date = models.DateField(_("publication date"), default=timezone.localdate,
                                        db_index=True)
    themes = ParentalManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                     related_name="resources")
    countries = ParentalManyToManyField(Country, verbose_name=_("countries"), blank=True,
                                        related_name="resources")
    explicit_regions = MultipleChoiceCharField(
        _("regions"), multiple_choices=Region.choices,
        help_text=_("For regional studies. The regions of the countries chosen above are "
                    "added automatically."))
    # Every region the resource covers, explicit or through its countries, written on each
    # save: the library filters and counts regions with one LIKE per region instead of a
    # join to the countries of every resource.
    region_codes = models.CharField(_("covered regions"), max_length=200, blank=True,
                                    default="", editable=False)
    languages = ParentalManyToManyField(Language, verbose_name=_("languages"), blank=True,
                                        related_name="resources")
    organisations = models.TextField(
        _("organisations"), blank=True,
        help_text=_("Publishing or commissioning organisations, one per line."))
    cover_image = models.ForeignKey("wagtailimages.Image", verbose_name=_("cover image"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    external_link = models.URLField(_("external link"), blank=True, max_length=500,
                                    help_text=_("Where the original publication lives, if "
                                                "elsewhere."))
    external_link_label = models.CharField(_("external link text"), max_length=120, blank=True)

    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types: list[str] = []
    # Translations keep the original's address; classification and access are the
    # resource's, not a language's; the documents are translatable (a French file beside
    # the English one).
    override_translatable_fields = [
        SynchronizedField("slug"), SynchronizedField("organisations"),
        SynchronizedField("external_link"), SynchronizedField("explicit_regions"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("resource_type"), FieldPanel("publication_date")]),
            FieldPanel("access"),
        ], heading=_("Type, date and access")),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        InlinePanel("attachments", heading=_("Documents"), label=_("document")),
        MultiFieldPanel([
            InlinePanel("authors", label=_("author")),
            FieldPanel("organisations"),
        ], heading=_("Authors and organisations")),
        MultiFieldPanel([
            FieldPanel("external_link"), FieldPanel("external_link_label"),
        ], heading=_("External link")),
    ]
    classification_panels = [
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("countries", widget=forms.CheckboxSelectMultiple),
        FieldPanel("explicit_regions"),
        FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
        InlinePanel("related_choices", heading=_("Related resources"),
                    label=_("related resource"),
                    help_text=_("Leave empty to suggest resources that share themes and "
                                "countries.")),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Content")),
        ObjectList(classification_panels, heading=_("Classification")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=3),
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.SearchField("organisations"),
        index.AutocompleteField("title"),
        index.RelatedFields("authors", [index.SearchField("name"),
                                        index.SearchField("affiliation")]),
        index.RelatedFields("themes", [index.SearchField("name"), index.SearchField("name_fr"),
                                       index.FilterField("slug")]),
        index.RelatedFields("countries", [index.SearchField("name"),
                                          index.SearchField("name_fr"),
                                          index.FilterField("iso_code")]),
        index.FilterField("access"),
        index.FilterField("resource_type"),
        index.FilterField("publication_date"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    @property
    def is_members_only(self) -> bool:
        return self.access == Access.MEMBERS

    @property
    def publication_year(self) -> int:
        return self.publication_date.year

    @property
    def search_language(self) -> str:
        """The primary language code, for stemming: a translation's own language; for an
        original, English when the resource has it, else its only (or first) language."""
        from portal.core.i18n import default_language, object_language

        if self.locale_id and object_language(self) != default_language():
            return object_language(self)
        codes = sorted(language.code for language in self.languages.all())
        if not codes or "en" in codes:
            return "en"
        return codes[0]

    @property
    def regions(self) -> list[str]:
        """Region codes: those chosen explicitly plus those of the resource's countries."""
        codes = set(split_choices(self.explicit_regions))
        codes.update(country.region for country in self.countries.all())
        return [code for code, _label in Region.choices if code in codes]

    @property
    def region_labels(self) -> list[str]:
        labels = dict(Region.choices)
        return [labels[code] for code in self.regions]

    @property
    def organisation_list(self) -> list[str]:
        return [line.strip() for line in self.organisations.splitlines() if line.strip()]

    def get_sitemap_urls(self, request=None):
        if self.is_members_only:
            return []
        return super().get_sitemap_urls(request)

    def serve(self, request, *args, **kwargs):
        from .rules import can_view_resource
        from .views import members_only_response

        if not can_view_resource(request.user, self):
            return members_only_response(request)
        response = super().serve(request, *args, **kwargs)
        if self.is_members_only:
            response["Cache-Control"] = "private, no-cache"
        return response

    def get_context(self, request, *args, **kwargs):
        from portal.core.i18n import active_language, language_name, localized, object_language

        from .links import backlinks_for
        from .selectors import library_index, resource_attachments, resource_related

        context = super().get_context(request, *args, **kwargs)

        @functools.cache
        def index_page():
            parent = self.get_parent() if self.path and self.depth else None
            return localized(parent.specific) if parent is not None else library_index()

        def attachments() -> list[dict]:
            own_language = object_language(self)
            visitor_language = active_language()
            listed = sorted(resource_attachments(page=self),
                            key=lambda item: (item.language or own_language) != visitor_language)
            return [
                {"attachment": attachment, "document": attachment.document,
                 "title": attachment.display_title, "extension": attachment.extension,
                 "size": attachment.file_size, "downloads": attachment.download_count,
                 "url": index_page().download_url(attachment.document_id),
                 "language": attachment.language or own_language,
                 "language_name": attachment.get_language_display() if attachment.language
                 else language_name(own_language)}
                for attachment in listed
            ]

        # Computed only when the page's kept fragment (per page and audience) is missing.
        context["index_page"] = SimpleLazyObject(index_page)
        context["attachments"] = SimpleLazyObject(attachments)
        context["related_resources"] = SimpleLazyObject(
            lambda: resource_related(page=self, user=request.user))
        context["related_webinars"] = SimpleLazyObject(lambda: backlinks_for(self, request))
        return context

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # The countries in memory are those about to be saved with the page (modelcluster).
        self.region_codes = join_choices(self.regions)
        if update_fields is not None and "explicit_regions" in update_fields:
            kwargs["update_fields"] = {*update_fields, "region_codes"}
        result = super().save(*args, **kwargs)
        if update_fields is None or {"body", "attachments"} & set(update_fields):
            self.document_links_sync()
        return result

    def referenced_document_ids(self) -> set[int]:
        """Every document this version of the page offers: attachments and body links."""
        Document = get_document_model()
        ids = {attachment.document_id for attachment in self.attachments.all()
               if attachment.document_id}
        body_field = self._meta.get_field("body")
        for model, object_id, _path, _content_path in body_field.extract_references(self.body):
            if issubclass(model, Document) and str(object_id).isdigit():
                ids.add(int(object_id))
        return ids

    def document_links_sync(self) -> None:
        """Keep the table that access checks use in step with the stored page content."""
        wanted = self.referenced_document_ids()
        existing = set(ResourceDocumentLink.objects.filter(page=self)
                       .values_list("document_id", flat=True))
        if existing - wanted:
            ResourceDocumentLink.objects.filter(page=self,
                                                document_id__in=existing - wanted).delete()
        Document = get_document_model()
        present = set(Document.objects.filter(pk__in=wanted - existing)
                      .values_list("pk", flat=True))
        ResourceDocumentLink.objects.bulk_create(
            [ResourceDocumentLink(page=self, document_id=pk) for pk in present],
            ignore_conflicts=True)


class ResourceDocument(Orderable):
    """A document attached to a resource, listed with its format and size."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(get_document_model_string(), verbose_name=_("document"),
                                 on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True,
                             help_text=_("Defaults to the document's own title."))
    language = models.CharField(
        _("language of the document"), max_length=8, choices=settings.LANGUAGES, blank=True,
        help_text=_("Documents in the visitor's language are listed first. Leave empty for "
                    "a document in the resource's own language."))

    panels = [FieldPanel("document"), FieldPanel("title"), FieldPanel("language")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

    @property
    def extension(self) -> str:
        return os.path.splitext(self.document.filename)[1].lstrip(".").upper()

    @property
    def file_size(self) -> int | None:
        if self.document.file_size is not None:
            return self.document.file_size
        return self.document.get_file_size()

    @cached_property
    def download_count(self) -> int:
        try:
            return self.document.download_tally.count
        except DocumentDownloadCount.DoesNotExist:
            return 0


class ResourceAuthor(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="authors")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")])]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self) -> str:
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class ResourceRelated(Orderable):
    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="related_choices")
    resource = models.ForeignKey(ResourcePage, verbose_name=_("resource"),
                                 on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("resource", page_type="resources.ResourcePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related resource")
        verbose_name_plural = _("related resources")


class ResourceDocumentLink(models.Model):
    """Which documents a stored resource offers (attachments and body links).

    Kept outside the page's revisions, in step with the page content on every save, so the
    download and document-serving checks answer "may this user have this file?" in one query.
    """

    page = models.ForeignKey(ResourcePage, on_delete=models.CASCADE,
                             related_name="document_links")
    document = models.ForeignKey(get_document_model_string(), on_delete=models.CASCADE,
                                 related_name="resource_links")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page", "document"],
                                               name="resources_unique_document_link")]

    def __str__(self) -> str:
        return f"{self.page_id} → {self.document_id}"


class DocumentDownloadCount(models.Model):
    """How often a document was downloaded from the library.

    Not part of the page revisions, so publishing an older draft never rolls a count back.
    """

    document = models.OneToOneField(get_document_model_string(), on_delete=models.CASCADE,
                                    primary_key=True, related_name="download_tally")
    count = models.PositiveBigIntegerField(_("downloads"), default=0)
    last_downloaded_at = models.DateTimeField(_("last downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("document download count")
        verbose_name_plural = _("document download counts")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.count}"
