import datetime

import pytest

from portal.resources.enums import Access, ResourceType
from tests.factories.members import member
from tests.factories.resources import document, library, resource

pytestmark = pytest.mark.django_db


def test_library_lists_resources_with_facets(client):
    resource(title="Skills partnerships brief", themes=["governance"], countries=["SN"],
             resource_type=ResourceType.POLICY_BRIEF)
    response = client.get("/resources/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skills partnerships brief" in html
    assert "Labour migration governance" in html
    assert "Senegal" in html
    assert "Policy brief" in html


def test_resource_page_shows_metadata_and_documents(client):
    doc = document(title="Full text", filename="full-text.pdf", content=b"x" * 3000)
    page = resource(title="Country study: Ghana", documents=[doc], countries=["GH"],
                    authors=["Ama Owusu"], organisations="ILO\nGIZ",
                    resource_type=ResourceType.COUNTRY_STUDY)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Full text" in html
    assert "PDF" in html
    assert "2.9\xa0KB" in html
    assert f"/resources/download/{doc.pk}/" in html
    assert "Ama Owusu" in html
    assert "GIZ" in html
    assert "Ghana" in html


def _make_resources(count: int, *, start: int = 0) -> None:
    themes = ["governance", "guidance", "prior-learning"]
    countries = ["SN", "GH", "CM", "NG"]
    for number in range(start, start + count):
        resource(title=f"Study {number:03d}", themes=[themes[number % 3]],
                 countries=[countries[number % 4], countries[(number + 1) % 4]],
                 languages=["en"], documents=[document()],
                 access=Access.MEMBERS if number % 5 == 0 else Access.PUBLIC,
                 publication_date=datetime.date(2015 + number % 8, 1, 1),
                 authors=[f"Author {number}"])


LIBRARY_QUERIES = ["", "?theme=governance&country=SN&sort=downloads",
                   "?region=west&year=2016&year=2017&sort=title&page=2&q=study"]


@pytest.mark.parametrize("as_member", [False, True])
def test_library_queries_do_not_grow_with_resources(client, django_assert_max_num_queries,
                                                    as_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if as_member:
        client.force_login(member())
    _make_resources(8)
    with_few = {}
    for query in LIBRARY_QUERIES:
        client.get("/resources/" + query)  # warm caches (site root paths, content types)
        connection.queries_log.clear()  # a full log (9,000 entries) would hide new queries
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/resources/" + query).status_code == 200
        with_few[query] = len(captured.captured_queries)
        assert with_few[query] > 5

    _make_resources(16, start=8)
    for query in LIBRARY_QUERIES:
        client.get("/resources/" + query)
        connection.queries_log.clear()
        with django_assert_max_num_queries(with_few[query]):
            response = client.get("/resources/" + query)
        assert response.status_code == 200


def test_facet_links_toggle_values_and_mark_the_selected(client):
    resource(title="Senegal study", countries=["SN"], themes=["governance"])
    resource(title="Ghana study", countries=["GH"], themes=["governance"])
    html = client.get("/resources/?country=SN").content.decode()
    assert 'href="?country=SN&amp;country=GH"' in html
    assert 'href="?" aria-current="true"' in html  # clicking Senegal again removes it
    assert "Senegal study" in html and "Ghana study" not in html
    assert "Clear country" in html


def test_sort_form_keeps_the_current_filters(client):
    resource(themes=["governance"])
    html = client.get("/resources/?theme=governance&sort=title").content.decode()
    assert '<input type="hidden" name="theme" value="governance">' in html
    assert '<option value="title" selected>' in html


def test_pagination_links_keep_filters(client):
    for number in range(21):
        resource(title=f"Paged {number}", themes=["governance"])
    html = client.get("/resources/?theme=governance").content.decode()
    assert "?page=2&amp;theme=governance" in html
    second = client.get("/resources/?theme=governance&page=2").content.decode()
    assert second.count('class="resource-item"') == 1


def test_library_answers_bad_input_without_errors(client):
    resource()
    for query in ["?page=abc", "?page=999", "?year=abc", "?sort=%00", "?type=x&region=y",
                  "?theme=nonexistent", "?q=" + "x" * 500]:
        assert client.get("/resources/" + query).status_code == 200


def test_library_rejects_posts(client):
    library()
    assert client.post("/resources/").status_code == 405


def test_empty_library_says_so(client):
    library()
    html = client.get("/resources/?theme=guidance").content.decode()
    assert "No resources match these filters." in html


def test_library_is_in_the_main_navigation(client):
    library()
    html = client.get("/resources/").content.decode()
    assert '<a href="/resources/" aria-current="page">Resources</a>' in html


def test_home_page_lists_latest_resources_visible_to_the_viewer(client):
    resource(title="Open brief", publication_date=datetime.date(2024, 1, 1))
    resource(title="Closed brief", access=Access.MEMBERS,
             publication_date=datetime.date(2024, 2, 1))
    html = client.get("/").content.decode()
    assert "Latest resources" in html and "Open brief" in html
    assert "Closed brief" not in html
    client.force_login(member())
    assert "Closed brief" in client.get("/").content.decode()


def test_related_webinars_hook_renders_registered_backlinks(client):
    from portal.resources.links import register_backlink_provider, unregister_backlink_provider

    page = resource(title="Concept note")

    def provider(resource_page, request):
        if resource_page.pk == page.pk:
            return [("Skills Partnerships on Labour Migration", "/webinars/skills/")]
        return []

    register_backlink_provider("test-webinars", provider)
    try:
        html = client.get(page.url).content.decode()
    finally:
        unregister_backlink_provider("test-webinars")
    assert "Part of these webinars" in html
    assert '<a href="/webinars/skills/">Skills Partnerships on Labour Migration</a>' in html


def test_body_blocks_render(client):
    doc = document(title="Annex", filename="annex.docx")
    page = resource(body=[
        ("rich_text", "<p>Opening paragraph.</p>"),
        ("quote", {"quote": "Skills travel with people.", "attribution": "A delegate"}),
        ("callout", {"tone": "key", "title": "Key message", "text": "<p>Invest in skills.</p>"}),
        ("document", {"document": doc, "label": ""}),
    ])
    html = client.get(page.url).content.decode()
    assert "Opening paragraph." in html
    assert "Skills travel with people." in html and "A delegate" in html
    assert "Key message" in html and "Invest in skills." in html
    assert f"/resources/download/{doc.pk}/" in html and "DOCX" in html


def test_youtube_embeds_use_the_privacy_enhanced_host():
    from portal.resources.templatetags.resources_tags import privacy_enhanced_embed

    html = '<iframe src="https://www.youtube.com/embed/abc" title="Recording"></iframe>'
    assert "https://www.youtube-nocookie.com/embed/abc" in privacy_enhanced_embed(html)


def _queries(client, url, django_assert_max_num_queries=None, limit=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    connection.queries_log.clear()
    if limit is None:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200
    return limit


def test_feed_queries_do_not_grow_with_items(client, django_assert_max_num_queries):
    _make_resources(5)
    few = _queries(client, "/resources/feed/rss/")
    _make_resources(10, start=5)
    _queries(client, "/resources/feed/rss/", django_assert_max_num_queries, few)


def test_resource_page_queries_do_not_grow_with_documents_and_related(
        client, django_assert_max_num_queries):
    neighbours = [resource(themes=["governance"], countries=["SN"]) for _ in range(2)]
    page = resource(themes=["governance"], countries=["SN"], related=neighbours,
                    documents=[document() for _ in range(2)], authors=["One", "Two"])
    few = _queries(client, page.url)

    neighbours += [resource(themes=["governance"], countries=["SN"]) for _ in range(4)]
    page.attachments = [*page.attachments.all(),
                        *[page.attachments.model(document=document()) for _ in range(4)]]
    page.related_choices = [page.related_choices.model(resource=other) for other in neighbours]
    page.save_revision().publish()
    _queries(client, page.url, django_assert_max_num_queries, few)


def test_home_page_queries_do_not_grow_with_resources(client, django_assert_max_num_queries):
    _make_resources(3)
    few = _queries(client, "/")
    _make_resources(6, start=3)
    _queries(client, "/", django_assert_max_num_queries, few)
