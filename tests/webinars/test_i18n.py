"""Webinars and series in English and French: one registration list, fallback, hreflang,
switcher, per-language listings, shared fields, e-mails and calendar files in the
registrant's language, and the translation workflow for the programme."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from wagtail_localize.models import Translation

from portal.core.translation import translation_missing, translation_publish, translation_sync
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import AgendaItem, AgendaSession, Registration, Webinar
from tests.factories.webinars import SeriesFactory, WebinarFactory, add_agenda
from tests.webinars.test_registration_views import form_data

pytestmark = pytest.mark.django_db

NOTE_FR = "Ce contenu n'existe qu'en anglais."


def _french(webinar, **strings):
    return translation_publish(instance=Webinar.objects.get(pk=webinar.pk), language="fr",
                               strings=strings)


def register(client, webinar, prefix="", **overrides):
    return client.post(f"{prefix}/webinars/{webinar.slug}/register/", form_data(**overrides))


def _switcher(html: str) -> dict[str, str]:
    nav = re.search(r'class="language-switcher".*?</nav>', html, re.S).group(0)
    return {lang: href for href, lang in re.findall(r'href="([^"]*)" lang="(\w+)"', nav)}


def test_untranslated_webinar_reads_in_english_under_fr_with_a_note(client):
    webinar = WebinarFactory(title="Skills partnerships")
    response = client.get(f"/fr/webinars/{webinar.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert NOTE_FR in html
    assert '<h1 lang="en">Skills partnerships</h1>' in html
    assert 'hreflang="fr"' not in re.sub(r'<nav class="language-switcher".*?</nav>', "", html,
                                         flags=re.S)
    assert _switcher(html) == {"en": f"/webinars/{webinar.slug}/",
                               "fr": f"/fr/webinars/{webinar.slug}/"}


def test_translated_webinar_and_programme_read_in_french(client):
    webinar = WebinarFactory(title="Skills partnerships", summary="Two countries compare.")
    add_agenda(webinar, [("Session 1: opening", [("", 5, "Opening remarks", [])], [])])
    french = _french(webinar, **{"Skills partnerships": "Partenariats de compétences",
                                 "Two countries compare.": "Deux pays comparent.",
                                 "Session 1: opening": "Séance 1 : ouverture",
                                 "Opening remarks": "Mot d'ouverture"})
    assert (french.slug, french.locale.language_code) == (webinar.slug, "fr")
    html = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert "<h1>Partenariats de compétences</h1>" in html
    assert "Séance 1 : ouverture" in html and "Mot d&#x27;ouverture" in html
    assert NOTE_FR not in html
    assert f'hreflang="en" href="http://testserver/webinars/{webinar.slug}/"' in html
    assert f'hreflang="fr" href="http://testserver/fr/webinars/{webinar.slug}/"' in html
    english = client.get(f"/webinars/{webinar.slug}/").content.decode()
    assert "<h1>Skills partnerships</h1>" in english


def test_registering_on_the_french_page_joins_the_one_list_of_the_original(client):
    webinar = WebinarFactory(title="Skills partnerships", capacity=2)
    french = _french(webinar, **{"Skills partnerships": "Partenariats de compétences"})
    register(client, webinar, prefix="/fr", email="awa@example.org")
    register(Client(), webinar, email="kofi@example.org")
    rows = Registration.objects.order_by("pk")
    assert [(row.webinar_id, row.language) for row in rows] == [(webinar.pk, "fr"),
                                                                (webinar.pk, "en")]
    assert not Registration.objects.filter(webinar=french).exists()
    # Both versions show the same places: none left, so the next one waits.
    register(client, webinar, prefix="/fr", email="third@example.org")
    third = Registration.objects.get(email="third@example.org")
    assert (third.webinar_id, third.status) == (webinar.pk, RegistrationStatus.WAITLISTED)


def test_confirmation_and_invitation_use_the_registrants_language(client):
    webinar = WebinarFactory(title="Skills partnerships", summary="Two countries compare.")
    _french(webinar, **{"Skills partnerships": "Partenariats de compétences",
                        "Two countries compare.": "Deux pays comparent."})
    register(client, webinar, prefix="/fr", email="awa@example.org")
    message = mail.outbox[-1]
    assert "Partenariats de compétences" in message.subject
    html = message.alternatives[0][0]
    assert '<html lang="fr"' in html
    calendar = Calendar.from_ical(message.attachments[0][1])
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Partenariats de compétences"
    assert str(event["UID"]).startswith(f"webinar-{webinar.pk}@")
    register(Client(), webinar, email="kofi@example.org")
    assert "Skills partnerships" in mail.outbox[-1].subject


def test_listing_shows_each_webinar_once_in_the_visitors_language(client):
    translated = WebinarFactory(title="Recognising skills")
    _french(translated, **{"Recognising skills": "Reconnaître les compétences"})
    WebinarFactory(title="English only webinar")
    html = client.get("/fr/webinars/").content.decode()
    assert html.count("Reconnaître les compétences") == 1
    assert ">Recognising skills<" not in html
    assert "English only webinar" in html
    english = client.get("/webinars/").content.decode()
    assert "Recognising skills" in english and "Reconnaître" not in english


def test_listing_queries_do_not_grow_with_a_second_locale(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _number in range(3):
        WebinarFactory()
    client.get("/fr/webinars/")
    with CaptureQueriesContext(connection) as before:
        client.get("/fr/webinars/")
    for webinar in list(Webinar.objects.all()):
        _french(webinar, **{webinar.title: f"FR {webinar.title}"})
    for _number in range(3):
        WebinarFactory()
    client.get("/fr/webinars/")
    with CaptureQueriesContext(connection) as after:
        response = client.get("/fr/webinars/")
    assert response.content.decode().count("FR Webinar") == 3
    assert len(after.captured_queries) <= len(before.captured_queries)


def test_new_time_on_the_original_reaches_the_translation():
    webinar = WebinarFactory(title="Skills partnerships", capacity=50)
    add_agenda(webinar, [("Session 1", [("", 5, "Opening", [])], [])])
    french = _french(webinar, **{"Skills partnerships": "Partenariats de compétences"})
    webinar = Webinar.objects.get(pk=webinar.pk)
    webinar.start = webinar.start + timedelta(days=2)
    webinar.capacity = 80
    webinar.save_revision().publish()
    item = AgendaItem.objects.get(session__webinar=webinar)
    AgendaItem.objects.filter(pk=item.pk).update(duration_minutes=15)
    webinar.save_revision().publish()
    french = Webinar.objects.get(pk=french.pk)
    assert (french.start, french.capacity, french.title) == (
        webinar.start, 80, "Partenariats de compétences")
    assert AgendaItem.objects.get(session__webinar=french).duration_minutes == 15


def test_programme_round_trips_through_the_workflow_and_shows_what_changed():
    webinar = WebinarFactory(title="Skills partnerships")
    add_agenda(webinar, [("Session 1", [("", 5, "Opening", [])], [])])
    french = _french(webinar, **{"Skills partnerships": "Partenariats",
                                 "Session 1": "Séance 1", "Opening": "Ouverture"})
    assert AgendaSession.objects.get(webinar=french).title == "Séance 1"
    assert AgendaSession.objects.get(webinar=french).locale.language_code == "fr"
    translation = Translation.objects.get(source__object_id=webinar.translation_key)
    assert translation_missing(translation=translation) == [
        "A conversation on skills partnerships."]
    session = AgendaSession.objects.get(webinar=webinar)
    AgendaItem.objects.create(session=session, title="Closing", duration_minutes=5,
                              sort_order=2)
    translation_sync(instance=Webinar.objects.get(pk=webinar.pk))
    assert "Closing" in translation_missing(translation=translation)


def test_series_is_translatable_and_its_page_falls_back(client):
    series = SeriesFactory(title="Skills and Labour Migration")
    WebinarFactory(series=series)
    html = client.get(f"/fr/webinars/series/{series.slug}/").content.decode()
    assert NOTE_FR in html
    translation_publish(instance=series, language="fr", strings={
        "Skills and Labour Migration": "Compétences et migration de main-d'œuvre"})
    html = client.get(f"/fr/webinars/series/{series.slug}/").content.decode()
    assert "Compétences et migration de main-d&#x27;œuvre</h1>" in html
    assert NOTE_FR not in html
    assert client.get(f"/fr/webinars/series/{series.slug}/calendar.ics").status_code == 200


def test_sitemap_lists_each_webinar_version_with_alternates(client):
    webinar = WebinarFactory(title="Skills partnerships",
                             start=timezone.now() + timedelta(days=3))
    _french(webinar, **{"Skills partnerships": "Partenariats"})
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/fr/webinars/{webinar.slug}/</loc>" in xml
    assert f"<loc>http://testserver/webinars/{webinar.slug}/</loc>" in xml
    assert f'hreflang="fr" href="http://testserver/fr/webinars/{webinar.slug}/"' in xml


def test_speaker_title_and_bio_are_translated_and_used_by_the_french_programme(client):
    from tests.factories.webinars import SpeakerFactory

    speaker = SpeakerFactory(name="Acquillyne Mbaka", title="Skills Development Officer",
                             bio="Works on labour migration.")
    french_speaker = translation_publish(instance=speaker, language="fr", strings={
        "Skills Development Officer": "Chargée du développement des compétences",
        "Works on labour migration.": "Travaille sur la migration de main-d'œuvre."})
    assert (french_speaker.name, french_speaker.organisation) == (speaker.name,
                                                                  speaker.organisation)
    webinar = WebinarFactory(title="Skills partnerships")
    add_agenda(webinar, [("Session 1", [("", 10, "Kenya", [speaker])], [])])
    french = _french(webinar, **{"Skills partnerships": "Partenariats"})
    assert AgendaItem.objects.get(session__webinar=french).title == "Kenya"
    html = client.get(f"/fr/webinars/{webinar.slug}/").content.decode()
    assert "Chargée du développement des compétences" in html
    english = client.get(f"/webinars/{webinar.slug}/").content.decode()
    assert "Skills Development Officer" in english
