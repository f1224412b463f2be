"""A judged query set over the demo content (`manage.py load_demo`).

Each query is what a member of this community might type (English and French, country
names, acronyms, misspellings, spelling variants). Every object is graded by what it is
about, from the demo content itself and before any result was looked at:

    3  exactly what the query asks for
    2  substantially about it
    1  touches on it (mentions it, has it as a theme)
    0  not about it (anything left out)

Objects are named `<area>:<slug>` (webinars, resources, forum topics, good practices, calls)
or `members:<display name>`. The forum topics, good practices and calls of the demo were
graded after the areas were added, the same way: from their text, before any search ran.
"""

import datetime

COUNTRY_CODES = {
    "BF": "burkina-faso", "CM": "cameroon", "CF": "central-african-republic", "TD": "chad",
    "CG": "congo", "CI": "cote-divoire", "CD": "democratic-republic-of-the-congo",
    "GQ": "equatorial-guinea", "GA": "gabon", "GH": "ghana", "ML": "mali",
    "MR": "mauritania", "NE": "niger", "NG": "nigeria", "SN": "senegal", "TG": "togo",
}
CENTRAL = ("CM", "CF", "TD", "CG", "CD", "GQ", "GA")

W_PAST = "webinars:skills-partnerships-on-labour-migration"
W_RPL = "webinars:recognising-the-skills-of-migrant-workers"
W_FR = "webinars:harmoniser-les-formations-burkina-faso-mali"
R_WHY = "resources:why-skills-partnerships-on-migration-matter"
R_SYNTHESIS = "resources:skills-partnerships-west-central-africa-synthesis"
R_SCOPING_WEST = "resources:scoping-study-western-africa-and-sahel"
R_SCOPING_CENTRAL = "resources:scoping-study-central-africa"
R_ABUJA = "resources:workshop-report-abuja-2019"
R_YAOUNDE = "resources:workshop-report-yaounde-2019"
R_TOOLKIT = "resources:toolkit-designing-a-skills-partnership"
R_CONCEPT = "resources:concept-note-skills-partnerships-on-labour-migration"
R_ACTION = "resources:action-plans-winning-partnership-ideas"  # members only
M_AMINA = "members:Amina Diallo"
M_GRACE = "members:Grace Wanjiru"
M_KWAME = "members:Kwame Mensah"  # visible to members only
M_THABO = "members:Thabo Nkosi"  # hidden
P_STANDARDS = "goodpractices:mauritania-senegal-common-standards"
P_TRAINING = "goodpractices:burkina-faso-mali-training-harmonisation"
P_CERTIFICATION = "goodpractices:nigeria-ghana-togo-certification"
C_WEST = "calls:west-africa-sahel-2019"
C_CENTRAL = "calls:central-africa-2019"
C_OPEN = f"calls:skills-partnerships-{datetime.date.today().year + 1}"  # the demo's open call
F_PAST = "forum:skills-partnerships-on-labour-migration"  # the webinars' discussions
F_FR = "forum:harmoniser-les-formations-le-partenariat-burkina-faso-mali"
F_RPL = "forum:recognising-the-skills-of-migrant-workers"
F_RETURN = "forum:making-returnees-skills-count-at-home"
F_PRE_DEPARTURE = "forum:what-belongs-in-a-good-pre-departure-course"
F_STANDARDS = "forum:common-standards-for-mauritania-and-senegal-lessons-so-far"
F_CERTIFICATION = "forum:harmonising-certification-between-nigeria-ghana-and-togo"
F_WELCOME = "forum:welcome-to-the-community-forum"


def study(code: str) -> str:
    return f"resources:country-study-{COUNTRY_CODES[code]}"


def studies(grade: int, codes=tuple(COUNTRY_CODES)) -> dict[str, int]:
    return {study(code): grade for code in codes}


RPL = {W_RPL: 3, R_SYNTHESIS: 2, R_TOOLKIT: 2, R_ACTION: 2, M_KWAME: 1, **studies(1),
       P_CERTIFICATION: 2, F_RPL: 2, F_CERTIFICATION: 1, C_OPEN: 1}
RECOGNITION = {W_RPL: 3, W_PAST: 2, R_WHY: 2, R_SYNTHESIS: 2, R_TOOLKIT: 2, R_CONCEPT: 2,
               M_AMINA: 1, R_ABUJA: 1, R_YAOUNDE: 1, R_ACTION: 2, **studies(1),
               P_CERTIFICATION: 2, P_STANDARDS: 2, F_RPL: 2, F_RETURN: 1,
               F_CERTIFICATION: 1, F_STANDARDS: 1, C_OPEN: 1, C_WEST: 1, C_CENTRAL: 1}
MIGRATION = {W_PAST: 3, R_WHY: 3, R_SYNTHESIS: 2, R_TOOLKIT: 2, R_CONCEPT: 2, M_AMINA: 2,
             W_RPL: 1, R_SCOPING_WEST: 1, R_SCOPING_CENTRAL: 1, R_ABUJA: 1, R_YAOUNDE: 1,
             **studies(2), F_PAST: 2, C_OPEN: 1, F_WELCOME: 1, F_RPL: 1, P_TRAINING: 1}
LABOUR_MIGRATION = {W_PAST: 3, R_WHY: 2, R_SYNTHESIS: 2, R_TOOLKIT: 2, R_CONCEPT: 2,
                    M_AMINA: 2, W_RPL: 1, **studies(1), F_PAST: 2, C_OPEN: 2, F_WELCOME: 1}
TRAINING = {W_FR: 3, W_PAST: 1, W_RPL: 1, R_TOOLKIT: 1, R_CONCEPT: 1, M_KWAME: 2,
            P_TRAINING: 3, F_FR: 2, P_STANDARDS: 1, F_PRE_DEPARTURE: 1, F_STANDARDS: 1}
YAOUNDE = {R_YAOUNDE: 3, R_SCOPING_CENTRAL: 2, R_SYNTHESIS: 1, **studies(1), C_CENTRAL: 2}
KENYA = {W_PAST: 3, R_CONCEPT: 2, M_GRACE: 2, W_RPL: 1, F_PAST: 2}
PALM = {W_PAST: 3, R_CONCEPT: 2, F_PAST: 2}
PRE_DEPARTURE = {W_PAST: 3, R_CONCEPT: 2, R_TOOLKIT: 2, R_WHY: 1, F_PRE_DEPARTURE: 3,
                 C_OPEN: 1, F_PAST: 1}
REINTEGRATION = {W_PAST: 2, R_WHY: 2, R_CONCEPT: 2, M_THABO: 2, F_RETURN: 3, P_TRAINING: 1,
                 C_OPEN: 1}
HARMONISATION = {W_FR: 3, R_ACTION: 2, R_SYNTHESIS: 1, **studies(1), P_TRAINING: 3,
                 P_CERTIFICATION: 2, F_CERTIFICATION: 2, F_FR: 2}


# The practices, forum topics and calls about one country, beyond its study.
COUNTRY_EXTRAS = {
    "CM": {C_CENTRAL: 1},
    "SN": {P_STANDARDS: 2, F_STANDARDS: 2, C_WEST: 1},
    "NG": {P_CERTIFICATION: 2, F_CERTIFICATION: 2, C_WEST: 1},
    "CI": {C_WEST: 1},
    "BF": {P_TRAINING: 2, F_FR: 2, C_WEST: 1},
    "ML": {P_TRAINING: 2, F_FR: 2, C_WEST: 1},
}


def country(code: str, **others: int) -> dict[str, int]:
    return {study(code): 3, R_SYNTHESIS: 1, **COUNTRY_EXTRAS.get(code, {}), **others}


QUERIES: dict[str, dict[str, int]] = {
    # Acronyms and their expansions
    "RPL": RPL,
    "recognition of prior learning": RPL,
    "prior learning": RPL,
    "VAE": RPL,
    "validation des acquis": RPL,
    "TVET": TRAINING,
    "technical and vocational training": TRAINING,
    "PALM scheme": PALM,
    "Pacific Australia Labour Mobility": PALM,
    # Misspellings
    "recogntion": RECOGNITION,
    "migraton": MIGRATION,
    "Camerooon": country("CM", **{R_YAOUNDE: 2, R_SCOPING_CENTRAL: 1}),
    "Senegall": country("SN", **{M_AMINA: 2, W_PAST: 1, W_RPL: 1}),
    "Kenia": KENYA,
    "Nigerai": country("NG", **{R_ABUJA: 2, W_PAST: 1}),
    "partnerhsip toolkit": {R_TOOLKIT: 3, R_WHY: 1},
    "reintegraton": REINTEGRATION,
    # Spelling variants
    "labor migration": LABOUR_MIGRATION,
    "labour migration": LABOUR_MIGRATION,
    "training program": TRAINING,
    "harmonization": HARMONISATION,
    "ministry of labor": {M_AMINA: 3},
    "labor mobility": {W_PAST: 3, R_SCOPING_WEST: 2, R_SCOPING_CENTRAL: 2, F_PAST: 2},
    # Accents
    "Yaounde": YAOUNDE,
    "Yaoundé workshop": {R_YAOUNDE: 3, R_SCOPING_CENTRAL: 1, R_ABUJA: 1, **studies(1),
                         C_CENTRAL: 2},
    "Cote d'Ivoire": country("CI"),
    "competences": {W_RPL: 2, W_FR: 1, R_WHY: 1, R_SYNTHESIS: 1, R_TOOLKIT: 1,
                    **studies(1), P_STANDARDS: 1},
    # Several places or ideas at once
    "Burkina Faso Mali": {W_FR: 3, study("BF"): 2, study("ML"): 2, R_SYNTHESIS: 1,
                          R_ACTION: 2, P_TRAINING: 3, F_FR: 2, C_WEST: 1},
    "Ghana Togo Nigeria certification": {R_ACTION: 3, study("GH"): 2, study("TG"): 2,
                                         study("NG"): 2, R_SYNTHESIS: 1,
                                         P_CERTIFICATION: 3, F_CERTIFICATION: 3},
    "Mauritania Senegal standards": {R_ACTION: 3, study("MR"): 2, study("SN"): 2,
                                     R_SYNTHESIS: 1, P_STANDARDS: 3, F_STANDARDS: 3},
    "Kenya Ghana": {W_PAST: 2, W_RPL: 2, study("GH"): 2, R_CONCEPT: 1, M_GRACE: 1,
                    F_PAST: 1, P_CERTIFICATION: 1, F_CERTIFICATION: 1},
    # French
    "reconnaissance des compétences": RECOGNITION,
    "harmonisation des formations": HARMONISATION,
    "formation professionnelle": TRAINING,
    "réintégration": REINTEGRATION,
    # Exact names and topics (these worked before; they must keep working)
    "Burkina Faso": country("BF", **{W_FR: 2}),
    "Mali": country("ML", **{W_FR: 2}),
    "Kenya": KENYA,
    "Nigeria": country("NG", **{R_ABUJA: 2, W_PAST: 1}),
    "Abuja": {R_ABUJA: 3, R_SCOPING_WEST: 2, R_SYNTHESIS: 1, **studies(1), C_WEST: 2,
              F_CERTIFICATION: 1},
    "pre-departure training": PRE_DEPARTURE,
    "cultural orientation": {R_CONCEPT: 3, W_PAST: 2, R_WHY: 1, F_PRE_DEPARTURE: 2},
    "mutual recognition of qualifications": {W_RPL: 3, R_WHY: 1, **studies(1), F_RPL: 2,
                                             P_STANDARDS: 1, P_CERTIFICATION: 1},
    "tripartite workshop": {R_ABUJA: 3, R_YAOUNDE: 3, R_TOOLKIT: 1, R_SYNTHESIS: 1,
                            C_WEST: 2, C_CENTRAL: 2, F_CERTIFICATION: 1},
    "Global Compact for Migration": {R_WHY: 3, R_SYNTHESIS: 1},
    "return and reintegration": REINTEGRATION,
    "Acquillyne Mbaka": {W_PAST: 3},
    "Amina Diallo": {M_AMINA: 3},
    "social dialogue": {R_ABUJA: 2, R_YAOUNDE: 2, R_TOOLKIT: 2, M_KWAME: 2, C_WEST: 1,
                        C_CENTRAL: 1},
    "concept note": {R_CONCEPT: 3, W_PAST: 2, F_PRE_DEPARTURE: 1},
    "Central Africa": {R_SCOPING_CENTRAL: 3, R_YAOUNDE: 3, R_SYNTHESIS: 2, **studies(1, CENTRAL),
                       C_CENTRAL: 3},
    "West Africa Sahel": {R_SCOPING_WEST: 3, R_ABUJA: 3, R_SYNTHESIS: 2, C_WEST: 3},
    "knowledge management": {M_GRACE: 3},
    "welder Dakar": {W_RPL: 3},
    "agriculture construction": {W_FR: 3, P_TRAINING: 3, F_FR: 2},
}
