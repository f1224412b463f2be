"""More of everything than the demo has: resources (as published pages), webinars spread over
ten years, and members, so the benchmark shows how pages behave as content grows."""

import itertools
import uuid
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from portal.core.models import Country, Theme
from portal.members.models import Profile
from portal.resources.enums import ResourceType
from portal.resources.models import ResourceIndexPage, ResourcePage
from portal.webinars.models import Webinar

WORDS = ("skills", "recognition", "migration", "labour", "mobility", "qualifications",
         "partnership", "training", "welding", "agriculture", "return", "standards")


def _words(number: int, count: int) -> str:
    return " ".join(WORDS[(number * 7 + step) % len(WORDS)] for step in range(count))


def grow(*, resources: int = 0, webinars: int = 0, members: int = 0) -> None:
    if resources:
        _resources(resources)
    if webinars:
        _webinars(webinars)
    if members:
        _members(members)


def _resources(count: int) -> None:
    library = ResourceIndexPage.objects.filter(locale__language_code="en").first()
    countries = list(Country.objects.all())
    themes = list(Theme.objects.all())
    kinds = itertools.cycle(ResourceType.values)
    for number in range(count):
        page = ResourcePage(
            title=f"Study {number}: {_words(number, 4)}", slug=f"bench-study-{number}",
            summary=f"A study of {_words(number, 12)}.", resource_type=next(kinds),
            publication_date=date(2010, 1, 1) + timedelta(days=number % 5000), live=True)
        page.countries = [countries[number % len(countries)],
                          countries[(number * 3) % len(countries)]]
        page.themes = [themes[number % len(themes)]]
        library.add_child(instance=page)


def _webinars(count: int) -> None:
    english = Locale.objects.get(language_code="en")
    now = timezone.now().replace(second=0, microsecond=0)
    Webinar.objects.bulk_create([Webinar(
        title=f"Webinar {number}: {_words(number, 3)}", slug=f"bench-webinar-{number}",
        summary=f"A conversation on {_words(number, 10)}.", locale=english,
        translation_key=uuid.uuid4(), start=now - timedelta(days=3650 - number * 3650 // count),
        end_at=now - timedelta(days=3650 - number * 3650 // count) + timedelta(minutes=60),
        duration_minutes=60, timezone="Africa/Johannesburg", display_timezones="Africa/Nairobi",
        join_url="https://meet.example.org/j/1", live=True) for number in range(count)],
        batch_size=1000)


def _members(count: int) -> None:
    user_model = get_user_model()
    countries = list(Country.objects.all())
    users = user_model.objects.bulk_create([user_model(
        username=f"bench{number}", email=f"bench{number}@example.org", password="!")
        for number in range(count)], batch_size=1000)
    users = user_model.objects.filter(username__startswith="bench").order_by("pk")
    Profile.objects.bulk_create([Profile(
        user=user, display_name=f"Member {number:05d}", organisation=f"Organisation {number % 300}",
        country=countries[number % len(countries)],
        visibility=("public", "members", "hidden")[number % 3])
        for number, user in enumerate(users)], batch_size=1000)
