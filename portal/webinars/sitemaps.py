"""Webinar pages for the sitemap: published and open to all (members-only ones stay out).

Each language version is listed at its own address and names the others (hreflang)."""

from django.contrib.sitemaps import Sitemap
from django.utils import translation

from portal.core.i18n import object_language, sitemap_alternates

from .models import Webinar, WebinarSeries


class _TranslatedSitemap(Sitemap):
    def __init__(self, request=None):
        self.request = request

    def location(self, obj):
        with translation.override(object_language(obj)):
            return obj.get_absolute_url()

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for entry in urls:
            alternates = sitemap_alternates(entry["item"], self.request)
            if alternates:
                entry["alternates"] = alternates
        return urls


class WebinarSitemap(_TranslatedSitemap):
    changefreq = "weekly"

    def items(self):
        return Webinar.objects.filter(live=True, is_members_only=False).order_by("-start", "pk")

    def lastmod(self, webinar):
        return webinar.updated_at


class WebinarSeriesSitemap(_TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return WebinarSeries.objects.filter(webinars__live=True,
                                            webinars__is_members_only=False).distinct()
