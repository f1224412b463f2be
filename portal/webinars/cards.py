"""Cards for links to webinars written in forum posts (see portal/core/link_cards.py):
every linked webinar the viewer may see, in one query."""

from django.utils.translation import gettext as _

from portal.core.link_cards import Card

from .models import Webinar


def webinar_cards(matches, *, user) -> list[Card | None]:
    slugs = {match.kwargs.get("slug") for match in matches}
    webinars = {}
    for webinar in (Webinar.objects.visible_to(user).filter(slug__in=slugs)
                    .only("pk", "slug", "title", "start", "locale_id")
                    .select_related("locale")):
        language = webinar.locale.language_code
        webinars.setdefault(webinar.slug, {})[language] = webinar
    cards: list[Card | None] = []
    for match in matches:
        versions = webinars.get(match.kwargs.get("slug"), {})
        webinar = versions.get(match.language) or next(iter(versions.values()), None)
        cards.append(None if webinar is None else Card(
            title=webinar.title, kind=_("Webinar"), url=match.link, when=webinar.start))
    return cards
