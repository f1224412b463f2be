"""Demo library: a brief, a regional synthesis, the 16 country studies and two sub-regional
scoping studies behind the West and Central Africa workshops, the two workshop reports, a
toolkit, the webinar's concept note and a members-only working document.

Idempotent: pages are found by slug and documents by title, so a second run changes nothing.
"""

import datetime

from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection

from portal.core.models import Country, HomePage, Language, Theme
from portal.core.seed_data import PROJECT_COUNTRY_CODES

from .demo_fr import load_french
from .enums import Access, CalloutTone, ResourceType
from .models import ResourceAuthor, ResourceDocument, ResourceIndexPage, ResourcePage
from .pdf import pdf_document

COLLECTION_NAME = "Resource library"
STUDY_DATE = datetime.date(2019, 9, 2)
WORKSHOP_REPORT_DATE = datetime.date(2019, 10, 15)
SECRETARIAT = "CoP secretariat"

DIMENSIONS = [
    "identifying, anticipating and sharing information on skills demand and supply",
    "developing skills in the country of origin, the country of destination or both",
    "mutual recognition and joint harmonisation of qualifications",
    "recognition of prior learning",
    "information, guidance and counselling for migrant workers",
]
ENGLISH_SPEAKING = {"GH", "NG"}


def _html_list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item[0].upper()}{item[1:]}</li>" for item in items) + "</ul>"


def _rich(*paragraphs: str) -> tuple:
    return ("rich_text", "".join(p if p.startswith("<") else f"<p>{p}</p>" for p in paragraphs))


def _callout(title: str, text: str, tone: str = CalloutTone.KEY) -> tuple:
    return ("callout", {"tone": tone, "title": title, "text": f"<p>{text}</p>"})


def _quote(text: str, attribution: str = "") -> tuple:
    return ("quote", {"quote": text, "attribution": attribution})


def _country_study(code: str, name: str) -> dict:
    return {
        "slug": f"country-study-{slugify(name)}",
        "title": f"Skills partnerships on migration: country study of {name}",
        "type": ResourceType.COUNTRY_STUDY,
        "date": STUDY_DATE,
        "summary": (f"How {name} could take part in skills partnerships on labour migration: "
                    "who moves and why, which institutions already work on skills, and "
                    "where cooperation with neighbouring countries could start."),
        "themes": ["matching-skills", "recognition-portability", "skills-anticipation"],
        "countries": [code],
        "languages": ["en"] if code in ENGLISH_SPEAKING else ["fr"],
        "organisations": "",
        "authors": [("National expert", name)],
        "body": [
            _rich(f"This is one of sixteen country studies written by national experts to "
                  f"see whether skills partnerships on migration could work for {name}, and "
                  "in which form. Each study used the same outline, so the findings can be "
                  "compared across West and Central Africa."),
            _rich("<h2>What the study looks at</h2>",
                  "The study reviews five dimensions of a skills partnership:",
                  _html_list(DIMENSIONS)),
            _callout("How the study was used",
                     "Together with two sub-regional scoping studies, the sixteen country "
                     "studies prepared the tripartite workshops held in Abuja and Yaoundé "
                     "in September 2019."),
        ],
        "document": (f"Country study - {name}", [
            "# Purpose",
            f"This study examines the potential of skills partnerships on labour migration "
            f"for {name}. It was prepared by a national expert as one of sixteen country "
            "studies in West and Central Africa.",
            "# Dimensions examined",
            *[f"- {item[0].upper()}{item[1:]}." for item in DIMENSIONS],
            "# Use",
            "The findings were discussed by government, employers' and workers' "
            "representatives at the tripartite workshops of September 2019.",
        ]),
    }


def _resources() -> list[dict]:
    countries = dict(Country.objects.filter(iso_code__in=PROJECT_COUNTRY_CODES)
                     .values_list("iso_code", "name"))
    items = [
        {
            "slug": "why-skills-partnerships-on-migration-matter",
            "title": "Why skills partnerships on migration matter",
            "type": ResourceType.POLICY_BRIEF,
            "date": datetime.date(2024, 3, 18),
            "summary": ("A short brief for policy makers: what a skills partnership on "
                        "migration is, why the Global Compact for Migration asks for one, and "
                        "what countries of origin and destination each gain."),
            "themes": ["matching-skills", "recognition-portability", "governance",
                       "return-reintegration"],
            "countries": [], "regions": [],
            "languages": ["en", "fr"],
            "organisations": SECRETARIAT,
            "authors": [],
            "body": [
                _rich("When workers move, their skills move with them, but too often the "
                      "papers that prove those skills do not. A skills partnership is an "
                      "agreement between countries, and between the governments, employers "
                      "and workers in them, to train people for jobs that exist, to recognise "
                      "what they can do wherever they work, and to make sure the skills come "
                      "home with them when they return."),
                _rich("<h2>A commitment countries have already made</h2>",
                      "In 2018 the United Nations General Assembly adopted the Global Compact "
                      "for Safe, Orderly and Regular Migration. Its Objective 18 commits "
                      "states to invest in skills development and to facilitate the mutual "
                      "recognition of skills, qualifications and competences."),
                _callout("The Global Skills Partnership on Migration",
                         "The ILO, UNESCO, the IOM, the International Trade Union "
                         "Confederation (ITUC) and the International Organisation of "
                         "Employers (IOE) work together to support countries that build "
                         "skills partnerships, with particular attention to low- and "
                         "medium-skilled migrant workers."),
                _rich("<h2>What a partnership usually includes</h2>",
                      _html_list([
                          "matching skills with the demand for labour, in both countries",
                          "recognising skills and making them portable across borders",
                          "training and support, including before departure: language, "
                          "culture and rights at work",
                          "return and reintegration, so that skills gained abroad count at "
                          "home",
                      ])),
                _quote("A skill that cannot be proven is a skill that is lost to the worker, "
                       "to the employer and to the economy."),
                _rich("<h2>Opportunities for Africa</h2>",
                      "Partner countries that agree on standards and certification widen the "
                      "labour market open to their workers, help employers find people whose "
                      "skills they can trust, and keep skilled people from working below "
                      "their level when they move."),
            ],
            "document": ("Policy brief - Why skills partnerships on migration matter", [
                "# Summary",
                "A skills partnership on migration is an agreement between countries and "
                "their social partners to develop, recognise and reuse the skills of people "
                "who move for work.",
                "# The Global Compact, Objective 18",
                "Adopted in 2018, the Global Compact for Safe, Orderly and Regular Migration "
                "asks states to invest in skills development and in the mutual recognition of "
                "skills, qualifications and competences.",
                "# Four building blocks",
                "1. Matching skills with labour demand. 2. Recognition and portability of "
                "skills. 3. Training and support, including pre-departure, language and "
                "cultural orientation. 4. Return and reintegration.",
            ]),
        },
        {
            "slug": "skills-partnerships-west-central-africa-synthesis",
            "title": "Skills partnerships in West and Central Africa: what sixteen country "
                     "studies tell us",
            "type": ResourceType.REPORT,
            "date": datetime.date(2019, 9, 9),
            "summary": ("A synthesis of the sixteen country studies and two sub-regional "
                        "scoping studies: common ground, differences between countries, and "
                        "the partnership ideas worth testing first."),
            "themes": ["matching-skills", "recognition-portability", "prior-learning",
                       "skills-anticipation", "governance"],
            "countries": list(PROJECT_COUNTRY_CODES), "regions": ["west", "central"],
            "languages": ["en", "fr"],
            "organisations": SECRETARIAT,
            "authors": [],
            "body": [
                _rich("Sixteen national experts and two international experts looked at the "
                      "same question from different places: could skills partnerships help "
                      "workers who move between the countries of West and Central Africa?"),
                _callout("In numbers",
                         "16 country studies, 2 sub-regional scoping studies, and about six "
                         "million migrant workers living in the sixteen countries (UNDESA, "
                         "2019).", CalloutTone.INFO),
                _rich("<h2>Five dimensions, one outline</h2>",
                      "Every study followed the same outline so that findings can be set side "
                      "by side:", _html_list(DIMENSIONS)),
                _rich("<h2>From studies to workshops</h2>",
                      "The studies prepared two tripartite workshops in September 2019, one "
                      "for Western Africa and the Sahel in Abuja and one for Central Africa "
                      "in Yaoundé, where delegations turned the findings into partnership "
                      "ideas."),
            ],
            "document": ("Regional synthesis - sixteen country studies", [
                "# Scope",
                "Burkina Faso, Cameroon, Central African Republic, Chad, Congo, Côte d'Ivoire, "
                "Democratic Republic of the Congo, Equatorial Guinea, Gabon, Ghana, Mali, "
                "Mauritania, Niger, Nigeria, Senegal and Togo.",
                "About six million migrant workers reside in these countries (UNDESA, 2019).",
                "# Method",
                "Sixteen national experts wrote one country study each; two international "
                "experts wrote sub-regional scoping studies.",
            ]),
        },
        {
            "slug": "scoping-study-western-africa-and-sahel",
            "title": "Sub-regional scoping study: Western Africa and Sahel",
            "type": ResourceType.REPORT,
            "date": STUDY_DATE,
            "summary": ("An international expert's view of labour mobility and skills "
                        "cooperation across Western Africa and the Sahel, written to frame "
                        "the country studies and the Abuja workshop."),
            "themes": ["matching-skills", "recognition-portability", "governance"],
            "countries": [], "regions": ["west"],
            "languages": ["en", "fr"],
            "organisations": "",
            "authors": [("International expert", "")],
            "body": [
                _rich("This scoping study sets the national studies of the sub-region in a "
                      "wider frame: the mobility that already exists, the regional "
                      "institutions that could host cooperation, and the occupations where "
                      "common standards would help most."),
                _callout("Used at",
                         "The tripartite workshop for Western Africa and the Sahel, Abuja, "
                         "Nigeria, 11 to 13 September 2019.", CalloutTone.INFO),
            ],
            "document": ("Scoping study - Western Africa and Sahel", [
                "# Purpose",
                "To frame the country studies of Western Africa and the Sahel and to prepare "
                "the tripartite workshop held in Abuja in September 2019.",
            ]),
        },
        {
            "slug": "scoping-study-central-africa",
            "title": "Sub-regional scoping study: Central Africa",
            "type": ResourceType.REPORT,
            "date": STUDY_DATE,
            "summary": ("An international expert's overview of labour mobility and skills "
                        "cooperation in Central Africa, written to frame the country studies "
                        "and the Yaoundé workshop."),
            "themes": ["matching-skills", "recognition-portability", "governance"],
            "countries": [], "regions": ["central"],
            "languages": ["fr"],
            "organisations": "",
            "authors": [("International expert", "")],
            "body": [
                _rich("The study maps how and where workers move within Central Africa, which "
                      "bodies already set training and certification standards, and where a "
                      "partnership between neighbouring countries could begin."),
                _callout("Used at",
                         "The tripartite workshop for Central Africa, Yaoundé, Cameroon, 16 to "
                         "18 September 2019.", CalloutTone.INFO),
            ],
            "document": ("Scoping study - Central Africa", [
                "# Purpose",
                "To frame the country studies of Central Africa and to prepare the tripartite "
                "workshop held in Yaoundé in September 2019.",
            ]),
        },
        {
            "slug": "workshop-report-abuja-2019",
            "title": "Workshop report: Western Africa and Sahel, Abuja, September 2019",
            "type": ResourceType.REPORT,
            "date": WORKSHOP_REPORT_DATE,
            "summary": ("Three days, 61 participants from 8 countries: how tripartite "
                        "delegations in Abuja turned the country studies into partnership "
                        "ideas, chose the strongest and drafted action plans."),
            "themes": ["social-dialogue", "recognition-portability", "governance"],
            "countries": ["NG"], "regions": ["west"],
            "languages": ["en", "fr"],
            "organisations": "",
            "authors": [],
            "body": [
                _rich("The tripartite workshop for Western Africa and the Sahel met in Abuja, "
                      "Nigeria, from 11 to 13 September 2019. 61 participants came from 8 "
                      "countries. Each delegation had four government representatives, two "
                      "from employers' organisations and two from workers' organisations."),
                _rich("<h2>How the workshop worked</h2>",
                      "<ol><li>Delegations generated partnership ideas.</li>"
                      "<li>They formed partnerships with other delegations in a "
                      "simulation.</li><li>All participants evaluated the ideas by "
                      "crowdsourcing and selected the winners.</li><li>The partners behind "
                      "each winning idea drafted an action plan.</li></ol>"),
            ],
            "document": ("Workshop report - Abuja, 11-13 September 2019", [
                "# Participation",
                "61 participants from 8 countries. Each delegation: 4 government, 2 employers' "
                "and 2 workers' representatives.",
                "# Method",
                "Generate partnership ideas; form partnerships through simulation; evaluate "
                "ideas through crowdsourcing and select winners; develop action plans.",
            ]),
        },
        {
            "slug": "workshop-report-yaounde-2019",
            "title": "Workshop report: Central Africa, Yaoundé, September 2019",
            "type": ResourceType.REPORT,
            "date": WORKSHOP_REPORT_DATE,
            "summary": ("46 participants from 6 countries met in Yaoundé to test skills "
                        "partnership ideas for Central Africa with the same four-step "
                        "method used in Abuja."),
            "themes": ["social-dialogue", "recognition-portability", "governance"],
            "countries": ["CM"], "regions": ["central"],
            "languages": ["fr"],
            "organisations": "",
            "authors": [],
            "body": [
                _rich("The tripartite workshop for Central Africa took place in Yaoundé, "
                      "Cameroon, from 16 to 18 September 2019, with 46 participants from 6 "
                      "countries. As in Abuja, every delegation brought four government "
                      "representatives, two employers' and two workers' representatives."),
                _rich("<h2>Method</h2>",
                      "Ideas first, then partnerships formed through a simulation, then a "
                      "crowdsourced evaluation to pick the winners, and finally action plans "
                      "for the winning ideas."),
            ],
            "document": ("Workshop report - Yaoundé, 16-18 September 2019", [
                "# Participation",
                "46 participants from 6 countries, in tripartite delegations.",
                "# Method",
                "Idea generation, partnership simulation, crowdsourced evaluation, action "
                "planning.",
            ]),
        },
        {
            "slug": "toolkit-designing-a-skills-partnership",
            "title": "Toolkit: designing a skills partnership on labour migration",
            "type": ResourceType.TOOLKIT,
            "date": datetime.date(2023, 11, 6),
            "summary": ("Worksheets and checklists for a tripartite team that wants to go "
                        "from a partnership idea to a costed action plan, one dimension of "
                        "the partnership at a time."),
            "themes": ["matching-skills", "recognition-portability", "prior-learning",
                       "guidance", "pre-departure", "social-dialogue"],
            "countries": [], "regions": [],
            "languages": ["en", "fr"],
            "organisations": SECRETARIAT,
            "authors": [],
            "body": [
                _rich("Use this toolkit with a small team that includes government, employers "
                      "and workers from each partner country. Work through the sections in "
                      "order; each ends with a checklist of decisions to record."),
                _rich("<h2>Sections</h2>", _html_list(DIMENSIONS)),
                _callout("Before you start",
                         "Agree who owns the action plan in each country, and how progress "
                         "will be reviewed together.", CalloutTone.WARNING),
            ],
            "document": ("Toolkit - designing a skills partnership", [
                "# How to use this toolkit",
                "Work with a tripartite team from every partner country.",
                *[f"# {item[0].upper()}{item[1:]}\nList what exists today, what is missing, "
                  "and who will act." for item in DIMENSIONS],
            ]),
        },
        {
            "slug": "concept-note-skills-partnerships-on-labour-migration",
            "title": "Concept note: Skills Partnerships on Labour Migration (webinar)",
            "type": ResourceType.OTHER,
            "date": datetime.date(2024, 3, 25),
            "summary": ("The concept note of the webinar of 11 April 2024: what skills "
                        "partnerships entail, the opportunities for Africa, the objectives "
                        "and the expected outcome."),
            "themes": ["matching-skills", "recognition-portability", "pre-departure",
                       "return-reintegration"],
            "countries": ["KE"], "regions": [],
            "languages": ["en"],
            "organisations": "ILO\nGIZ\nAUDA-NEPAD",
            "authors": [],
            "body": [
                _rich("<h2>What do skills partnerships on labour migration entail?</h2>",
                      "<ol><li>Matching skills with demand.</li><li>Recognition and "
                      "portability of skills.</li><li>Training and support, including "
                      "pre-departure training, language and cultural orientation.</li>"
                      "<li>Return and reintegration.</li></ol>"),
                _rich("<h2>Objective and expected outcome</h2>",
                      "The webinar aims to deepen understanding of what makes a skills "
                      "partnership for labour migration succeed, and to leave key "
                      "stakeholders better informed and more aware of the options."),
            ],
            "document": ("Concept note - Skills Partnerships on Labour Migration", [
                "# Introduction",
                "A webinar of the series Skills and Labour Migration, 11 April 2024, "
                "11:00-12:00 SAST / 12:00-13:00 EAT.",
                "# What do skills partnerships on labour migration entail?",
                "1. Matching skills with demand. 2. Recognition and portability of skills. "
                "3. Training and support, including pre-departure, language and cultural "
                "orientation. 4. Return and reintegration.",
                "# Opportunities for Africa",
                "# Objectives",
                "Enhance understanding of successful skills partnerships for labour migration.",
                "# Expected outcome",
                "Increased knowledge and awareness among key stakeholders.",
            ]),
        },
        {
            "slug": "action-plans-winning-partnership-ideas",
            "title": "Action plans of the winning partnership ideas (members' working "
                     "document)",
            "type": ResourceType.OTHER,
            "access": Access.MEMBERS,
            "date": datetime.date(2019, 11, 20),
            "summary": ("The three partnership ideas that won the crowdsourced votes at the "
                        "tripartite workshops, with the action plans their partners drafted. "
                        "A working document for members who follow them up."),
            "themes": ["recognition-portability", "prior-learning", "social-dialogue"],
            "countries": ["MR", "SN", "BF", "ML", "NG", "GH", "TG"], "regions": [],
            "languages": ["en", "fr"],
            "organisations": SECRETARIAT,
            "authors": [],
            "body": [
                _rich("<h2>Mauritania and Senegal</h2>",
                      "A five-year joint action plan to set common occupational, competency "
                      "and assessment standards in priority occupations, and to help "
                      "enterprises upgrade their equipment and train their tutors."),
                _rich("<h2>Burkina Faso and Mali</h2>",
                      "A three-year partnership to harmonise training programmes in "
                      "agriculture, construction and metal construction, share experience "
                      "and good practice, and support the social and professional "
                      "integration of migrants."),
                _rich("<h2>Nigeria, Ghana and Togo</h2>",
                      "Harmonised certifications and standards so that skills are portable "
                      "between the three countries, with recognition and validation of prior "
                      "learning for priority occupations."),
            ],
            "document": ("Working document - action plans of the winning ideas", [
                "# Mauritania - Senegal",
                "Five-year joint action plan: common occupational, competency and assessment "
                "standards in priority occupations; support to enterprises for equipment and "
                "the training of tutors.",
                "# Burkina Faso - Mali",
                "Three-year partnership: harmonised training programmes in agriculture, "
                "construction and metal construction; shared practice; socio-professional "
                "integration of migrants.",
                "# Nigeria - Ghana - Togo",
                "Harmonised certification and standards for skills portability; recognition "
                "and validation of prior learning for priority occupations.",
            ]),
        },
    ]
    for code in PROJECT_COUNTRY_CODES:
        if code in countries:
            items.append(_country_study(code, countries[code]))
    return items


def _collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing
    return Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def _document(title: str, paragraphs: list[str], collection: Collection):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is not None:
        return document
    lines = []
    for paragraph in paragraphs:
        lines.extend(paragraph.split("\n"))
    return pdf_document(title, lines, collection=collection,
                        filename=slugify(title)[:80] + ".pdf")


def _library(say) -> ResourceIndexPage | None:
    library = ResourceIndexPage.objects.filter(locale__language_code="en").order_by("path").first()
    if library is not None:
        return library
    home = HomePage.objects.filter(locale__language_code="en").order_by("path").first()
    if home is None:
        say("no home page: library skipped")
        return None
    library = ResourceIndexPage(title="Resource library", slug="resources")
    home.add_child(instance=library)
    library.save_revision().publish()
    return library


def load(say) -> None:
    library = _library(say)
    if library is None:
        return
    collection = _collection()
    existing = set(ResourcePage.objects.child_of(library).values_list("slug", flat=True))
    created = 0
    for spec in _resources():
        if spec["slug"] in existing:
            continue
        document = _document(spec["document"][0], spec["document"][1], collection)
        page = ResourcePage(
            title=spec["title"], slug=spec["slug"], summary=spec["summary"],
            resource_type=spec["type"], access=spec.get("access", Access.PUBLIC),
            publication_date=spec["date"], organisations=spec["organisations"],
            body=spec["body"],
            explicit_regions="".join(f",{code}" for code in spec.get("regions", []))
            + ("," if spec.get("regions") else ""),
        )
        page.themes = list(Theme.objects.filter(slug__in=spec["themes"]))
        page.countries = list(Country.objects.filter(iso_code__in=spec["countries"]))
        page.languages = list(Language.objects.filter(code__in=spec["languages"]))
        page.attachments = [ResourceDocument(document=document)]
        page.authors = [ResourceAuthor(name=name, affiliation=affiliation)
                        for name, affiliation in spec["authors"]]
        library.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    total = ResourcePage.objects.child_of(library).count()
    say(f"{total} resources in the library ({created} added)")
    load_french(say, library=library, collection=collection, make_document=_document)


APPROVER = {"email": "approver@example.org", "name": "Fatou Ndiaye",
            "group": "Resource approvers",
            "job_title": "Publications officer", "organisation": "CoP secretariat",
            "organisation_type": "international", "country": "SN", "timezone": "Africa/Dakar",
            "themes": ["governance"], "languages": ["fr", "en"],
            "bio": "Reviews what editors submit to the library before it goes out.",
            "visibility": "members"}


def load_approver(say) -> None:
    """A member of "Resource approvers", so a submitted resource can be approved by someone
    other than the superuser."""
    from portal.members.demo import demo_member_get_or_create

    demo_member_get_or_create(APPROVER)
    say(f"resource approver {APPROVER['email']}")
