from datetime import timedelta

import factory
from django.utils import timezone

from portal.core.models import Country
from portal.webinars.models import (
    AgendaItem,
    AgendaItemSpeaker,
    AgendaSession,
    Registration,
    SessionModerator,
    Speaker,
    Webinar,
    WebinarMaterial,
    WebinarSeries,
)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebinarSeries

    title = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.Sequence(lambda n: f"series-{n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker {n}")
    title = "Skills Development Officer"
    organisation = "Ministry of Labour"


class WebinarFactory(factory.django.DjangoModelFactory):
    """A published webinar two weeks ahead, open for registration, 60 minutes."""

    class Meta:
        model = Webinar
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Webinar {n}")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    summary = "A conversation on skills partnerships."
    start = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=14)).replace(
        second=0, microsecond=0))
    duration_minutes = 60
    timezone = "Africa/Johannesburg"
    display_timezones = "Africa/Nairobi"
    join_url = "https://meet.example.org/j/123456"
    live = True
    capacity = None


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaSession

    webinar = factory.SubFactory(WebinarFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    sort_order = factory.Sequence(lambda n: n)


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Item {n}")
    duration_minutes = 10
    sort_order = factory.Sequence(lambda n: n)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebinarMaterial

    webinar = factory.SubFactory(WebinarFactory)
    title = "Slides"
    url = "https://example.org/slides.pdf"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    webinar = factory.SubFactory(WebinarFactory)
    name = factory.Sequence(lambda n: f"Participant {n}")
    email = factory.Sequence(lambda n: f"participant{n}@example.org")
    organisation = "Ministry of Labour"
    organisation_type = "government"
    consent_privacy = True
    country = factory.LazyFunction(lambda: Country.objects.order_by("pk").first())


def add_agenda(webinar, spec):
    """spec: [(session title, [(label, minutes, title, [speakers])...], [moderators])...]"""
    for session_index, (title, items, moderators) in enumerate(spec):
        session = AgendaSession.objects.create(webinar=webinar, title=title,
                                               sort_order=session_index)
        for index, moderator in enumerate(moderators):
            SessionModerator.objects.create(session=session, speaker=moderator, sort_order=index)
        for item_index, (label, minutes, item_title, speakers) in enumerate(items):
            item = AgendaItem.objects.create(session=session, label=label,
                                             duration_minutes=minutes, title=item_title,
                                             sort_order=item_index)
            for index, speaker in enumerate(speakers):
                AgendaItemSpeaker.objects.create(item=item, speaker=speaker, sort_order=index)
    return webinar


def programme_webinar(**kwargs):
    """The April 2024 programme: 11:00-12:00 SAST, three sessions, 60 minutes in all."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    start = datetime(2024, 4, 11, 11, 0, tzinfo=ZoneInfo("Africa/Johannesburg"))
    webinar = WebinarFactory(start=start, timezone="Africa/Johannesburg",
                             display_timezones="Africa/Nairobi", **kwargs)
    kenya = SpeakerFactory(name="Acquillyne Mbaka", title="Skills Development Officer",
                           organisation="Kenya")
    palm = SpeakerFactory(name="Pita Foliaki Lokotui", title="Country Liaison Officer",
                          organisation="PALM scheme")
    moderator = SpeakerFactory(name="Moderator One", title="", organisation="GIZ")
    add_agenda(webinar, [
        ("Session 1", [("", 5, "Opening remarks", []),
                       ("", 10, "Introduction to the series", [])], [moderator]),
        ("Session 2: panel", [("Topic 1", 10, "Kenya's initiatives", [kenya]),
                              ("Topic 2", 10, "Learning from the PALM scheme", [palm])], []),
        ("Session 3", [("3A", 15, "Discussion with participants", []),
                       ("3B", 10, "Conclusion and vote of thanks", [])], [moderator]),
    ])
    return webinar
