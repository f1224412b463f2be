"""French versions of the demo series and of the past and upcoming webinars, written for
French-speaking members and published through the translation workflow. Registrations stay
on the originals: one list for both versions.

Idempotent: an existing translation is left as it is.
"""

from portal.core.i18n import locale_for
from portal.core.translation import translation_publish

from .models import Webinar, WebinarSeries

SERIES = {
    "Skills and Labour Migration": "Compétences et migration de main-d'œuvre",
    "A webinar series of the knowledge-sharing portal on skills and labour migration. Each "
    "session brings together the people who design and run skills partnerships, from "
    "ministries of labour to training providers, employers' and workers' organisations, to "
    "compare what they have tried and what they have learnt.":
        "Une série de webinaires du portail d'échange de connaissances sur les compétences et "
        "la migration de main-d'œuvre. Chaque séance réunit celles et ceux qui conçoivent et "
        "font vivre les partenariats de compétences, des ministères du travail aux organismes "
        "de formation, en passant par les organisations d'employeurs et de travailleurs, pour "
        "comparer ce qu'ils ont essayé et ce qu'ils en ont appris.",
    "Everyone who registers is invited to the community of practice, where the conversation "
    "continues between sessions.":
        "Toute personne inscrite est invitée à rejoindre la communauté de pratique, où la "
        "discussion se poursuit entre les séances.",
}

PAST = {
    "Skills Partnerships on Labour Migration":
        "Partenariats de compétences sur la migration de main-d'œuvre",
    "How skills partnerships can make labour migration work for migrant workers, employers "
    "and countries, with experiences from Kenya and from the Pacific Australia Labour "
    "Mobility scheme.":
        "Comment les partenariats de compétences peuvent faire de la migration de main-d'œuvre "
        "un succès pour les travailleurs migrants, les employeurs et les pays, avec les "
        "expériences du Kenya et du programme de mobilité de la main-d'œuvre Pacifique-"
        "Australie.",
    "Labour mobility within Africa and beyond keeps growing, yet many migrant workers find "
    "that their qualifications count for little once they cross a border, while employers "
    "struggle to find the skills they need. Skills partnerships on labour migration bring "
    "countries of origin and destination, employers, workers and training providers together "
    "so that migration benefits everyone involved.":
        "La mobilité de la main-d'œuvre progresse en Afrique et au-delà, mais beaucoup de "
        "travailleurs migrants constatent que leurs qualifications ne valent plus grand-chose "
        "une fois la frontière passée, tandis que les employeurs peinent à trouver les "
        "compétences dont ils ont besoin. Les partenariats de compétences réunissent pays "
        "d'origine et de destination, employeurs, travailleurs et organismes de formation pour "
        "que la migration profite à toutes les parties.",
    "What do skills partnerships on labour migration entail?":
        "Que recouvrent les partenariats de compétences sur la migration de main-d'œuvre ?",
    "<strong>Matching skills with demand</strong>: identifying the occupations where workers "
    "are needed and the skills that go with them.":
        "<strong>L'adéquation des compétences à la demande</strong> : repérer les métiers qui "
        "manquent de bras et les compétences qu'ils exigent.",
    "<strong>Recognition and portability of skills</strong>: making sure that what a worker "
    "has learnt is understood and valued in the country of destination, and again on return.":
        "<strong>La reconnaissance et la transférabilité des compétences</strong> : faire en "
        "sorte que les acquis d'un travailleur soient compris et valorisés dans le pays de "
        "destination, puis au retour.",
    "<strong>Training and support</strong>: training before departure, including language "
    "courses and cultural orientation, and support while abroad.":
        "<strong>La formation et l'accompagnement</strong> : formation avant le départ, dont "
        "cours de langue et orientation culturelle, et soutien pendant le séjour à l'étranger.",
    "<strong>Return and reintegration</strong>: helping returning workers put the skills "
    "they gained to use at home.":
        "<strong>Le retour et la réintégration</strong> : aider les travailleurs de retour à "
        "mettre à profit chez eux les compétences acquises.",
    "Opportunities for Africa": "Des opportunités pour l'Afrique",
    "Regional economic communities are opening labour markets to each other, and several "
    "countries already run bilateral arrangements. Learning from these early partnerships, "
    "and from schemes in other regions, can help the continent design partnerships that "
    "protect workers and answer real labour market needs.":
        "Les communautés économiques régionales ouvrent leurs marchés du travail les unes aux "
        "autres et plusieurs pays appliquent déjà des accords bilatéraux. Tirer les leçons de "
        "ces premiers partenariats, et des programmes d'autres régions, aidera le continent à "
        "concevoir des partenariats qui protègent les travailleurs et répondent aux besoins "
        "réels du marché du travail.",
    "To enhance the understanding of what makes skills partnerships for labour migration "
    "succeed, drawing on a national initiative from Kenya and on an established scheme from "
    "the Pacific.":
        "Mieux comprendre ce qui fait réussir un partenariat de compétences pour la migration "
        "de main-d'œuvre, à partir d'une initiative nationale du Kenya et d'un programme "
        "éprouvé du Pacifique.",
    "Key stakeholders leave with more knowledge of, and greater awareness about, skills "
    "partnerships on labour migration, and with contacts to continue the discussion in the "
    "community of practice.":
        "Les principales parties prenantes repartent mieux informées et plus sensibilisées "
        "aux partenariats de compétences sur la migration de main-d'œuvre, avec des contacts "
        "pour poursuivre la discussion dans la communauté de pratique.",
    "Session 1: opening": "Séance 1 : ouverture",
    "Opening remarks": "Mot d'ouverture",
    "Introduction to the webinar series and key concepts of skills partnerships on labour "
    "migration":
        "Présentation de la série de webinaires et des notions clés des partenariats de "
        "compétences sur la migration de main-d'œuvre",
    "Session 2: panel discussion": "Séance 2 : table ronde",
    "Two experiences of skills partnerships, side by side.":
        "Deux expériences de partenariats de compétences, côte à côte.",
    "Topic 1": "Thème 1",
    "Kenya's initiatives on skills partnerships for labour migration":
        "Les initiatives du Kenya en matière de partenariats de compétences pour la migration "
        "de main-d'œuvre",
    "Topic 2": "Thème 2",
    "Learning from an existing programme: the Pacific Australia Labour Mobility (PALM) scheme":
        "Apprendre d'un programme existant : le programme de mobilité de la main-d'œuvre "
        "Pacifique-Australie (PALM)",
    "Overview of the scheme<br/>Key features: coordination and financing<br/>Challenges and "
    "lessons learnt<br/>What other regions can learn":
        "Présentation du programme<br/>Caractéristiques clés : coordination et financement"
        "<br/>Difficultés et enseignements<br/>Ce que d'autres régions peuvent en retenir",
    "Session 3: audience participation": "Séance 3 : participation du public",
    "3A": "3A",
    "Discussion and reflections from participants":
        "Discussion et réflexions des participants",
    "3B": "3B",
    "Conclusion, closing remarks and vote of thanks":
        "Conclusion, mot de clôture et remerciements",
    "Presentation: Kenya's initiatives on skills partnerships":
        "Présentation : les initiatives du Kenya en matière de partenariats de compétences",
    "Presentation: learning from the PALM scheme":
        "Présentation : les enseignements du programme PALM",
    "Concept note of the webinar": "Note conceptuelle du webinaire",
    "Why skills partnerships on migration matter":
        "Pourquoi les partenariats de compétences sur la migration comptent",
    "Toolkit: designing a skills partnership on labour migration":
        "Boîte à outils : concevoir un partenariat de compétences sur la migration de "
        "main-d'œuvre",
}

UPCOMING = {
    "Recognising the skills of migrant workers":
        "Reconnaître les compétences des travailleurs migrants",
    "Recognition of prior learning and mutual recognition of qualifications: how countries "
    "of the region make the skills of migrant workers count.":
        "Reconnaissance des acquis et reconnaissance mutuelle des qualifications : comment les "
        "pays de la région font compter les compétences des travailleurs migrants.",
    "A welder trained in Dakar or a nurse trained in Accra often starts again from the bottom "
    "of the ladder abroad, because nobody can tell what their certificate is worth. "
    "Recognising skills, including those learnt on the job, is one of the quickest ways to "
    "make labour migration pay off for workers, employers and both countries.":
        "Un soudeur formé à Dakar ou une infirmière formée à Accra repart souvent du bas de "
        "l'échelle à l'étranger, faute de savoir ce que vaut son diplôme. Reconnaître les "
        "compétences, y compris celles acquises sur le terrain, est l'un des moyens les plus "
        "rapides de rendre la migration profitable aux travailleurs, aux employeurs et aux "
        "deux pays.",
    "This session looks at recognition of prior learning, at mutual recognition of "
    "qualifications between neighbouring countries and at the role of employers' and "
    "workers' organisations in making certificates trusted.":
        "Cette séance aborde la reconnaissance des acquis, la reconnaissance mutuelle des "
        "qualifications entre pays voisins et le rôle des organisations d'employeurs et de "
        "travailleurs pour que les certificats inspirent confiance.",
    "Share how countries of the region assess and certify skills learnt outside formal "
    "training.":
        "Partager la manière dont les pays de la région évaluent et certifient les "
        "compétences acquises hors de la formation formelle.",
    "Discuss what neighbouring countries need to trust each other's certificates.":
        "Débattre de ce dont les pays voisins ont besoin pour se fier aux certificats les uns "
        "des autres.",
    "Participants know the main routes to recognition in the region, the obstacles that "
    "remain, and where to find tools and peers in the community of practice.":
        "Les participants connaissent les principales voies de reconnaissance dans la région, "
        "les obstacles qui demeurent, et savent où trouver outils et pairs dans la communauté "
        "de pratique.",
    "Session 1: opening": "Séance 1 : ouverture",
    "Welcome and purpose of the session": "Accueil et objet de la séance",
    "Recognition of skills: the main routes in the region":
        "La reconnaissance des compétences : les principales voies dans la région",
    "Session 2: country experiences": "Séance 2 : expériences nationales",
    "Topic 1": "Thème 1",
    "Recognising the skills of returning migrant workers in Senegal":
        "Reconnaître les compétences des travailleurs migrants de retour au Sénégal",
    "How returning workers have their experience assessed and certified.":
        "Comment les travailleurs de retour font évaluer et certifier leur expérience.",
    "Assessment centres<br/>Working with employers<br/>What still blocks recognition":
        "Les centres d'évaluation<br/>Le travail avec les employeurs<br/>Ce qui bloque encore "
        "la reconnaissance",
    "Topic 2": "Thème 2",
    "Mutual recognition between neighbouring countries: where to start":
        "La reconnaissance mutuelle entre pays voisins : par où commencer",
    "Session 3: discussion": "Séance 3 : discussion",
    "3A": "3A",
    "Questions and experiences from participants": "Questions et expériences des participants",
    "3B": "3B",
    "Conclusion and next steps in the community":
        "Conclusion et prochaines étapes dans la communauté",
}


def load_french(say, *, series: WebinarSeries, webinars: list[tuple[Webinar, dict]]) -> None:
    french = locale_for("fr")
    if not series.has_translation(french):
        translation_publish(instance=series, language="fr", strings=SERIES)
    for webinar, strings in webinars:
        if not webinar.has_translation(french):
            translation_publish(instance=webinar, language="fr", strings=strings)
    say(f"the series and {len(webinars)} webinars in French")
