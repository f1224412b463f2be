"""The @mention autocomplete: members only, what the author may see, limited, constant
queries; a mention still notifies."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.members.network.services import block_create
from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [row["name"] for row in response.json()["results"]]


def test_visitor_gets_a_403_with_a_reason(client):
    response = client.get(reverse("forum:mentions"), {"q": "fa"})
    assert response.status_code == 403 and response.json()["error"]


def test_member_finds_visible_members_by_name_or_user_name(client):
    author = f.established(display_name="Aminata Author")
    f.established(display_name="Fatou Diallo", visibility="members")
    f.established(display_name="Fatima Hidden", visibility="hidden")
    by_handle = f.established(display_name="Zoe Handle")
    login(client, author)
    assert _names(client.get(reverse("forum:mentions"), {"q": "fat"})) == ["Fatou Diallo"]
    handle = client.get(reverse("forum:mentions"), {"q": "@" + by_handle.username[:4]})
    assert "Zoe Handle" in _names(handle)
    assert _names(client.get(reverse("forum:mentions"), {"q": "amin"})) == []  # not oneself
    assert _names(client.get(reverse("forum:mentions"), {"q": ""})) == []


def test_blocks_either_way_hide_members(client):
    author = f.established(display_name="Author")
    blocked = f.established(display_name="Moussa Blocked")
    blocker = f.established(display_name="Moussa Blocker")
    f.established(display_name="Moussa Friend")
    block_create(blocker=author, blocked=blocked)
    block_create(blocker=blocker, blocked=author)
    login(client, author)
    assert _names(client.get(reverse("forum:mentions"), {"q": "moussa"})) == ["Moussa Friend"]


def test_restricted_category_suggests_only_its_readers(client):
    insiders = Group.objects.create(name="Insiders")
    room = f.category(read_group=insiders)
    author, inside = f.established(display_name="Author"), f.established(display_name="Kofi In")
    f.established(display_name="Kofi Out")
    author.groups.add(insiders)
    inside.groups.add(insiders)
    login(client, author)
    everywhere = client.get(reverse("forum:mentions"), {"q": "kofi"})
    assert _names(everywhere) == ["Kofi In", "Kofi Out"]
    in_room = client.get(reverse("forum:mentions"), {"q": "kofi", "category": room.slug})
    assert _names(in_room) == ["Kofi In"]
    client.logout()
    login(client, f.established())
    refused = client.get(reverse("forum:mentions"), {"q": "kofi", "category": room.slug})
    assert refused.status_code == 404


@pytest.mark.parametrize("rows", [1, 30])
def test_suggestions_are_limited_and_cost_constant_queries(client, django_assert_max_num_queries,
                                                           rows):
    for index in range(rows):
        f.established(display_name=f"Ngozi {index:02d}")
    login(client, f.established(display_name="Author"))
    client.get(reverse("forum:mentions"), {"q": "ng"})
    with django_assert_max_num_queries(6):
        response = client.get(reverse("forum:mentions"), {"q": "ng"})
    assert len(_names(response)) == min(rows, 8)


def test_message_boxes_carry_the_autocomplete(client):
    topic = f.topic()
    login(client, f.established())
    page = client.get(topic.get_absolute_url())
    assert f'data-mention-url="{reverse("forum:mentions")}"' in page.text
    assert f'data-mention-category="{topic.category.slug}"' in page.text
    assert "js/mentions" in page.text


def test_a_mention_still_notifies():
    from portal.forum import services
    from portal.members.notifications.models import Notification

    mentioned = f.established(display_name="Ama Mentioned", visibility="members")
    topic = f.topic()
    services.post_create(author=f.established(), topic=topic,
                         body=f"What do you think, @{mentioned.username}?", check_rate=False)
    assert Notification.objects.filter(recipient=mentioned, verb="forum.mention").exists()
