"""Links to the portal's own webinars and resources, on a line of their own in a post,
show as small cards: plain text, what the reader may see, one lookup per kind per page."""

import pytest

from portal.forum import services
from tests.factories import forum as f
from tests.factories.resources import resource
from tests.factories.webinars import WebinarFactory

pytestmark = pytest.mark.django_db


def _reply(topic, body):
    return services.post_create(author=f.established(), topic=topic, body=body, check_rate=False)


def test_webinar_and_resource_links_become_cards(client):
    webinar = WebinarFactory(title="Skills Partnerships on Labour Migration")
    page = resource(title="Guide to skills partnerships")
    topic = f.topic(body=f"See the webinar:\n\nhttp://testserver{webinar.get_absolute_url()}\n")
    _reply(topic, f"And the guide\n\n{page.url}\n\nInline {page.url} stays a plain link.")
    text = client.get(topic.get_absolute_url()).text
    assert 'class="portal-cards"' in text
    assert "Skills Partnerships on Labour Migration</a>" in text
    assert "Guide to skills partnerships</a>" in text
    assert "Webinar" in text and "1 Jan 2024" in text


def test_foreign_hosts_unknown_addresses_and_html_give_no_card(client):
    webinar = WebinarFactory(title="Real webinar")
    topic = f.topic(body="\n\n".join([
        f"https://elsewhere.example{webinar.get_absolute_url()}",
        "/forum/no-such-place/",
        "javascript:alert(1)",
    ]))
    text = client.get(topic.get_absolute_url()).text
    assert 'class="portal-cards"' not in text


def test_card_titles_are_escaped(client):
    webinar = WebinarFactory(title="<b>Bold</b> & co")
    topic = f.topic(body=webinar.get_absolute_url())
    text = client.get(topic.get_absolute_url()).text
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co</a>" in text


def test_members_only_webinar_card_only_for_members(client):
    from tests.factories.members import PASSWORD

    webinar = WebinarFactory(title="Closed-door briefing", is_members_only=True)
    topic = f.topic(body=webinar.get_absolute_url())
    assert "Closed-door briefing</a>" not in client.get(topic.get_absolute_url()).text
    member = f.established()
    client.login(username=member.username, password=PASSWORD)
    assert "Closed-door briefing</a>" in client.get(topic.get_absolute_url()).text


@pytest.mark.parametrize("rows", [1, 15])
def test_cards_cost_constant_queries(client, django_assert_max_num_queries, rows):
    topic = f.topic()
    repliers = [f.established() for _index in range(2)]
    for index in range(rows):
        webinar = WebinarFactory(title=f"Webinar {index}")
        page = resource(title=f"Resource {index}")
        services.post_create(author=repliers[index % 2], topic=topic, check_rate=False,
                             body=f"{webinar.get_absolute_url()}\n\n{page.url}")
    client.get(topic.get_absolute_url())
    with django_assert_max_num_queries(20):
        response = client.get(topic.get_absolute_url())
    assert response.text.count('class="portal-card"') == 2 * rows
