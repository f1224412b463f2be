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


PRIVACY_SLUG = "privacy"
PRIVACY_INTRO = ("How the community of practice uses the personal details you give when you "
                 "register for a webinar or join as a member.")
PRIVACY_BODY = (
    "<h2>Who keeps your details</h2><p>The organisers of the community of practice keep them "
    "on this portal, and only for the purposes below.</p>"
    "<h2>What we keep and why</h2><ul><li>For a webinar: your name, e-mail address, "
    "organisation, country and job title, and your answers to the webinar's own questions, to "
    "send you the invitation, the link to join, reminders and, afterwards, the recording and "
    "materials. Organisers see these details in the registrants report.</li>"
    "<li>For members: your profile, with the visibility you choose, and what you post.</li>"
    "<li>Updates about future webinars, only if you ticked that box.</li></ul>"
    "<h2>How long</h2><p>Registrations are kept for two years after the webinar, then removed. "
    "Deleting your account removes your profile and your personal details from your "
    "registrations.</p>"
    "<h2>Your rights</h2><p>You can download your data from your dashboard, correct your "
    "profile, cancel a registration from its page or delete your account at any time. For any "
    "other request, reply to any e-mail from the portal.</p>"
)


def load_privacy(say) -> None:
    from .models import PrivacyPage

    home = HomePage.objects.first()
    if home is None:
        return
    page = PrivacyPage.objects.child_of(home).first()
    if page is None:
        page = PrivacyPage(title="Privacy notice", slug=PRIVACY_SLUG,
                           introduction=PRIVACY_INTRO, body=PRIVACY_BODY)
        home.add_child(instance=page)
        page.save_revision().publish()
    say("privacy notice")
