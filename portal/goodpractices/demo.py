"""Demo calls: the 2019 West Africa and Sahel and Central Africa calls (closed, with their
three winning partnerships and action plans) and one open call members can submit to.

Idempotent: pages are found by slug, so a second run changes nothing.
"""

import datetime

from django.utils import timezone

from portal.core.models import Country, HomePage, Theme
from portal.core.seed_data import PROJECT_COUNTRY_CODES
from portal.core.timezones import local_to_utc

from .enums import MilestoneStatus, PracticeType
from .models import (
    CallCriterion,
    CallIndexPage,
    CallPage,
    Milestone,
    PracticeIndexPage,
    PracticePage,
    PracticePartner,
)

CRITERIA = [
    ("Relevance to skills and labour migration", "Does the idea answer a real need of "
     "migrant workers, employers and training systems in the partner countries?", 3, 5),
    ("Feasibility", "Can the partners carry it out with the means they describe?", 2, 5),
    ("Partnership", "Do governments, employers and workers of each country take part?", 2, 5),
    ("Sustainability", "Will the results last after the first years?", 1, 5),
]

WEST_CENTRAL = list(PROJECT_COUNTRY_CODES)


def _at(year, month, day, hour, zone):
    return local_to_utc(datetime.datetime(year, month, day, hour, 0), zone)


def _call(parent, *, slug, title, intro, zone, dates, countries, themes):
    call = CallPage.objects.filter(slug=slug, locale=_english()).first()
    if call is not None:
        return call, False
    call = CallPage(title=title, slug=slug, introduction=intro, timezone=zone,
                    regions=",central,west,", submitters="teams", blind_review=True,
                    reviews_per_submission=2, vote_budget=3, expert_weight=60)
    for field, value in zip(["opens_at", "deadline_at", "review_ends_at", "voting_starts_at",
                             "voting_ends_at", "announcement_at"], dates, strict=True):
        setattr(call, field, value)
    call.countries = list(Country.objects.filter(iso_code__in=countries))
    call.themes = list(Theme.objects.filter(slug__in=themes))
    call.criteria = [CallCriterion(name=name, description=text, weight=weight, scale=scale)
                     for name, text, weight, scale in CRITERIA]
    parent.add_child(instance=call)
    call.save_revision().publish()
    return call, True


PRACTICES = [
    {
        "slug": "mauritania-senegal-common-standards",
        "title": "Mauritania and Senegal: common occupational, competency and assessment "
                 "standards",
        "call": "west-africa-sahel-2019",
        "type": PracticeType.STANDARDS, "countries": ["MR", "SN"],
        "themes": ["recognition-portability"],
        "summary": "A five-year joint action plan in which Mauritania and Senegal agree on "
                   "shared occupational, competency and assessment standards for priority "
                   "occupations, so that a qualification earned on one side of the river "
                   "counts on the other.",
        "goals": "<ul><li>Agree on the priority occupations both labour markets need.</li>"
                 "<li>Write common occupational, competency and assessment standards for "
                 "them.</li><li>Help enterprises upgrade their equipment and train the tutors "
                 "who supervise apprentices.</li></ul>",
        "partners": [("Ministry in charge of vocational training", "MR",
                      "Co-leads the standards work"),
                     ("Ministry in charge of vocational training", "SN",
                      "Co-leads the standards work"),
                     ("Employers' organisations of both countries", None,
                      "Name the priority occupations and host tutors"),
                     ("Trade unions of both countries", None,
                      "Check the standards protect workers")],
        "milestones": [("Joint steering committee set up", (2020, 6, 30), MilestoneStatus.DONE),
                       ("Priority occupations agreed", (2021, 3, 31), MilestoneStatus.DONE),
                       ("Common standards for the first occupations", (2022, 12, 31),
                        MilestoneStatus.IN_PROGRESS),
                       ("Tutor training in partner enterprises", (2024, 12, 31),
                        MilestoneStatus.PLANNED)],
    },
    {
        "slug": "burkina-faso-mali-training-harmonisation",
        "title": "Burkina Faso and Mali: harmonised training in agriculture, construction and "
                 "metal construction",
        "call": "west-africa-sahel-2019",
        "type": PracticeType.TRAINING, "countries": ["BF", "ML"],
        "themes": ["matching-skills", "return-reintegration"],
        "summary": "A three-year partnership that aligns the training programmes of Burkina "
                   "Faso and Mali in agriculture, construction and metal construction, shares "
                   "what works between training centres and helps migrants settle into work.",
        "goals": "<ul><li>Compare and align the curricula of the three sectors.</li><li>Share "
                 "experiences and good practices between training centres.</li><li>Support "
                 "the social and professional integration of migrants.</li></ul>",
        "partners": [("National training agencies", "BF", "Curriculum alignment"),
                     ("National training agencies", "ML", "Curriculum alignment"),
                     ("Sector employers' associations", None, "Work placements")],
        "milestones": [("Curricula compared in the three sectors", (2020, 12, 31),
                        MilestoneStatus.DONE),
                       ("Joint programmes approved", (2021, 12, 31), MilestoneStatus.DELAYED),
                       ("First cohorts trained on the joint programmes", (2022, 12, 31),
                        MilestoneStatus.PLANNED)],
    },
    {
        "slug": "nigeria-ghana-togo-certification",
        "title": "Nigeria, Ghana and Togo: harmonised certification and standards",
        "call": "west-africa-sahel-2019",
        "type": PracticeType.PRIOR_LEARNING, "countries": ["NG", "GH", "TG"],
        "themes": ["recognition-portability", "prior-learning"],
        "summary": "Three countries harmonise their certifications and standards so that "
                   "skills move with the workers who hold them, and recognise and validate "
                   "prior learning in priority occupations.",
        "goals": "<ul><li>Map the certifications of the three countries side by side.</li>"
                 "<li>Agree on shared standards for priority occupations.</li><li>Recognise "
                 "and validate prior learning for those occupations.</li></ul>",
        "partners": [("Skills and qualifications authority", "NG", "Lead partner"),
                     ("Skills and qualifications authority", "GH", "Partner"),
                     ("Skills and qualifications authority", "TG", "Partner")],
        "milestones": [("Certifications mapped", (2020, 9, 30), MilestoneStatus.DONE),
                       ("Shared standards for priority occupations", (2022, 6, 30),
                        MilestoneStatus.IN_PROGRESS),
                       ("Recognition of prior learning piloted", (2023, 6, 30),
                        MilestoneStatus.PLANNED)],
    },
]


def _english():
    from portal.core.i18n import default_language, locale_for

    return locale_for(default_language())


def load(say) -> None:
    home = HomePage.objects.filter(locale=_english()).order_by("path").first()
    if home is None:
        say("no home page: good practices skipped")
        return
    index = PracticeIndexPage.objects.filter(locale=_english()).first()
    if index is None:
        index = PracticeIndexPage(
            title="Good practices", slug="good-practices",
            intro="<p>Skills partnerships that work, shared by the people who run them, and "
                  "the calls through which members put forward new ones.</p>")
        home.add_child(instance=index)
        index.save_revision().publish()
    calls_index = CallIndexPage.objects.filter(locale=_english()).first()
    if calls_index is None:
        calls_index = CallIndexPage(title="Calls for good practices", slug="calls")
        index.add_child(instance=calls_index)
        calls_index.save_revision().publish()
    west, _ = _call(
        calls_index, slug="west-africa-sahel-2019",
        title="West Africa and Sahel 2019: skills partnership ideas",
        intro="<p>At the tripartite workshop in Abuja (11–13 September 2019), 61 participants "
              "from 8 countries, each delegation with government, employers' and workers' "
              "representatives, put forward ideas for skills partnerships, formed "
              "partnerships through a simulation and chose the best ideas together.</p>",
        zone="Africa/Lagos", countries=["BF", "CI", "GH", "ML", "MR", "NE", "NG", "SN", "TG"],
        themes=["recognition-portability", "matching-skills"],
        dates=[_at(2019, 9, 11, 9, "Africa/Lagos"), _at(2019, 9, 12, 12, "Africa/Lagos"),
               _at(2019, 9, 12, 16, "Africa/Lagos"), _at(2019, 9, 12, 16, "Africa/Lagos"),
               _at(2019, 9, 13, 10, "Africa/Lagos"), _at(2019, 9, 13, 12, "Africa/Lagos")])
    _call(
        calls_index, slug="central-africa-2019",
        title="Central Africa 2019: skills partnership ideas",
        intro="<p>At the tripartite workshop in Yaoundé (16–18 September 2019), 46 "
              "participants from 6 countries generated partnership ideas, evaluated them by "
              "crowdsourcing and developed action plans for the winners.</p>",
        zone="Africa/Douala", countries=["CM", "CF", "TD", "CG", "CD", "GQ", "GA"],
        themes=["recognition-portability"],
        dates=[_at(2019, 9, 16, 9, "Africa/Douala"), _at(2019, 9, 17, 12, "Africa/Douala"),
               _at(2019, 9, 17, 16, "Africa/Douala"), _at(2019, 9, 17, 16, "Africa/Douala"),
               _at(2019, 9, 18, 10, "Africa/Douala"), _at(2019, 9, 18, 12, "Africa/Douala")])
    now = timezone.now()
    year = now.year
    _call(
        calls_index, slug=f"skills-partnerships-{year + 1}",
        title=f"Call for good practices {year + 1}: skills partnerships on labour migration",
        intro="<p>Has your ministry, employers' organisation, union or training centre built "
              "a partnership that helps migrant workers have their skills recognised, trained "
              "or put to use? Share it, alone or with partners from other countries. "
              "Shortlisted entries go to a community vote, and the winners are published "
              "with their action plans.</p>",
        zone="Africa/Abidjan", countries=WEST_CENTRAL,
        themes=["recognition-portability", "prior-learning", "pre-departure",
                "return-reintegration"],
        dates=[now - datetime.timedelta(days=7), now + datetime.timedelta(days=60),
               now + datetime.timedelta(days=90), now + datetime.timedelta(days=90),
               now + datetime.timedelta(days=105), now + datetime.timedelta(days=120)])
    created = 0
    for spec in PRACTICES:
        if PracticePage.objects.filter(slug=spec["slug"], locale=_english()).exists():
            continue
        page = PracticePage(
            title=spec["title"], slug=spec["slug"], summary=spec["summary"],
            practice_type=spec["type"], year=2019, goals=spec["goals"],
            call=CallPage.objects.get(slug=spec["call"], locale=_english()) if spec["call"]
            else west)
        page.countries = list(Country.objects.filter(iso_code__in=spec["countries"]))
        page.themes = list(Theme.objects.filter(slug__in=spec["themes"]))
        countries = {c.iso_code: c for c in Country.objects.all()}
        page.partners = [PracticePartner(name=name, country=countries.get(code), role=role)
                         for name, code, role in spec["partners"]]
        page.milestones = [Milestone(title=title, due_date=datetime.date(*due), status=status)
                           for title, due, status in spec["milestones"]]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    say(f"good practices: 3 calls, {PracticePage.objects.filter(locale=_english()).count()} "
        f"practices ({created} added)")
    from .demo_fr import load_french

    load_french(say, index=index, calls_index=calls_index, call=west,
                practice=PracticePage.objects.filter(
                    slug="mauritania-senegal-common-standards", locale=_english()).first())
