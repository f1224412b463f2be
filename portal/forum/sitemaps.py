"""Forum categories open to every visitor, for the sitemap (group-only ones stay out)."""

from django.contrib.sitemaps import Sitemap

from .models import Category


class ForumCategorySitemap(Sitemap):
    changefreq = "daily"

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return Category.objects.filter(read_group__isnull=True).order_by("order", "pk")

    def lastmod(self, category):
        return category.last_post_at

    def location(self, category):
        return category.get_absolute_url()
