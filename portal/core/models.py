from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .enums import Region
from .i18n import TranslatedSitemapMixin


class BilingualQuerySet(models.QuerySet):
    def by_display_name(self):
        """Ordered by the name shown in the active language, accents ignored (so the
        French list reads Bénin, Cameroun, Côte d'Ivoire, Égypte… in that order)."""
        import unicodedata

        french = (get_language() or "en").startswith("fr")

        def key(row):
            text = row[2] if french and row[2] else row[1]
            return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()

        order = [row[0] for row in sorted(self.values_list("pk", "name", "name_fr"), key=key)]
        if not order:
            return self
        return self.order_by(models.Case(
            *[models.When(pk=pk, then=models.Value(position)) for position, pk in enumerate(order)],
            output_field=models.IntegerField()))


class BilingualNameMixin(models.Model):
    """Taxonomy terms carry an English and a French name; the active language picks one."""

    name = models.CharField(_("name (English)"), max_length=120, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=120, blank=True)

    objects = BilingualQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "en").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name


class Theme(index.Indexed, BilingualNameMixin):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("name_fr"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.SearchField("name_fr"),
                     index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Country(index.Indexed, BilingualNameMixin):
    iso_code = models.CharField(_("ISO 3166 code"), max_length=2, unique=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    is_au_member = models.BooleanField(_("African Union member state"), default=False)

    panels = [FieldPanel("name"), FieldPanel("name_fr"), FieldPanel("iso_code"),
              FieldPanel("region"), FieldPanel("is_au_member")]
    search_fields = [index.SearchField("name"), index.SearchField("name_fr"),
                     index.AutocompleteField("name"), index.FilterField("region")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")


class Language(BilingualNameMixin):
    code = models.CharField(_("language code"), max_length=8, unique=True,
                            help_text=_("ISO 639-1 code, e.g. 'fr'."))

    panels = [FieldPanel("name"), FieldPanel("name_fr"), FieldPanel("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")


class HomePage(TranslatedSitemapMixin, Page):
    """The portal's front door: a welcome, then sections each app fills when it has content."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = RichTextField(_("hero text"), blank=True, features=["bold", "italic", "link"])
    about = RichTextField(_("about the community"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text"),
                      FieldPanel("about")]
    # Editors create one; its translations are copies made by the translation workflow.
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Route in this language's tree, else in the other versions' trees (original
        first), so an untranslated page shows its original under /fr/, never a 404."""
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or getattr(request, "_portal_fallback_routing", False):
                raise
        request._portal_fallback_routing = True
        try:
            for other in self._fallback_homes():
                try:
                    return other.route(request, path_components)
                except Http404:
                    continue
        finally:
            request._portal_fallback_routing = False
        raise Http404

    def _fallback_homes(self):
        from .i18n import default_language

        others = list(HomePage.objects.live().filter(translation_key=self.translation_key)
                      .exclude(pk=self.pk).select_related("locale"))
        others.sort(key=lambda home: home.locale.language_code != default_language())
        return others

    def get_context(self, request, *args, **kwargs):
        from .home_sections import rendered_sections  # registry filled by the apps

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = rendered_sections(request)
        return context


class FailedEmail(models.Model):
    """A message the mail server refused for the whole retry window: kept for an
    administrator to resend or delete, never dropped silently."""

    subject = models.CharField(_("subject"), max_length=300)
    recipients = models.CharField(_("recipients"), max_length=500)
    message = models.JSONField(_("message"))
    attempts = models.PositiveIntegerField(_("attempts"))
    first_attempt_at = models.DateTimeField(_("first attempt"))
    failed_at = models.DateTimeField(_("given up at"), auto_now_add=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = _("failed e-mail")
        verbose_name_plural = _("failed e-mails")

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients}"
class PrivacyPage(Page):
    """The privacy notice editors maintain; the consent boxes, the sign-up form and the
    footer link to the published one."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    updated_on = models.DateField(_("last updated on"), null=True, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body"),
                      FieldPanel("updated_on")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("privacy notice")


def few_of_a_kind(pages):
    """``pages`` (a queryset of one page type that has few pages beside the whole tree:
    index pages, calls, practices), read from the type's own rows.

    SQLite, knowing nothing of the tables' sizes, reads such a query from the page tree
    and looks each page up in the type's table: every page of the site, 3-8 ms with 30,000
    resources (more with ``ORDER BY path``). Naming the type's own rows first makes it look
    up those few alone.
    """
    return pages.filter(pk__in=pages.model.objects.order_by().values("pk"))


def first_in_tree(pages):
    """The first of ``pages`` (a few pages of one type) in the page tree; the order is
    chosen here, which SQLite would otherwise read from the whole tree's path index."""
    return min(few_of_a_kind(pages).order_by(), key=lambda page: page.path, default=None)


def privacy_notice_url() -> str:
    """The address of the published privacy notice, or '' while there is none (kept per
    generation of the page tree: the footer, the sign-up page and every registration form
    show it)."""
    from .fragments import cached_value

    def find() -> str:
        page = first_in_tree(PrivacyPage.objects.live().only("id", "url_path", "path"))
        return page.url if page is not None else ""

    return cached_value("privacy-url", (), find, depends="pages")
