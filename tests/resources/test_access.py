"""A visitor reaches no members-only page, document or title by any route."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from portal.resources.enums import Access
from portal.resources.models import DocumentDownloadCount
from portal.resources.selectors import resource_is_visible_to, resources_visible_to
from tests.factories.members import UserFactory, member
from tests.factories.resources import document, resource

pytestmark = pytest.mark.django_db
SECRET = "Confidential action plans"


@pytest.fixture
def secret_doc():
    return document(title="Action plan workbook", filename="action-plans.pdf",
                    content=b"%PDF-1.4\nmembers only\n")


@pytest.fixture
def secret(secret_doc):
    return resource(title=SECRET, access=Access.MEMBERS, themes=["social-dialogue"],
                    countries=["TD"], documents=[secret_doc], summary="Only for members.")


@pytest.fixture
def public():
    return resource(title="Open study", themes=["governance"], countries=["SN"])


def _invited(response) -> bool:
    html = response.content.decode()
    return (response.status_code == 403 and "This resource is for community members" in html
            and "/accounts/login/?next=" in html and "/accounts/signup/" in html)


# --- The page itself ----------------------------------------------------------------------

def test_visitor_gets_the_invitation_not_the_page(client, secret):
    response = client.get(secret.url)
    assert _invited(response)
    html = response.content.decode()
    assert SECRET not in html and "Only for members." not in html
    assert "Action plan workbook" not in html
    assert "no-cache" in response["Cache-Control"]


def test_visitor_gets_the_invitation_under_the_french_prefix_too(client, secret):
    response = client.get("/fr" + secret.url)
    assert response.status_code == 403
    assert SECRET not in response.content.decode()


def test_member_reads_the_members_only_page(client, secret):
    client.force_login(member())
    response = client.get(secret.url)
    assert response.status_code == 200
    assert SECRET in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_inactive_account_is_treated_as_a_visitor(client, secret):
    user = member()
    user.is_active = False
    user.save()
    client.force_login(user)
    assert client.get(secret.url).status_code == 403


# --- Documents ------------------------------------------------------------------------------

def test_visitor_cannot_download_through_the_library(client, secret, secret_doc):
    response = client.get(f"/resources/download/{secret_doc.pk}/")
    assert _invited(response)
    assert not DocumentDownloadCount.objects.filter(document=secret_doc).exists()


def test_visitor_cannot_download_through_wagtail_document_url(client, secret, secret_doc):
    response = client.get(secret_doc.url)
    assert secret_doc.url.startswith("/documents/")
    assert _invited(response)
    assert b"members only" not in response.content


def test_member_downloads_through_both_urls(client, secret, secret_doc):
    client.force_login(member())
    response = client.get(f"/resources/download/{secret_doc.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4\nmembers only\n"
    assert client.get(secret_doc.url).status_code == 200


def test_document_linked_only_in_a_members_only_body_is_protected(client):
    linked = document(filename="annex.pdf")
    resource(access=Access.MEMBERS,
             body=[("rich_text", f'<p><a linktype="document" id="{linked.pk}">Annex</a></p>')])
    assert client.get(linked.url).status_code == 403
    assert client.get(f"/resources/download/{linked.pk}/").status_code == 403


def test_document_shared_with_a_public_resource_stays_public(client, secret, secret_doc):
    resource(title="Public twin", documents=[secret_doc])
    assert client.get(f"/resources/download/{secret_doc.pk}/").status_code == 200
    assert client.get(secret_doc.url).status_code == 200


def test_documents_of_unpublished_resources_are_not_found(client):
    draft_doc = document()
    resource(live=False, documents=[draft_doc])
    assert client.get(draft_doc.url).status_code == 404
    assert client.get(f"/resources/download/{draft_doc.pk}/").status_code == 404
    client.force_login(member())
    assert client.get(draft_doc.url).status_code == 404


def test_editors_open_documents_of_drafts_they_preview(client):
    draft_doc = document()
    resource(live=False, documents=[draft_doc])
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(f"/resources/download/{draft_doc.pk}/").status_code == 200


def test_documents_outside_the_library_are_left_to_wagtail(client):
    loose = document()
    assert client.get(loose.url).status_code == 200
    assert client.get(f"/resources/download/{loose.pk}/").status_code == 404
    assert client.get("/resources/download/999999/").status_code == 404


# --- Lists, counts, feeds, sitemap, related, search ---------------------------------------

def test_listing_hides_title_and_counts_from_visitors(client, secret, public):
    html = client.get("/resources/").content.decode()
    assert SECRET not in html
    assert "1 resource" in html
    assert "Social dialogue" not in html  # the secret resource's only theme
    assert "Chad" not in html             # and its only country
    assert "Members only" not in html


def test_listing_filtered_to_the_secret_facets_shows_nothing_to_visitors(client, secret, public):
    html = client.get("/resources/?theme=social-dialogue&country=TD&type=report").content.decode()
    assert SECRET not in html
    assert "0 resources" in html


def test_member_listing_counts_members_only_resources(client, secret, public):
    client.force_login(member())
    html = client.get("/resources/").content.decode()
    assert SECRET in html and "2 resources" in html and "Members only" in html


@pytest.mark.parametrize("feed", ["rss", "atom"])
def test_feeds_never_carry_members_only_resources(client, secret, public, feed):
    client.force_login(member())  # even a member's feed reader gets public items only
    body = client.get(f"/resources/feed/{feed}/").content.decode()
    assert "Open study" in body
    assert SECRET not in body
    themed = client.get(f"/resources/feed/{feed}/?theme=social-dialogue").content.decode()
    assert SECRET not in themed


def test_sitemap_leaves_out_members_only_resources(client, secret, public):
    body = client.get("/sitemap.xml").content.decode()
    assert public.url in body
    assert secret.url not in body


def test_related_lists_hide_members_only_resources_from_visitors(client, secret):
    page = resource(title="Pointing page", themes=["social-dialogue"], countries=["TD"],
                    related=[secret])
    html = client.get(page.url).content.decode()
    assert SECRET not in html
    client.force_login(member())
    assert SECRET in client.get(page.url).content.decode()


def test_suggested_related_resources_hide_members_only_ones(client, secret):
    page = resource(title="Neighbour", themes=["social-dialogue"], countries=["TD"])
    assert SECRET not in client.get(page.url).content.decode()


def test_home_page_hides_members_only_titles(client, secret):
    assert SECRET not in client.get("/").content.decode()


def test_search_selector_excludes_members_only_for_visitors(secret, public):
    visitor = AnonymousUser()
    assert list(resources_visible_to(visitor)) == [public]
    assert not resource_is_visible_to(visitor, secret)
    assert resource_is_visible_to(member(), secret)


def test_site_search_through_the_selector_hides_members_only_titles(secret, public):
    found = resources_visible_to(AnonymousUser()).search("action plans")
    assert SECRET not in [page.title for page in found]
    found_by_member = resources_visible_to(member()).search("confidential")
    assert SECRET in [page.title for page in found_by_member]


def test_unpublished_resources_are_hidden_from_everyone(client):
    draft = resource(title="Draft study", live=False)
    client.force_login(member())
    assert "Draft study" not in client.get("/resources/").content.decode()
    assert not resources_visible_to(member()).filter(pk=draft.pk).exists()


def test_wagtail_privacy_lock_on_a_resource_also_hides_it_from_lists(client, public):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=public, restriction_type=PageViewRestriction.LOGIN)
    assert "Open study" not in client.get("/resources/").content.decode()
    assert not resource_is_visible_to(AnonymousUser(), public)
    assert resource_is_visible_to(member(), public)
