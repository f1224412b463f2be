"""RSS and Atom feeds of the practice repository (the newest 30 public practices)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import PracticePage


class PracticesFeed(Feed):
    title = _("Good practices")
    description = _("Practices and partnerships shared by the community of practice.")

    def link(self):
        from .integration import practices_url

        return practices_url() or "/"

    def items(self):
        return PracticePage.objects.live().public().order_by(
            "-first_published_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url or item.url

    def item_pubdate(self, item):
        return item.first_published_at


class PracticesAtomFeed(PracticesFeed):
    feed_type = Atom1Feed
    subtitle = PracticesFeed.description
