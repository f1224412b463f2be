"""French versions of the good-practice repository, the calls index, the West Africa and
Sahel call and the Mauritania-Senegal practice, written for French-speaking members and
published through the translation workflow. Submissions, votes and progress stay on the
originals.

Idempotent: an existing translation is left as it is.
"""

from portal.core.i18n import locale_for
from portal.core.translation import translation_publish

REPOSITORY = {
    "Good practices": "Bonnes pratiques",
    "Skills partnerships that work, shared by the people who run them, and the calls through "
    "which members put forward new ones.":
        "Des partenariats de compétences qui ont fait leurs preuves, racontés par celles et "
        "ceux qui les mènent, et les appels par lesquels les membres en proposent de "
        "nouveaux.",
}

CALLS = {"Calls for good practices": "Appels à bonnes pratiques"}

WEST_AFRICA_CALL = {
    "West Africa and Sahel 2019: skills partnership ideas":
        "Afrique de l'Ouest et Sahel 2019 : idées de partenariats de compétences",
    "At the tripartite workshop in Abuja (11–13 September 2019), 61 participants from 8 "
    "countries, each delegation with government, employers' and workers' representatives, "
    "put forward ideas for skills partnerships, formed partnerships through a simulation and "
    "chose the best ideas together.":
        "Réunis en atelier tripartite à Abuja du 11 au 13 septembre 2019, 61 participants "
        "venus de 8 pays, chaque délégation associant le gouvernement, les employeurs et les "
        "travailleurs, ont proposé des idées de partenariats de compétences, ont noué des "
        "partenariats au fil d'une simulation et ont retenu ensemble les meilleures idées.",
}

MAURITANIA_SENEGAL = {
    "Mauritania and Senegal: common occupational, competency and assessment standards":
        "Mauritanie et Sénégal : des normes communes de métiers, de compétences et "
        "d'évaluation",
    "A five-year joint action plan in which Mauritania and Senegal agree on shared "
    "occupational, competency and assessment standards for priority occupations, so that a "
    "qualification earned on one side of the river counts on the other.":
        "Un plan d'action commun sur cinq ans par lequel la Mauritanie et le Sénégal "
        "s'entendent sur des normes partagées de métiers, de compétences et d'évaluation pour "
        "les métiers prioritaires : une qualification obtenue sur une rive du fleuve vaut "
        "aussi sur l'autre.",
    "Agree on the priority occupations both labour markets need.":
        "S'accorder sur les métiers prioritaires dont les deux marchés du travail ont besoin.",
    "Write common occupational, competency and assessment standards for them.":
        "Rédiger pour ces métiers des normes communes de métiers, de compétences et "
        "d'évaluation.",
    "Help enterprises upgrade their equipment and train the tutors who supervise "
    "apprentices.":
        "Aider les entreprises à moderniser leurs équipements et former les tuteurs qui "
        "encadrent les apprentis.",
    "Ministry in charge of vocational training": "Ministère chargé de la formation "
                                                 "professionnelle",
    "Co-leads the standards work": "Copilote l'élaboration des normes",
    "Employers' organisations of both countries": "Organisations d'employeurs des deux pays",
    "Name the priority occupations and host tutors":
        "Désignent les métiers prioritaires et accueillent les tuteurs",
    "Trade unions of both countries": "Syndicats des deux pays",
    "Check the standards protect workers": "Veillent à ce que les normes protègent les "
                                           "travailleurs",
    "Joint steering committee set up": "Comité de pilotage conjoint installé",
    "Priority occupations agreed": "Métiers prioritaires arrêtés",
    "Common standards for the first occupations": "Normes communes pour les premiers métiers",
    "Tutor training in partner enterprises": "Formation des tuteurs dans les entreprises "
                                             "partenaires",
}


def _translate(page, strings) -> bool:
    if page is None or page.has_translation(locale_for("fr")):
        return False
    translation_publish(instance=page, language="fr", strings=strings)
    return True


def load_french(say, *, index, calls_index, call, practice) -> None:
    from portal.core.models import HomePage

    home = index.get_parent().specific if index is not None else None
    if home is None or not isinstance(home, HomePage) or not home.has_translation(
            locale_for("fr")):
        say("no French home page: good practices stay in English")
        return
    added = sum([_translate(index, REPOSITORY), _translate(calls_index, CALLS),
                 _translate(call, WEST_AFRICA_CALL), _translate(practice, MAURITANIA_SENEGAL)])
    say(f"good practices in French: repository, calls, one call, one practice ({added} added)")
