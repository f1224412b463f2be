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
    home = HomePage.objects.first()
    if home is None:
        return
    if home.hero_text != HERO_TEXT or home.about != ABOUT:
        home.hero_text, home.about = HERO_TEXT, ABOUT
        home.save_revision().publish()
    say("home page")
