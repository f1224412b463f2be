from .models import HomePage

HERO_TEXT = (
    "<p>A community of practice for governments, employers' and workers' organisations, "
    "training providers and researchers who work on skills partnerships and labour migration "
    "across Africa. Join the webinars, use the resource library and share what works.</p>"
)
ABOUT = (
    "<p>The community grew out of a webinar series on skills and labour migration run with "
    "the ILO, GIZ and AUDA-NEPAD. Everyone who registers for a webinar is invited to join: "
    "members reach the resource library, the discussion forums, the calls for good practices "
    "from the region and the material of every past webinar.</p>"
)


def load(say) -> None:
    home = HomePage.objects.filter(locale__language_code="en").order_by("path").first()
    if home is None:
        return
    if home.hero_text != HERO_TEXT or home.about != ABOUT:
        home.hero_text, home.about = HERO_TEXT, ABOUT
        home.save_revision().publish()
    say("home page")
    load_french(say)


# French version of the home page, written for French-speaking members (not a word-for-word
# rendering): source text -> French, fed through the translation workflow.
HOME_FR = {
    "Skills and Labour Migration Community of Practice":
        "Communauté de pratique Compétences et migration de main-d'œuvre",
    "home": "accueil",
    "Skills and labour migration in Africa: learn, share, connect":
        "Compétences et migration de main-d'œuvre en Afrique : apprendre, partager, "
        "se connecter",
    HERO_TEXT[3:-4]:
        "Un espace d'échange pour les gouvernements, les organisations d'employeurs et de "
        "travailleurs, les organismes de formation et les chercheurs qui travaillent sur les "
        "partenariats de compétences et la migration de main-d'œuvre en Afrique. Suivez les "
        "webinaires, consultez la bibliothèque de ressources et partagez ce qui fonctionne.",
    ABOUT[3:-4]:
        "La communauté est née d'une série de webinaires sur les compétences et la migration "
        "de main-d'œuvre, organisée avec l'OIT, la GIZ et l'AUDA-NEPAD. Toute personne "
        "inscrite à un webinaire est invitée à la rejoindre : les membres accèdent à la "
        "bibliothèque de ressources, aux forums de discussion, aux appels à bonnes pratiques "
        "de la région et aux documents de chaque webinaire passé.",
}


def load_french(say) -> None:
    """The French home page, through the translation workflow (after the English one)."""
    from .i18n import locale_for
    from .translation import translation_publish

    home = HomePage.objects.filter(locale__language_code="en").order_by("path").first()
    if home is None or home.has_translation(locale_for("fr")):
        return
    french = translation_publish(instance=home, language="fr", strings=HOME_FR)
    say(f"French home page {french.url}")
