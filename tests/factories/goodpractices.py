"""Factories for calls: the page tree (repository, calls index), calls, submissions."""

import datetime
import itertools

from django.contrib.auth.models import Group
from django.utils import timezone

from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import (
    CallCriterion,
    CallIndexPage,
    CallPage,
    PracticeIndexPage,
    PracticePage,
    Submission,
)
from tests.factories.members import member
from tests.factories.resources import home_page

_sequence = itertools.count(1)
DAY = datetime.timedelta(days=1)


def calls_index() -> CallIndexPage:
    index = CallIndexPage.objects.first()
    if index:
        return index
    repository = PracticeIndexPage.objects.first()
    if repository is None:
        repository = home_page().add_child(instance=PracticeIndexPage(
            title="Good practices", slug="good-practices"))
    return repository.add_child(instance=CallIndexPage(title="Calls", slug="calls"))


def call(*, phase="open", zone="Africa/Abidjan", criteria=((3, 5), (1, 5)), **fields):
    """A published call; `phase` places now inside one of its periods."""
    now = timezone.now()
    offsets = {"upcoming": 1, "open": -1, "review": -11, "voting": -21, "closed": -31,
               "results": -41}[phase]
    start = now + offsets * DAY
    number = next(_sequence)
    fields = {"title": f"Call {number}", "slug": f"call-{number}", **fields}
    page = CallPage(introduction="<p>Hi</p>",
                    timezone=zone, opens_at=start, deadline_at=start + 10 * DAY,
                    review_ends_at=start + 20 * DAY, voting_starts_at=start + 20 * DAY,
                    voting_ends_at=start + 30 * DAY, announcement_at=start + 40 * DAY,
                    **fields)
    page.criteria = [CallCriterion(name=f"Criterion {i}", weight=w, scale=s)
                     for i, (w, s) in enumerate(criteria)]
    calls_index().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def practice(*, title=None, year=2019, **fields):
    """A published practice in the repository."""
    calls_index()
    number = next(_sequence)
    page = PracticePage(title=title or f"Practice {number}",
                        slug=fields.pop("slug", f"practice-{number}"),
                        summary="A joint action plan.", year=year, **fields)
    PracticeIndexPage.objects.get(locale__language_code="en").add_child(instance=page)
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


def submission(*, call_page, author=None, status=SubmissionStatus.SUBMITTED, **fields):
    author = author or member(organisation="Org A")
    values = {"title": f"Idea {next(_sequence)}", "summary": "s", "idea": "i", **fields}
    return Submission.objects.create(call=call_page, author=author, status=status,
                                     organisation=author.profile.organisation, **values)


def reviewer(**profile):
    user = member(**profile)
    user.groups.add(Group.objects.get_or_create(name="Reviewers")[0])
    return user


def editor():
    user = member()
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user
