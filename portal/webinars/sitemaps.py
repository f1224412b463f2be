"""Webinar pages for the sitemap: published and open to all (members-only ones stay out)."""

from django.contrib.sitemaps import Sitemap

from .models import Webinar, WebinarSeries


class WebinarSitemap(Sitemap):
    changefreq = "weekly"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return Webinar.objects.filter(live=True, is_members_only=False).order_by("-start", "pk")

    def lastmod(self, webinar):
        return webinar.updated_at

    def location(self, webinar):
        return webinar.get_absolute_url()


class WebinarSeriesSitemap(Sitemap):
    changefreq = "monthly"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return WebinarSeries.objects.filter(webinars__live=True,
                                            webinars__is_members_only=False).distinct()

    def location(self, series):
        return series.get_absolute_url()
