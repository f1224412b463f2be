"""RSS 2.0 and Atom feeds of new public resources, optionally for one theme."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from portal.core.models import Theme

from .selectors import resources_for_feed


class ResourceRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, *, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def get_object(self, request, *args, **kwargs):
        self.request = request
        slug = request.GET.get("theme", "").strip()
        if not slug:
            return None
        theme = Theme.objects.filter(slug=slug).first()
        if theme is None:
            raise Http404(_("There is no theme called “%(slug)s”.") % {"slug": slug[:80]})
        return theme

    def title(self, theme):
        if theme is None:
            return _("New resources: %(library)s") % {"library": self.index_page.title}
        return _("New resources on %(theme)s: %(library)s") % {
            "theme": theme.display_name, "library": self.index_page.title}

    def link(self, theme):
        url = self.index_page.get_full_url(self.request)
        return f"{url}?theme={theme.slug}" if theme is not None else url

    def description(self, theme):
        return _("Studies, policy briefs, toolkits and other resources on skills and labour "
                 "migration, newest first.")

    def items(self, theme):
        return resources_for_feed(theme=theme)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at or _at_noon(item.publication_date)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [theme.display_name for theme in item.themes.all()]

    def item_author_name(self, item):
        names = [author.name for author in item.authors.all()]
        return ", ".join(names) or None


class ResourceAtomFeed(ResourceRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, theme):
        return self.description(theme)


def _at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_current_timezone())
