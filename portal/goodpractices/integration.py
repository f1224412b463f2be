"""How calls and practices plug into the portal: menu, home page, search, profile activity,
data export and erasure."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from portal.core.enums import choice_label
from portal.core.home_sections import HomeSection
from portal.members.activity import ActivityItem
from portal.search.registry import HitDescription, SearchArea, when_shown

from .enums import CallState, PracticeType, SubmissionStatus
from .models import CallPage, PracticeIndexPage, PracticePage, Submission
from .selectors import open_calls

NAV_CACHE_KEY = "goodpractices:url:{language}"
# What the kept parts of practice and call pages are read from: calls, practices, their
# submissions and progress updates, the related resources, members' names, the taxonomy,
# the page tree, images and documents. Not webinar registrations, nor the forum.
PRACTICES_AREAS = ("goodpractices", "resources", "members", "core", "wagtailcore",
                   "wagtailimages", "wagtaildocs")


def practices_url() -> str | None:
    """The repository's address, cached: the menu is on every page."""
    key = NAV_CACHE_KEY.format(language=get_language() or "en")
    url = cache.get(key)
    if url is None:
        from portal.core.i18n import active_language, object_url_in, one_per_translation
        from portal.core.models import first_in_tree

        index = first_in_tree(one_per_translation(PracticeIndexPage.objects.live()))
        url = object_url_in(index, active_language()) if index is not None else ""
        cache.set(key, url, 300)
    return url or None


def practices_url_forget(**kwargs) -> None:
    cache.delete_many([NAV_CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


def open_calls_section(request):
    calls = open_calls(limit=3)
    return HomeSection(key="open_calls", title=_("Open calls"),
                       template="goodpractices/_home_section.html", items=calls,
                       more_url=practices_url() or "", more_label=_("All good practices"))


def describe_practice(page: PracticePage) -> HitDescription:
    return HitDescription(title=page.title, url=when_shown(page.get_url), summary=page.summary,
                          themes=list(page.themes.all()), countries=list(page.countries.all()),
                          badges=(choice_label(PracticeType, page.practice_type),))


def searchable_practices(user):
    return PracticePage.objects.live().public().prefetch_related("themes", "countries")


PRACTICES_SEARCH_AREA = SearchArea(
    key="goodpractices", label=gettext_lazy("Good practice"), model=PracticePage,
    visible_to=searchable_practices, describe=describe_practice, order=30,
    excerpt_field="summary", sketch_themes="themes", sketch_countries="countries")

def describe_call(page: CallPage) -> HitDescription:
    return HitDescription(title=page.title, url=when_shown(page.get_url),
                          summary=strip_tags(page.introduction)[:300],
                          date=timezone.localdate(page.deadline_at) if page.deadline_at else None,
                          themes=list(page.themes.all()), countries=list(page.countries.all()),
                          badges=(str(CallState(page.state()).label),))


def searchable_calls(user):
    return CallPage.objects.live().public().prefetch_related("themes", "countries")


CALLS_SEARCH_AREA = SearchArea(
    key="calls", label=gettext_lazy("Call for good practices"), model=CallPage,
    visible_to=searchable_calls, describe=describe_call, order=31,
    sketch_date="deadline_at", sketch_themes="themes", sketch_countries="countries")

PUBLIC_STATUSES = [SubmissionStatus.SHORTLISTED, SubmissionStatus.WINNER]


def profile_activity(*, profile, viewer, limit):
    """Shortlisted and winning submissions are public; nothing else shows on a profile."""
    submissions = (Submission.objects.filter(author_id=profile.user_id,
                                             status__in=PUBLIC_STATUSES,
                                             call__blind_review=False)
                   .select_related("call").order_by("-updated_at")[:limit])
    return [ActivityItem(title=sub.title, url=sub.call.url, when=sub.updated_at,
                         kind=str(gettext_lazy("Good practice"))) for sub in submissions]


def export_member(user) -> dict:
    return {
        "submissions": [
            {"call": sub.call.title, "title": sub.title, "summary": sub.summary,
             "idea": sub.idea, "status": sub.status, "created_at": sub.created_at.isoformat()}
            for sub in Submission.objects.filter(author=user).select_related("call")],
        "votes": list(user.gp_votes.values_list("submission__title", flat=True)),
        "reviews": [{"submission": review.submission.title, "score": review.score,
                     "private_note": review.private_note}
                    for review in user.gp_reviews.select_related("submission")],
    }


def erase_member(user) -> None:
    """Votes and private notes go; submitted content stays, attributed to a former member."""
    user.gp_votes.all().delete()
    user.gp_reviews.update(private_note="")
    user.gp_coauthorships.all().delete()
