import pytest
from django.urls import reverse

from portal.goodpractices.integration import erase_member, export_member
from portal.goodpractices.models import Vote
from portal.members.activity import recent_activity
from tests.factories.goodpractices import call, submission

pytestmark = pytest.mark.django_db


def test_site_search_finds_practices_and_calls(client):
    from portal.goodpractices.demo import load
    from tests.factories.resources import home_page

    home_page()
    load(lambda text: None)
    html = client.get(reverse("search:index"), {"q": "Burkina"}).content.decode()
    assert "Burkina Faso and Mali" in html
    html = client.get(reverse("search:index"), {"q": "Abuja"}).content.decode()
    assert "West Africa and Sahel 2019" in html


def test_menu_has_good_practices_entry(client):
    from tests.factories.goodpractices import calls_index

    calls_index().get_parent().save_revision().publish()
    html = client.get("/").content.decode()
    assert 'href="/good-practices/"' in html


def test_profile_activity_shows_only_public_non_blind_entries():
    page = call(phase="voting", blind_review=False)
    shown = submission(call_page=page, status="shortlisted", title="Visible idea")
    submission(call_page=page, author=shown.author, status="submitted", title="Hidden")
    blind = call(phase="voting", blind_review=True)
    submission(call_page=blind, author=shown.author, status="shortlisted", title="Blind")
    titles = [item.title for item in recent_activity(profile=shown.author.profile,
                                                     viewer=None)]
    assert titles == ["Visible idea"]


def test_export_and_erasure_of_a_member():
    page = call(phase="voting")
    sub = submission(call_page=page, status="shortlisted", title="Mine")
    Vote.objects.create(call=page, submission=sub, voter=sub.author)
    data = export_member(sub.author)
    assert data["submissions"][0]["title"] == "Mine" and data["votes"] == ["Mine"]
    erase_member(sub.author)
    assert not Vote.objects.filter(voter=sub.author).exists()
