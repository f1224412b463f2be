"""Demo webinars: the series, the April 2024 webinar with its full programme and materials,
and upcoming webinars open for registration (dates computed from today).

Idempotent: the series, speakers and webinars are found by slug or name, so a second run
changes nothing. An upcoming demo webinar that has already ended is moved forward again.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page
from wagtail.search import index as search_index

from portal.core.i18n import locale_for
from portal.core.models import Country, Language, Theme
from portal.core.timezones import local_to_utc
from portal.members.models import Profile

from .demo_fr import PAST as PAST_FR
from .demo_fr import UPCOMING as UPCOMING_FR
from .demo_fr import load_french
from .enums import MaterialKind, Platform, RegistrationStatus
from .models import (
    AgendaItem,
    AgendaItemSpeaker,
    AgendaSession,
    Registration,
    SeriesPartner,
    SessionModerator,
    Speaker,
    Webinar,
    WebinarMaterial,
    WebinarSeries,
    new_token,
)

SERIES_SLUG = "skills-and-labour-migration"
PAST_SLUG = "skills-partnerships-on-labour-migration"
UPCOMING_SLUG = "recognising-the-skills-of-migrant-workers"
FRENCH_SLUG = "harmoniser-les-formations-burkina-faso-mali"
COLLECTION_NAME = "Webinar materials"

SERIES_DESCRIPTION = (
    "<p>A webinar series of the knowledge-sharing portal on skills and labour migration. "
    "Each session brings together the people who design and run skills partnerships, from "
    "ministries of labour to training providers, employers' and workers' organisations, to "
    "compare what they have tried and what they have learnt.</p>"
    "<p>Everyone who registers is invited to the community of practice, where the "
    "conversation continues between sessions.</p>"
)

PAST_INTRODUCTION = (
    "<p>Labour mobility within Africa and beyond keeps growing, yet many migrant workers "
    "find that their qualifications count for little once they cross a border, while "
    "employers struggle to find the skills they need. Skills partnerships on labour "
    "migration bring countries of origin and destination, employers, workers and training "
    "providers together so that migration benefits everyone involved.</p>"
    "<h3>What do skills partnerships on labour migration entail?</h3>"
    "<ol>"
    "<li><strong>Matching skills with demand</strong>: identifying the occupations where "
    "workers are needed and the skills that go with them.</li>"
    "<li><strong>Recognition and portability of skills</strong>: making sure that what a "
    "worker has learnt is understood and valued in the country of destination, and again "
    "on return.</li>"
    "<li><strong>Training and support</strong>: training before departure, including "
    "language courses and cultural orientation, and support while abroad.</li>"
    "<li><strong>Return and reintegration</strong>: helping returning workers put the skills "
    "they gained to use at home.</li>"
    "</ol>"
    "<h3>Opportunities for Africa</h3>"
    "<p>Regional economic communities are opening labour markets to each other, and several "
    "countries already run bilateral arrangements. Learning from these early partnerships, "
    "and from schemes in other regions, can help the continent design partnerships that "
    "protect workers and answer real labour market needs.</p>"
)
PAST_OBJECTIVES = (
    "<p>To enhance the understanding of what makes skills partnerships for labour migration "
    "succeed, drawing on a national initiative from Kenya and on an established scheme from "
    "the Pacific.</p>"
)
PAST_OUTCOMES = (
    "<p>Key stakeholders leave with more knowledge of, and greater awareness about, skills "
    "partnerships on labour migration, and with contacts to continue the discussion in the "
    "community of practice.</p>"
)

UPCOMING_INTRODUCTION = (
    "<p>A welder trained in Dakar or a nurse trained in Accra often starts again from the "
    "bottom of the ladder abroad, because nobody can tell what their certificate is worth. "
    "Recognising skills, including those learnt on the job, is one of the quickest ways to "
    "make labour migration pay off for workers, employers and both countries.</p>"
    "<p>This session looks at recognition of prior learning, at mutual recognition of "
    "qualifications between neighbouring countries and at the role of employers' and "
    "workers' organisations in making certificates trusted.</p>"
)
UPCOMING_OBJECTIVES = (
    "<ul><li>Share how countries of the region assess and certify skills learnt outside "
    "formal training.</li><li>Discuss what neighbouring countries need to trust each "
    "other's certificates.</li></ul>"
)
UPCOMING_OUTCOMES = (
    "<p>Participants know the main routes to recognition in the region, the obstacles that "
    "remain, and where to find tools and peers in the community of practice.</p>"
)

FRENCH_INTRODUCTION = (
    "<p>Lors des ateliers tripartites de 2019, le Burkina Faso et le Mali ont retenu l'idée "
    "d'un partenariat de trois ans pour harmoniser leurs programmes de formation en "
    "agriculture, en construction et en construction métallique. Cette session fait le "
    "point sur ce qui a été engagé et sur les enseignements pour d'autres pays.</p>"
)

SPEAKERS = {
    "mbaka": {"name": "Acquillyne Mbaka", "title": "Skills Development Officer",
              "organisation": "", "country": "KE",
              "bio": "Works on skills development and on Kenya's initiatives for skills "
                     "partnerships in labour migration."},
    "lokotui": {"name": "Pita Foliaki Lokotui", "title": "Country Liaison Officer",
                "organisation": "PALM scheme", "country": None,
                "bio": "Liaises with participating countries of the Pacific Australia Labour "
                       "Mobility (PALM) scheme."},
    "giz": {"name": "GIZ representative", "title": "Opening remarks",
            "organisation": "GIZ", "country": None, "bio": ""},
    "ilo": {"name": "ILO representative", "title": "Skills and migration specialist",
            "organisation": "ILO", "country": None, "bio": ""},
    "moderator1": {"name": "Moderator 1", "title": "Session moderator", "organisation": "",
                   "country": None, "bio": ""},
    "moderator2": {"name": "Moderator 2", "title": "Panel moderator", "organisation": "",
                   "country": None, "bio": ""},
    "moderator3": {"name": "Moderator 3", "title": "Session moderator", "organisation": "",
                   "country": None, "bio": ""},
}
MEMBER_SPEAKERS = {
    "diallo": "amina.diallo@example.org",
    "mensah": "moderator@example.org",
    "nkosi": "thabo.nkosi@example.org",
}

PAST_PROGRAMME = [
    ("Session 1: opening", "", ["moderator1"], [
        ("", 5, "Opening remarks", "", "", ["giz"]),
        ("", 10, "Introduction to the webinar series and key concepts of skills partnerships "
                 "on labour migration", "", "", ["ilo"]),
    ]),
    ("Session 2: panel discussion", "Two experiences of skills partnerships, side by side.",
     ["moderator2"], [
         ("Topic 1", 10, "Kenya's initiatives on skills partnerships for labour migration",
          "", "", ["mbaka"]),
         ("Topic 2", 10, "Learning from an existing programme: the Pacific Australia Labour "
                         "Mobility (PALM) scheme", "",
          "Overview of the scheme\nKey features: coordination and financing\nChallenges and "
          "lessons learnt\nWhat other regions can learn", ["lokotui"]),
     ]),
    ("Session 3: audience participation", "", ["moderator3"], [
        ("3A", 15, "Discussion and reflections from participants", "", "", []),
        ("3B", 10, "Conclusion, closing remarks and vote of thanks", "", "", []),
    ]),
]

UPCOMING_PROGRAMME = [
    ("Session 1: opening", "", ["mensah"], [
        ("", 5, "Welcome and purpose of the session", "", "", []),
        ("", 10, "Recognition of skills: the main routes in the region", "", "",
         ["nkosi"]),
    ]),
    ("Session 2: country experiences", "", ["mensah"], [
        ("Topic 1", 15, "Recognising the skills of returning migrant workers in Senegal",
         "How returning workers have their experience assessed and certified.",
         "Assessment centres\nWorking with employers\nWhat still blocks recognition",
         ["diallo"]),
        ("Topic 2", 10, "Mutual recognition between neighbouring countries: where to start",
         "", "", ["nkosi"]),
    ]),
    ("Session 3: discussion", "", ["mensah"], [
        ("3A", 15, "Questions and experiences from participants", "", "", []),
        ("3B", 5, "Conclusion and next steps in the community", "", "", []),
    ]),
]

FRENCH_PROGRAMME = [
    ("Session 1 : ouverture", "", ["mensah"], [
        ("", 10, "Mot de bienvenue et présentation du partenariat", "", "", []),
    ]),
    ("Session 2 : échanges", "", ["mensah"], [
        ("", 25, "Harmoniser les programmes : agriculture, construction, construction "
                 "métallique", "", "", ["diallo"]),
        ("", 25, "Questions des participants", "", "", []),
    ]),
]

DEMO_ORGANISATIONS = {
    "government": "Ministry of Labour", "workers": "National trade union confederation",
    "training": "National TVET agency", "employers": "Employers' federation",
    "employment_service": "Public employment service", "ngo": "Migrant support network",
    "academia": "University research centre", "international": "Regional office",
    "private": "Recruitment agency", "diaspora": "Diaspora association",
}

DEMO_PEOPLE = [
    ("Chipo Moyo", "ZW", "government"), ("Ibrahim Traoré", "BF", "government"),
    ("Fatou Ndiaye", "SN", "workers"), ("Kofi Asante", "GH", "training"),
    ("Ngozi Okafor", "NG", "employers"), ("Aïcha Diarra", "ML", "government"),
    ("Joseph Mutua", "KE", "employment_service"), ("Mariam Sow", "MR", "ngo"),
    ("Yao Kouassi", "CI", "training"), ("Esther Banda", "ZM", "academia"),
    ("Paul Nguema", "GA", "government"), ("Awa Ouedraogo", "BF", "workers"),
    ("Samuel Tesfaye", "ET", "international"), ("Grace Achieng", "KE", "training"),
    ("Moussa Keita", "ML", "employers"), ("Thandiwe Dlamini", "ZA", "government"),
    ("Koffi Agbeko", "TG", "training"), ("Halima Abdou", "NE", "ngo"),
    ("Jean-Pierre Mbarga", "CM", "government"), ("Rose Nakato", "UG", "academia"),
    ("Abdoulaye Ba", "SN", "employment_service"), ("Blessing Eze", "NG", "diaspora"),
    ("Nadia Benali", "MA", "international"), ("Emmanuel Ngoy", "CD", "government"),
    ("Claire Mensah", "GH", "workers"), ("Hassan Mahamat", "TD", "government"),
    ("Lindiwe Khumalo", "ZA", "private"), ("Omar Sy", "SN", "ngo"),
    ("Patience Owusu", "GH", "employers"), ("Didier Ondo", "GQ", "government"),
    ("Winnie Wanjiku", "KE", "private"), ("Sékou Camara", "GN", "training"),
]


def _speaker(key: str) -> Speaker:
    if key in MEMBER_SPEAKERS:
        profile = (Profile.objects.select_related("user", "country")
                   .filter(user__email__iexact=MEMBER_SPEAKERS[key]).first())
        name = profile.name if profile else key.title()
        speaker = Speaker.objects.filter(name=name).first()
        if speaker is None:
            speaker = Speaker.objects.create(
                name=name, title=profile.job_title if profile else "",
                organisation=profile.organisation if profile else "",
                country=profile.country if profile else None, bio=profile.bio if profile else "",
                member=profile.user if profile else None)
        return speaker
    spec = SPEAKERS[key]
    speaker = Speaker.objects.filter(name=spec["name"], organisation=spec["organisation"]).first()
    if speaker is None:
        country = Country.objects.filter(iso_code=spec["country"]).first() \
            if spec["country"] else None
        speaker = Speaker.objects.create(name=spec["name"], title=spec["title"],
                                         organisation=spec["organisation"], country=country,
                                         bio=spec["bio"])
    return speaker


def _series() -> WebinarSeries:
    series = WebinarSeries.objects.filter(slug=SERIES_SLUG,
                                          locale__language_code="en").first()
    if series is not None:
        return series
    series = WebinarSeries(title="Skills and Labour Migration", slug=SERIES_SLUG,
                           description=SERIES_DESCRIPTION)
    series.themes = list(Theme.objects.filter(slug__in=["matching-skills",
                                                        "recognition-portability",
                                                        "governance"]))
    series.partners = [SeriesPartner(name=name, url=url, sort_order=index)
                       for index, (name, url) in enumerate([
                           ("ILO", "https://www.ilo.org/"),
                           ("GIZ", "https://www.giz.de/"),
                           ("AUDA-NEPAD", "https://www.nepad.org/")])]
    series.save()
    return series


def _programme(webinar: Webinar, programme) -> None:
    for session_index, (title, description, moderators, items) in enumerate(programme):
        session = AgendaSession.objects.create(webinar=webinar, title=title,
                                               description=description,
                                               sort_order=session_index)
        for index, key in enumerate(moderators):
            SessionModerator.objects.create(session=session, speaker=_speaker(key),
                                            sort_order=index)
        for item_index, (label, minutes, item_title, text, topics, speakers) in enumerate(items):
            item = AgendaItem.objects.create(session=session, label=label,
                                             duration_minutes=minutes, title=item_title,
                                             description=text, sub_topics=topics,
                                             sort_order=item_index)
            for index, key in enumerate(speakers):
                AgendaItemSpeaker.objects.create(item=item, speaker=_speaker(key),
                                                 sort_order=index)


def _document(title: str, paragraphs: list[str]):
    from portal.resources.pdf import pdf_document

    Document = get_document_model()
    collection = Collection.objects.filter(name=COLLECTION_NAME).first() or \
        Collection.get_first_root_node().add_child(name=COLLECTION_NAME)
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        filename = title.lower().replace(" ", "-").replace(":", "")[:70] + ".pdf"
        document = pdf_document(title, paragraphs, collection=collection, filename=filename)
    return document


def _materials(webinar: Webinar) -> None:
    slides = _document("Presentation: Kenya's initiatives on skills partnerships", [
        "# Kenya's initiatives on skills partnerships for labour migration",
        "Panel discussion, Skills Partnerships on Labour Migration, 11 April 2024.",
        "# Themes of the presentation",
        "Matching skills with labour demand abroad; recognition of skills; training before "
        "departure; support to returning workers.",
    ])
    palm = _document("Presentation: learning from the PALM scheme", [
        "# Learning from an existing programme: the PALM scheme",
        "Overview; key features (coordination, financing); challenges and lessons; what "
        "other regions can learn.",
    ])
    materials = [
        WebinarMaterial(webinar=webinar, title="Presentation: Kenya's initiatives on skills "
                        "partnerships", kind=MaterialKind.PRESENTATION, document=slides),
        WebinarMaterial(webinar=webinar, title="Presentation: learning from the PALM scheme",
                        kind=MaterialKind.PRESENTATION, document=palm),
    ]
    for slug, title, kind in [
        ("concept-note-skills-partnerships-on-labour-migration", "Concept note of the webinar",
         MaterialKind.CONCEPT_NOTE),
        ("why-skills-partnerships-on-migration-matter",
         "Why skills partnerships on migration matter", MaterialKind.RESOURCE),
        ("toolkit-designing-a-skills-partnership",
         "Toolkit: designing a skills partnership on labour migration", MaterialKind.RESOURCE),
    ]:
        page = Page.objects.filter(slug=slug).first()
        if page is not None:
            materials.append(WebinarMaterial(webinar=webinar, title=title, kind=kind,
                                             page=page))
    for index, material in enumerate(materials):
        material.sort_order = index
        material.save()


def _registrations(webinar: Webinar, people, *, attended_share: float = 0.0,
                   days_before: int = 20) -> None:
    countries = {country.iso_code: country for country in Country.objects.all()}
    rows = []
    for index, (name, code, organisation_type) in enumerate(people):
        email = (name.lower().replace(" ", ".").replace("é", "e").replace("ï", "i")
                 .replace("-", "") + "@example.org")
        created = webinar.start - timedelta(days=days_before - (index * days_before)
                                            // max(len(people), 1), hours=index % 7)
        attended = index < int(len(people) * attended_share)
        rows.append(Registration(
            webinar=webinar, name=name, email=email, email_normalised=email,
            organisation=DEMO_ORGANISATIONS[organisation_type], organisation_type=organisation_type,
            country=countries.get(code), consent_privacy=True, consent_updates=index % 2 == 0,
            language="fr" if code in {"BF", "ML", "SN", "CI", "TG", "NE", "CM", "GA", "TD",
                                      "CD", "GN", "MR", "MA"} else "en",
            status=RegistrationStatus.CONFIRMED, token=new_token(), created_at=created,
            confirmed_at=created, attended=attended,
            attendance_source="import" if attended else "",
            first_joined_at=webinar.start + timedelta(minutes=index % 9) if attended else None,
            join_count=1 if attended else 0))
    Registration.objects.bulk_create(rows)


def _at(day: date, hour: int, zone: str) -> datetime:
    return local_to_utc(datetime.combine(day, time(hour, 0)), zone)


def _weekday_ahead(days: int) -> date:
    day = timezone.now().date() + timedelta(days=days)
    while day.weekday() >= 5:  # Saturday or Sunday: move to Monday
        day += timedelta(days=1)
    return day


def _create(slug: str, *, fields: dict, programme, themes: list[str], countries: list[str],
            language: str, series: WebinarSeries) -> tuple[Webinar, bool]:
    webinar = Webinar.objects.filter(slug=slug).order_by("pk").first()
    if webinar is not None:
        return webinar, False
    webinar = Webinar(slug=slug, series=series, language=Language.objects.filter(
        code=language).first(), **fields)
    webinar.save()
    webinar.themes.set(Theme.objects.filter(slug__in=themes))
    webinar.countries.set(Country.objects.filter(iso_code__in=countries))
    webinar.save()
    _programme(webinar, programme)
    search_index.insert_or_update_object(webinar)  # the programme was added after the first save
    return webinar, True


def _keep_upcoming(webinar: Webinar, days: int, hour: int) -> None:
    """A demo webinar that is meant to be ahead moves forward once it has ended."""
    if webinar.end > timezone.now():
        return
    webinar.start = _at(_weekday_ahead(days), hour, webinar.timezone)
    webinar.registration_opens_at = None
    webinar.registration_closes_at = None
    webinar.save()
    webinar.save_revision().publish()


def load(say) -> None:
    series = _series()

    past, created = _create(PAST_SLUG, series=series, language="en", fields={
        "title": "Skills Partnerships on Labour Migration",
        "summary": "How skills partnerships can make labour migration work for migrant "
                   "workers, employers and countries, with experiences from Kenya and from "
                   "the Pacific Australia Labour Mobility scheme.",
        "introduction": PAST_INTRODUCTION, "objectives": PAST_OBJECTIVES,
        "expected_outcomes": PAST_OUTCOMES,
        "start": _at(date(2024, 4, 11), 11, "Africa/Johannesburg"), "duration_minutes": 60,
        "timezone": "Africa/Johannesburg", "display_timezones": "Africa/Nairobi",
        "capacity": 300, "platform": Platform.ZOOM,
        "join_url": "https://meet.example.org/j/skills-partnerships-2024",
        "recording_url": "https://video.example.org/skills-partnerships-on-labour-migration",
    }, programme=PAST_PROGRAMME, countries=["KE", "ZA", "GH", "NG", "SN"],
        themes=["matching-skills", "recognition-portability", "pre-departure",
                "return-reintegration"])
    if created:
        _materials(past)
        _registrations(past, DEMO_PEOPLE, attended_share=0.6)
        past.save_revision().publish()
    say(f"past webinar /webinars/{PAST_SLUG}/ with its programme and materials")

    upcoming_day = _weekday_ahead(21)
    upcoming, created = _create(UPCOMING_SLUG, series=series, language="en", fields={
        "title": "Recognising the skills of migrant workers",
        "summary": "Recognition of prior learning and mutual recognition of qualifications: "
                   "how countries of the region make the skills of migrant workers count.",
        "introduction": UPCOMING_INTRODUCTION, "objectives": UPCOMING_OBJECTIVES,
        "expected_outcomes": UPCOMING_OUTCOMES,
        "start": _at(upcoming_day, 11, "Africa/Johannesburg"), "duration_minutes": 60,
        "timezone": "Africa/Johannesburg", "display_timezones": "Africa/Lagos, Africa/Nairobi",
        "capacity": 100, "platform": Platform.ZOOM, "reminder_schedule": "24h, 1h",
        "join_url": "https://meet.example.org/j/recognising-skills",
        "join_details": "Meeting ID: 000 000 000 (demo)",
    }, programme=UPCOMING_PROGRAMME, countries=["SN", "GH", "ZA", "KE"],
        themes=["recognition-portability", "prior-learning"])
    if created:
        _registrations(upcoming, DEMO_PEOPLE[:12], days_before=10)
        upcoming.save_revision().publish()
    _keep_upcoming(upcoming, 21, 11)
    say(f"upcoming webinar /webinars/{UPCOMING_SLUG}/ open for registration")

    french, created = _create(FRENCH_SLUG, series=series, language="fr", fields={
        "title": "Harmoniser les formations : le partenariat Burkina Faso – Mali",
        "summary": "Trois ans pour harmoniser les programmes de formation en agriculture, "
                   "construction et construction métallique : où en est le partenariat ?",
        "introduction": FRENCH_INTRODUCTION,
        "start": _at(_weekday_ahead(35), 10, "Africa/Ouagadougou"), "duration_minutes": 60,
        "timezone": "Africa/Ouagadougou", "display_timezones": "Africa/Lagos, Africa/Nairobi",
        "capacity": 80, "platform": Platform.TEAMS,
        "join_url": "https://meet.example.org/j/harmoniser-les-formations",
        "locale": locale_for("fr"),  # written in French: its original is French
    }, programme=FRENCH_PROGRAMME, countries=["BF", "ML"],
        themes=["matching-skills", "recognition-portability"])
    if created:
        french.save_revision().publish()
    _keep_upcoming(french, 35, 10)
    say(f"upcoming French webinar /fr/webinars/{FRENCH_SLUG}/")
    load_french(say, series=series, webinars=[(past, PAST_FR), (upcoming, UPCOMING_FR)])
