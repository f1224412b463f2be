"""Deleting an account leaves no personal data behind; the export holds all of it."""

import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.core.mail import render_email
from portal.core.models import FailedEmail
from portal.core.tasks import queue_email
from portal.webinars import services as webinar_services
from portal.webinars.models import AgendaItemSpeaker, Speaker
from tests.factories.members import PASSWORD, member
from tests.factories.webinars import SpeakerFactory, programme_webinar

pytestmark = pytest.mark.django_db


def _delete_account(client, user):
    client.force_login(user)
    response = client.post(reverse("members:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302


def test_deletion_removes_queued_and_failed_copies_of_the_members_mail(client, settings):
    user = member(display_name="Amina Diallo")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    queue_email(render_email(template="mail_check", context={"name": "Amina"}, to=[user.email]))
    queue_email(render_email(template="mail_check", context={"name": "B"},
                             to=["someone.else@example.org"]))
    message = render_email(template="mail_check", context={"name": "Amina"}, to=[user.email])
    FailedEmail.objects.create(subject="x", recipients=user.email, message=message, attempts=20,
                               first_attempt_at=timezone.now())

    _delete_account(client, user)

    remaining = [result.args_kwargs["kwargs"]["message"]["to"]
                 for result in DBTaskResult.objects.all()]
    assert remaining == [["someone.else@example.org"]]
    assert not FailedEmail.objects.exists()


def test_deletion_removes_the_members_sessions_on_every_device(client):
    user = member()
    other_device = Client()
    other_device.force_login(user)
    assert Session.objects.count() == 1

    _delete_account(client, user)

    assert Session.objects.count() == 0


def test_deletion_unnames_the_speaker_record_but_keeps_the_programme(client):
    user = member(display_name="Amina Diallo")
    webinar = programme_webinar()
    speaker = Speaker.objects.filter(agenda_items__item__session__webinar=webinar).first()
    speaker.member, speaker.bio = user, "Labour migration expert from Dakar."
    speaker.save()

    _delete_account(client, user)

    speaker.refresh_from_db()
    assert speaker.member_id is None
    assert speaker.name == "Former speaker" and speaker.bio == "" and speaker.organisation == ""
    assert webinar.sessions.exists()


def test_deletion_leaves_the_member_out_of_the_search_index(client):
    from wagtail.search.backends import get_search_backend

    from portal.members.models import Profile

    user = member(display_name="Zanele Unique-Searchname", visibility="public")
    index = get_search_backend().get_index_for_model(Profile)
    before = index.document_count()
    assert before >= 1

    _delete_account(client, user)

    assert index.document_count() == before - 1


def test_export_holds_name_speaker_roles_two_factor_and_calendar_feed(client):
    user = member(display_name="Amina Diallo")
    user.first_name, user.last_name = "Amina", "Diallo"
    user.save()
    speaker = SpeakerFactory(member=user, name="Amina Diallo")
    webinar = programme_webinar(title="Skills partnerships")
    item = webinar.sessions.first().items.first()
    AgendaItemSpeaker.objects.create(item=item, speaker=speaker)
    TOTP.activate(user, generate_totp_secret())
    token = webinar_services.feed_token_get_or_create(user=user).token
    client.force_login(user)

    data = json.loads(client.get(reverse("members:export")).content)

    assert data["account"]["name"] == "Amina Diallo"
    assert data["account"]["two_factor"]["enabled"] is True
    assert "secret" not in json.dumps(data["account"]["two_factor"]).lower()
    assert data["speaker_roles"][0]["spoke_at"] == ["Skills partnerships"]
    assert data["calendar_feed"]["address"].endswith(f"/webinars/feed/{token}.ics")


def test_export_lists_the_members_blocks_and_deletion_removes_them(client):
    from portal.members.models import Block
    from portal.members.network.services import block_create

    alice = member(display_name="Alice Export")
    pest, other = member(display_name="Pesky Pete"), member(display_name="Someone Else")
    block_create(blocker=alice, blocked=pest)
    block_create(blocker=other, blocked=alice)  # a block of her is not hers to export
    client.force_login(alice)

    data = json.loads(client.get(reverse("members:export")).content)

    assert data["network"]["blocked"] == ["Pesky Pete"]
    assert "Someone Else" not in json.dumps(data["network"])
    _delete_account(client, alice)
    assert not Block.objects.filter(blocker_id=alice.pk).exists()
    assert not Block.objects.filter(blocked_id=alice.pk).exists()
