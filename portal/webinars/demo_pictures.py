"""Pictures for the demo: a banner per webinar, a portrait per speaker and a logo per
partner, drawn here (abstract shapes, no photographs of real people), and the upcoming
webinar's own registration questions. Idempotent: only what is missing is added."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from portal.core.i18n import locale_for
from portal.core.translation import translation_publish

from .enums import QuestionKind
from .models import RegistrationQuestion, Speaker, Webinar, WebinarSeries

PALETTES = [((11, 85, 99), (154, 74, 0)), ((8, 63, 73), (29, 107, 53)),
            ((75, 42, 115), (11, 85, 99)), ((154, 74, 0), (8, 63, 73))]
SKIN = [(141, 85, 36), (198, 134, 66), (224, 172, 105), (111, 63, 29), (241, 194, 125)]
UPCOMING_QUESTIONS = [
    ("Interpretation you need", QuestionKind.CHOICE, "English\nFrench\nPortuguese\nNone", True,
     "The panel speaks English; interpretation is offered into French and Portuguese."),
    ("Accessibility needs", QuestionKind.LONG_TEXT, "", False,
     "Captions, sign language, a slower pace... Tell us and we will arrange it."),
    ("A question for the panel", QuestionKind.LONG_TEXT, "", False, ""),
]
# The same questions for French-speaking registrants (answers stay on the originals).
UPCOMING_QUESTIONS_FR = {
    "Interpretation you need": "Interprétation souhaitée",
    "English\nFrench\nPortuguese\nNone": "Anglais\nFrançais\nPortugais\nAucune",
    "The panel speaks English; interpretation is offered into French and Portuguese.":
        "Les intervenants s'expriment en anglais ; une interprétation est proposée vers le "
        "français et le portugais.",
    "Accessibility needs": "Besoins d'accessibilité",
    "Captions, sign language, a slower pace... Tell us and we will arrange it.":
        "Sous-titres, langue des signes, un rythme plus lent… Dites-le-nous et nous nous en "
        "occupons.",
    "A question for the panel": "Une question pour les intervenants",
}


def _save(title: str, picture: Image.Image, filename: str):
    Image_ = get_image_model()
    existing = Image_.objects.filter(title=title).first()
    if existing is not None:
        return existing
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return Image_.objects.create(title=title, collection=Collection.get_first_root_node(),
                                 file=ImageFile(buffer, name=filename))


def banner(seed: int) -> Image.Image:
    """A 16:9 banner: two-colour gradient with a network of nodes and links."""
    width, height = 1280, 720
    start, end = PALETTES[seed % len(PALETTES)]
    picture = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(picture)
    for x in range(width):
        share = x / width
        draw.line([(x, 0), (x, height)], fill=tuple(
            int(a + (b - a) * share) for a, b in zip(start, end, strict=True)))
    chance = random.Random(seed)  # noqa: S311 (shapes, not secrets)
    nodes = [(chance.randint(60, width - 60), chance.randint(60, height - 60))
             for _index in range(18)]
    for index, (x, y) in enumerate(nodes):
        for other in nodes[index + 1:index + 3]:
            draw.line([(x, y), other], fill=(255, 255, 255), width=2)
    for x, y in nodes:
        radius = chance.randint(8, 26)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(255, 191, 71),
                     outline=(255, 255, 255), width=3)
    return picture


def portrait(seed: int) -> Image.Image:
    """A square portrait: a drawn figure (head and shoulders) on a coloured ground."""
    size = 320
    ground, cloth = PALETTES[seed % len(PALETTES)]
    picture = Image.new("RGB", (size, size), tuple(min(255, c + 120) for c in ground))
    draw = ImageDraw.Draw(picture)
    skin = SKIN[seed % len(SKIN)]
    draw.ellipse([40, 200, 280, 440], fill=cloth)
    draw.ellipse([105, 60, 215, 185], fill=skin)
    draw.chord([98, 50, 222, 150], 180, 360, fill=(40, 30, 25))
    return picture


def logo(name: str) -> Image.Image:
    picture = Image.new("RGB", (360, 120), (255, 255, 255))
    draw = ImageDraw.Draw(picture)
    font = ImageFont.load_default(size=44)
    box = draw.textbbox((0, 0), name, font=font)
    left = (360 - (box[2] - box[0])) // 2
    draw.rectangle([0, 108, 360, 120], fill=(11, 85, 99))
    draw.text((left, 30), name, fill=(8, 63, 73), font=font)
    return picture


def load(say) -> None:
    for index, webinar in enumerate(Webinar.objects.filter(image__isnull=True).order_by("pk")):
        webinar.image = _save(f"Banner: {webinar.title}", banner(webinar.pk + index),
                              f"banner-{webinar.slug[:40]}.png")
        webinar.save()
        if webinar.live:
            webinar.save_revision().publish()
    for speaker in Speaker.objects.filter(photo__isnull=True).order_by("pk"):
        speaker.photo = _save(f"Portrait: {speaker.name}", portrait(speaker.pk),
                              f"speaker-{speaker.pk}.png")
        speaker.save(update_fields=["photo"])
    for series in WebinarSeries.objects.all():
        for partner in series.partners.filter(logo__isnull=True):
            partner.logo = _save(f"Logo: {partner.name}", logo(partner.name),
                                 f"logo-{partner.pk}.png")
            partner.save(update_fields=["logo"])
    upcoming = Webinar.objects.filter(slug="recognising-the-skills-of-migrant-workers",
                                      locale__language_code="en").first()
    if upcoming is not None and not upcoming.questions.exists():
        upcoming.questions = [
            RegistrationQuestion(label=label, kind=kind, choices=choices, required=required,
                                 help_text=hint, sort_order=order)
            for order, (label, kind, choices, required, hint) in enumerate(UPCOMING_QUESTIONS)]
        upcoming.save()
        upcoming.save_revision().publish()
        if upcoming.has_translation(locale_for("fr")):
            translation_publish(instance=Webinar.objects.get(pk=upcoming.pk), language="fr",
                                strings=UPCOMING_QUESTIONS_FR)
    say("banners, speaker portraits, partner logos and registration questions")
