"""Editors manage search synonyms as a snippet in the Wagtail admin."""

from django.urls import reverse

from portal.search.models import SynonymGroup
from portal.search.seed_synonyms import SYNONYM_GROUPS
from tests.factories.members import UserFactory


def test_synonyms_are_seeded_in_english_and_french(db):
    terms = {term for group in SynonymGroup.objects.all() for term in group.term_list}
    assert {"RPL", "recognition of prior learning", "validation des acquis", "TVET",
            "formation professionnelle", "labor", "labour", "programme", "program"} <= terms
    assert SynonymGroup.objects.count() == len(SYNONYM_GROUPS)


def test_editor_adds_a_synonym_group_in_the_admin(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    add_url = reverse("wagtailsnippets_portal_search_synonymgroup:add")

    response = client.post(add_url, {"terms": "NQF\nqualifications framework"})

    assert response.status_code == 302
    assert SynonymGroup.objects.filter(terms="NQF\nqualifications framework").exists()
    listing = client.get(reverse("wagtailsnippets_portal_search_synonymgroup:list"))
    assert "NQF = qualifications framework" in listing.content.decode()


def test_a_group_with_one_term_is_refused_with_a_reason(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    add_url = reverse("wagtailsnippets_portal_search_synonymgroup:add")

    response = client.post(add_url, {"terms": "lonely"})

    assert response.status_code == 200
    assert "Give at least two terms" in response.content.decode()
