import io

import pytest
from django.core.management import call_command

from portal.webinars.models import SeriesPartner, Speaker, Webinar

pytestmark = pytest.mark.django_db


def test_demo_gives_banners_portraits_logos_and_questions_once():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    assert not Webinar.objects.filter(image__isnull=True).exists()
    assert not Speaker.objects.filter(photo__isnull=True).exists()
    assert not SeriesPartner.objects.filter(logo__isnull=True).exists()
    upcoming = Webinar.objects.get(slug="recognising-the-skills-of-migrant-workers",
                                   locale__language_code="en")
    assert [q.label for q in upcoming.questions.all()] == [
        "Interpretation you need", "Accessibility needs", "A question for the panel"]
    french = Webinar.objects.get(translation_key=upcoming.translation_key,
                                 locale__language_code="fr")
    assert [(q.label, q.translation_key) for q in french.questions.all()] == [
        ("Interprétation souhaitée", upcoming.questions.all()[0].translation_key),
        ("Besoins d'accessibilité", upcoming.questions.all()[1].translation_key),
        ("Une question pour les intervenants", upcoming.questions.all()[2].translation_key)]


def test_demo_pictures_show_on_cards_and_pages(client):
    call_command("load_demo", stdout=io.StringIO())

    listing = client.get("/webinars/").content.decode()
    page = client.get("/webinars/skills-partnerships-on-labour-migration/").content.decode()

    assert 'class="card__image"' in listing
    assert 'class="avatar speaker__photo"' in page
    assert 'alt="ILO"' in page
