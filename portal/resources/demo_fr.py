"""French demo library: the library page and six resources, written for French readers and
published through the translation workflow; each French resource also offers a French
document beside the English one.

Idempotent: the workflow updates the existing translation; documents are found by title.
"""

from .models import ResourceDocument, ResourceIndexPage, ResourcePage

LIBRARY = {
    "Resource library": "Bibliothèque de ressources",
    "Studies, policy briefs, country reports, toolkits, training material and webinar "
    "recordings on skills partnerships and labour migration. Filter by type, theme, country, "
    "region, language or year.":
        "Études, notes d'orientation, rapports par pays, boîtes à outils, supports de formation "
        "et enregistrements de webinaires sur les partenariats de compétences et la migration "
        "de main-d'œuvre. Filtrez par type, thème, pays, région, langue ou année.",
}

RESOURCES = {
    "why-skills-partnerships-on-migration-matter": {
        "document": ("Pourquoi les partenariats de compétences comptent (note)", [
            "Une note pour les décideurs sur les partenariats de compétences et la migration.",
            "Objectif 18 du Pacte mondial sur les migrations (2018).",
        ]),
        "strings": {
            "Why skills partnerships on migration matter":
                "Pourquoi les partenariats de compétences sur la migration comptent",
            "A short brief for policy makers: what a skills partnership on migration is, why "
            "the Global Compact for Migration asks for one, and what countries of origin and "
            "destination each gain.":
                "Une note brève pour les décideurs : ce qu'est un partenariat de compétences sur "
                "la migration, pourquoi le Pacte mondial sur les migrations en appelle un, et ce "
                "que chaque pays d'origine et de destination y gagne.",
            "When workers move, their skills move with them, but too often the papers that "
            "prove those skills do not. A skills partnership is an agreement between countries, "
            "and between the governments, employers and workers in them, to train people for "
            "jobs that exist, to recognise what they can do wherever they work, and to make "
            "sure the skills come home with them when they return.":
                "Les travailleurs qui partent emportent leurs compétences, mais bien souvent pas "
                "les documents qui les prouvent. Un partenariat de compétences est un accord "
                "entre pays, et entre leurs gouvernements, employeurs et travailleurs, pour "
                "former aux emplois qui existent, reconnaître les savoir-faire où que l'on "
                "travaille, et veiller à ce que ces compétences reviennent au pays avec ceux "
                "qui rentrent.",
            "A commitment countries have already made":
                "Un engagement déjà pris par les États",
            "In 2018 the United Nations General Assembly adopted the Global Compact for Safe, "
            "Orderly and Regular Migration. Its Objective 18 commits states to invest in skills "
            "development and to facilitate the mutual recognition of skills, qualifications "
            "and competences.":
                "En 2018, l'Assemblée générale des Nations Unies a adopté le Pacte mondial pour "
                "des migrations sûres, ordonnées et régulières. Son objectif 18 engage les États "
                "à investir dans le développement des compétences et à faciliter la "
                "reconnaissance mutuelle des aptitudes, qualifications et compétences.",
            "The Global Skills Partnership on Migration":
                "Le Partenariat mondial pour les compétences en matière de migration",
            "The ILO, UNESCO, the IOM, the International Trade Union Confederation (ITUC) and "
            "the International Organisation of Employers (IOE) work together to support "
            "countries that build skills partnerships, with particular attention to low- and "
            "medium-skilled migrant workers.":
                "L'OIT, l'UNESCO, l'OIM, la Confédération syndicale internationale (CSI) et "
                "l'Organisation internationale des employeurs (OIE) accompagnent ensemble les "
                "pays qui construisent des partenariats de compétences, en portant une "
                "attention particulière aux travailleurs migrants peu et moyennement qualifiés.",
            "What a partnership usually includes": "Ce que comprend d'ordinaire un partenariat",
            "Matching skills with the demand for labour, in both countries":
                "Faire correspondre les compétences à la demande de main-d'œuvre, dans les "
                "deux pays",
            "Recognising skills and making them portable across borders":
                "Reconnaître les compétences et les rendre transférables d'un pays à l'autre",
            "Training and support, including before departure: language, culture and rights "
            "at work":
                "Former et accompagner, y compris avant le départ : langue, culture et droits "
                "au travail",
            "Return and reintegration, so that skills gained abroad count at home":
                "Retour et réintégration, pour que les compétences acquises à l'étranger "
                "comptent au pays",
            "A skill that cannot be proven is a skill that is lost to the worker, to the "
            "employer and to the economy.":
                "Une compétence qu'on ne peut pas prouver est perdue pour le travailleur, pour "
                "l'employeur et pour l'économie.",
            "Opportunities for Africa": "Des opportunités pour l'Afrique",
            "Partner countries that agree on standards and certification widen the labour "
            "market open to their workers, help employers find people whose skills they can "
            "trust, and keep skilled people from working below their level when they move.":
                "Les pays partenaires qui s'accordent sur les normes et la certification "
                "élargissent le marché du travail ouvert à leurs travailleurs, aident les "
                "employeurs à trouver des compétences fiables et évitent que les personnes "
                "qualifiées travaillent en dessous de leur niveau lorsqu'elles migrent.",
        },
    },
    "concept-note-skills-partnerships-on-labour-migration": {
        "document": ("Note conceptuelle du webinaire du 11 avril 2024", [
            "Partenariats de compétences sur la migration de main-d'œuvre.",
            "Objectifs et résultat attendu du webinaire.",
        ]),
        "strings": {
            "Concept note: Skills Partnerships on Labour Migration (webinar)":
                "Note conceptuelle : partenariats de compétences sur la migration de "
                "main-d'œuvre (webinaire)",
            "The concept note of the webinar of 11 April 2024: what skills partnerships "
            "entail, the opportunities for Africa, the objectives and the expected outcome.":
                "La note conceptuelle du webinaire du 11 avril 2024 : ce que recouvrent les "
                "partenariats de compétences, les opportunités pour l'Afrique, les objectifs "
                "et le résultat attendu.",
            "What do skills partnerships on labour migration entail?":
                "Que recouvrent les partenariats de compétences sur la migration de "
                "main-d'œuvre ?",
            "Matching skills with demand.": "L'adéquation des compétences à la demande.",
            "Recognition and portability of skills.":
                "La reconnaissance et la transférabilité des compétences.",
            "Training and support, including pre-departure training, language and cultural "
            "orientation.":
                "La formation et l'accompagnement, dont la formation avant le départ et "
                "l'orientation linguistique et culturelle.",
            "Return and reintegration.": "Le retour et la réintégration.",
            "Objective and expected outcome": "Objectif et résultat attendu",
            "The webinar aims to deepen understanding of what makes a skills partnership for "
            "labour migration succeed, and to leave key stakeholders better informed and more "
            "aware of the options.":
                "Le webinaire veut mieux faire comprendre ce qui fait réussir un partenariat de "
                "compétences pour la migration de main-d'œuvre, et laisser les principales "
                "parties prenantes mieux informées et plus conscientes des options possibles.",
        },
    },
    "action-plans-winning-partnership-ideas": {
        "document": ("Plans d'action des idées de partenariat lauréates", [
            "Mauritanie et Sénégal ; Burkina Faso et Mali ; Nigeria, Ghana et Togo.",
        ]),
        "strings": {
            "Action plans of the winning partnership ideas (members' working document)":
                "Plans d'action des idées de partenariat lauréates (document de travail des "
                "membres)",
            "The three partnership ideas that won the crowdsourced votes at the tripartite "
            "workshops, with the action plans their partners drafted. A working document for "
            "members who follow them up.":
                "Les trois idées de partenariat retenues par le vote collectif lors des ateliers "
                "tripartites, avec les plans d'action rédigés par leurs partenaires. Un document "
                "de travail pour les membres qui en assurent le suivi.",
            "Mauritania and Senegal": "Mauritanie et Sénégal",
            "A five-year joint action plan to set common occupational, competency and "
            "assessment standards in priority occupations, and to help enterprises upgrade "
            "their equipment and train their tutors.":
                "Un plan d'action conjoint sur cinq ans pour fixer des normes communes de "
                "métiers, de compétences et d'évaluation dans les métiers prioritaires, et "
                "aider les entreprises à moderniser leurs équipements et à former leurs tuteurs.",
            "Burkina Faso and Mali": "Burkina Faso et Mali",
            "A three-year partnership to harmonise training programmes in agriculture, "
            "construction and metal construction, share experience and good practice, and "
            "support the social and professional integration of migrants.":
                "Un partenariat de trois ans pour harmoniser les programmes de formation en "
                "agriculture, en bâtiment et en construction métallique, partager expériences "
                "et bonnes pratiques, et soutenir l'insertion socioprofessionnelle des migrants.",
            "Nigeria, Ghana and Togo": "Nigeria, Ghana et Togo",
            "Harmonised certifications and standards so that skills are portable between the "
            "three countries, with recognition and validation of prior learning for priority "
            "occupations.":
                "Des certifications et des normes harmonisées pour que les compétences soient "
                "transférables entre les trois pays, avec la reconnaissance et la validation des "
                "acquis de l'expérience pour les métiers prioritaires.",
        },
    },
    "workshop-report-abuja-2019": {
        "document": ("Rapport de l'atelier d'Abuja (septembre 2019)", [
            "Afrique de l'Ouest et Sahel, 11-13 septembre 2019, 61 participants, 8 pays.",
        ]),
        "strings": {
            "Workshop report: Western Africa and Sahel, Abuja, September 2019":
                "Rapport d'atelier : Afrique de l'Ouest et Sahel, Abuja, septembre 2019",
            "Three days, 61 participants from 8 countries: how tripartite delegations in Abuja "
            "turned the country studies into partnership ideas, chose the strongest and "
            "drafted action plans.":
                "Trois jours, 61 participants venus de 8 pays : comment les délégations "
                "tripartites réunies à Abuja ont transformé les études pays en idées de "
                "partenariat, retenu les plus solides et rédigé des plans d'action.",
            "The tripartite workshop for Western Africa and the Sahel met in Abuja, Nigeria, "
            "from 11 to 13 September 2019. 61 participants came from 8 countries. Each "
            "delegation had four government representatives, two from employers' "
            "organisations and two from workers' organisations.":
                "L'atelier tripartite pour l'Afrique de l'Ouest et le Sahel s'est tenu à Abuja, "
                "au Nigeria, du 11 au 13 septembre 2019. Il a réuni 61 participants de 8 pays. "
                "Chaque délégation comptait quatre représentants du gouvernement, deux des "
                "organisations d'employeurs et deux des organisations de travailleurs.",
            "How the workshop worked": "Le déroulement de l'atelier",
            "Delegations generated partnership ideas.":
                "Les délégations ont proposé des idées de partenariat.",
            "They formed partnerships with other delegations in a simulation.":
                "Elles ont formé des partenariats avec d'autres délégations lors d'une "
                "simulation.",
            "All participants evaluated the ideas by crowdsourcing and selected the winners.":
                "L'ensemble des participants a évalué les idées par un vote collectif et "
                "désigné les lauréates.",
            "The partners behind each winning idea drafted an action plan.":
                "Les partenaires de chaque idée lauréate ont rédigé un plan d'action.",
        },
    },
    "workshop-report-yaounde-2019": {
        "document": ("Rapport de l'atelier de Yaoundé (septembre 2019)", [
            "Afrique centrale, 16-18 septembre 2019, 46 participants, 6 pays.",
        ]),
        "strings": {
            "Workshop report: Central Africa, Yaoundé, September 2019":
                "Rapport d'atelier : Afrique centrale, Yaoundé, septembre 2019",
            "46 participants from 6 countries met in Yaoundé to test skills partnership ideas "
            "for Central Africa with the same four-step method used in Abuja.":
                "46 participants de 6 pays se sont retrouvés à Yaoundé pour mettre à l'épreuve "
                "des idées de partenariat de compétences pour l'Afrique centrale, avec la même "
                "méthode en quatre étapes qu'à Abuja.",
            "The tripartite workshop for Central Africa took place in Yaoundé, Cameroon, from "
            "16 to 18 September 2019, with 46 participants from 6 countries. As in Abuja, every "
            "delegation brought four government representatives, two employers' and two "
            "workers' representatives.":
                "L'atelier tripartite pour l'Afrique centrale a eu lieu à Yaoundé, au Cameroun, "
                "du 16 au 18 septembre 2019, avec 46 participants de 6 pays. Comme à Abuja, "
                "chaque délégation réunissait quatre représentants du gouvernement, deux des "
                "employeurs et deux des travailleurs.",
            "Method": "Méthode",
            "Ideas first, then partnerships formed through a simulation, then a crowdsourced "
            "evaluation to pick the winners, and finally action plans for the winning ideas.":
                "D'abord les idées, puis des partenariats formés par simulation, ensuite une "
                "évaluation collective pour choisir les lauréates, enfin des plans d'action pour "
                "les idées retenues.",
        },
    },
    "toolkit-designing-a-skills-partnership": {
        "document": ("Boîte à outils : concevoir un partenariat de compétences", [
            "Fiches et listes de contrôle, une dimension du partenariat à la fois.",
        ]),
        "strings": {
            "Toolkit: designing a skills partnership on labour migration":
                "Boîte à outils : concevoir un partenariat de compétences sur la migration de "
                "main-d'œuvre",
            "Worksheets and checklists for a tripartite team that wants to go from a "
            "partnership idea to a costed action plan, one dimension of the partnership at a "
            "time.":
                "Des fiches et des listes de contrôle pour une équipe tripartite qui veut passer "
                "d'une idée de partenariat à un plan d'action chiffré, une dimension du "
                "partenariat à la fois.",
            "Use this toolkit with a small team that includes government, employers and "
            "workers from each partner country. Work through the sections in order; each ends "
            "with a checklist of decisions to record.":
                "Utilisez cette boîte à outils avec une petite équipe réunissant gouvernement, "
                "employeurs et travailleurs de chaque pays partenaire. Suivez les sections dans "
                "l'ordre ; chacune se termine par une liste des décisions à consigner.",
            "Sections": "Sections",
            "Identifying, anticipating and sharing information on skills demand and supply":
                "Identifier, anticiper et partager l'information sur l'offre et la demande de "
                "compétences",
            "Developing skills in the country of origin, the country of destination or both":
                "Développer les compétences dans le pays d'origine, le pays de destination ou "
                "les deux",
            "Mutual recognition and joint harmonisation of qualifications":
                "Reconnaissance mutuelle et harmonisation conjointe des qualifications",
            "Recognition of prior learning": "Reconnaissance des acquis",
            "Information, guidance and counselling for migrant workers":
                "Information, orientation et conseil pour les travailleurs migrants",
            "Before you start": "Avant de commencer",
            "Agree who owns the action plan in each country, and how progress will be reviewed "
            "together.":
                "Convenez de qui porte le plan d'action dans chaque pays et de la manière dont "
                "les progrès seront examinés ensemble.",
        },
    },
}


def load_french(say, *, library: ResourceIndexPage, collection, make_document) -> None:
    from portal.core.i18n import locale_for
    from portal.core.translation import translation_publish

    if not library.has_translation(locale_for("fr")):
        translation_publish(instance=library, language="fr", strings=LIBRARY)
    count = 0
    for slug, spec in RESOURCES.items():
        page = ResourcePage.objects.child_of(library).filter(slug=slug).first()
        if page is None:
            continue
        if page.has_translation(locale_for("fr")):
            count += 1
            continue
        title, paragraphs = spec["document"]
        document = make_document(title, paragraphs, collection)
        if not page.attachments.filter(document=document).exists():
            # The French document sits beside the English one on the original, so every
            # version of the resource offers both.
            page.attachments.add(ResourceDocument(document=document, language="fr"))
            page.save_revision().publish()
        translation_publish(instance=page, language="fr", strings=spec["strings"])
        count += 1
    say(f"{count} resources and the library in French")
