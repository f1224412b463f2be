"""The bell endpoint, the notifications page and the preferences, for each role."""

import pytest
from django.urls import reverse

from portal.members.models import Notification
from portal.members.notifications import notify
from portal.members.notifications.selectors import bell_state, preferences_of
from tests.factories.members import PASSWORD, member

pytestmark = pytest.mark.django_db
BELL = "/notifications/count.json"


def test_bell_refuses_visitors_with_a_reason(client):
    response = client.get(BELL)

    assert response.status_code == 401
    assert "error" in response.json()


def test_bell_answers_the_count_then_304_while_unchanged(client, django_assert_max_num_queries):
    alice = member()
    notify(recipient=alice, verb="follow.started", actor=member())
    client.force_login(alice)

    with django_assert_max_num_queries(2):
        first = client.get(BELL)
    assert first.status_code == 200 and first.json()["unread"] == 1

    with django_assert_max_num_queries(2):
        again = client.get(BELL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304

    notify(recipient=alice, verb="connection.requested", actor=member())
    changed = client.get(BELL, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed.json()["unread"] == 2


def test_bell_for_a_member_without_any_notification_is_zero(client):
    client.force_login(member())

    assert client.get(BELL).json() == {"unread": 0, "version": 0}


def test_bell_stops_answering_after_the_password_changed_elsewhere(client):
    alice = member()
    client.force_login(alice)
    alice.set_password("another-long-password-42")
    alice.save()

    assert client.get(BELL).status_code == 401


def test_page_lists_only_my_notifications_and_marks_them_seen(client, django_assert_max_num_queries):
    alice, bob = member(), member()
    for number in range(5):
        notify(recipient=alice, verb="connection.requested", actor=member(display_name=f"M{number}"),
               group_key=f"g{number}")
    notify(recipient=bob, verb="follow.started", actor=member(display_name="Secret"))
    client.force_login(alice)

    with django_assert_max_num_queries(16):
        response = client.get(reverse("notifications:index"))

    assert response.status_code == 200
    assert b"M4 asked to connect with you" in response.content
    assert b"Secret" not in response.content
    assert not Notification.objects.filter(recipient=alice, seen_at__isnull=True).exists()
    assert bell_state(alice.pk)[0] == 5  # seen is not read


def test_page_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    alice = member()
    for number in range(25):
        notify(recipient=alice, verb="follow.started", actor=member(), group_key=f"g{number}")
    client.force_login(alice)

    with django_assert_max_num_queries(16):
        client.get(reverse("notifications:index"))


def test_page_needs_login(client):
    response = client.get(reverse("notifications:index"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_opening_a_notification_marks_it_read_and_follows_its_link(client):
    alice = member()
    note = notify(recipient=alice, verb="follow.started", actor=member(), url="/members/")
    client.force_login(alice)

    response = client.get(reverse("notifications:open", args=[note.pk]))

    assert response.status_code == 302 and response["Location"] == "/members/"
    assert bell_state(alice.pk)[0] == 0


def test_opening_never_redirects_off_site(client):
    alice = member()
    note = notify(recipient=alice, verb="follow.started", actor=member(),
                  url="https://evil.example.com/")
    client.force_login(alice)

    response = client.get(reverse("notifications:open", args=[note.pk]))

    assert response["Location"] == reverse("notifications:index")


def test_another_members_notification_is_a_404(client):
    note = notify(recipient=member(), verb="follow.started", actor=member())
    client.force_login(member())

    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404


def test_mark_one_and_all_read(client):
    alice = member()
    first = notify(recipient=alice, verb="follow.started", actor=member(), group_key="a")
    notify(recipient=alice, verb="follow.started", actor=member(), group_key="b")
    notify(recipient=alice, verb="follow.started", actor=member(), group_key="c")
    client.force_login(alice)

    one = client.post(reverse("notifications:read"), {"id": first.pk},
                      headers={"Accept": "application/json"})
    assert one.json()["unread"] == 2
    client.post(reverse("notifications:read"))
    assert bell_state(alice.pk)[0] == 0


def test_mark_read_with_a_bad_id_is_a_400(client):
    client.force_login(member())

    assert client.post(reverse("notifications:read"), {"id": "x"}).status_code == 400


@pytest.mark.parametrize("number", ["²", "٣", "9" * 30])
def test_mark_read_with_a_number_no_database_holds_is_a_400(client, number):
    client.force_login(member())

    assert client.post(reverse("notifications:read"), {"id": number}).status_code == 400


def test_preferences_are_saved_and_bad_choices_rerender(client):
    alice = member()
    client.force_login(alice)
    url = reverse("notifications:preferences")

    bad = client.post(url, {"language": "fr", "kind_network": "hourly", "kind_messages": "never",
                            "kind_moderation": "never"})
    assert bad.status_code == 200 and bad.context["form"].errors

    from portal.members.notifications.verbs import emailed_kinds

    every_kind = {f"kind_{kind.key}": kind.default_frequency for kind in emailed_kinds()}
    client.post(url, {**every_kind, "language": "fr", "kind_network": "weekly",
                      "kind_messages": "never"})
    alice.profile.refresh_from_db()
    assert preferences_of(alice)["network"] == "weekly"
    assert alice.profile.language == "fr"


def test_header_bell_shows_the_count(client):
    alice = member()
    notify(recipient=alice, verb="follow.started", actor=member())
    client.force_login(alice)

    response = client.get(reverse("members:directory"))

    assert b'data-bell-url="/notifications/count.json"' in response.content
    assert b'data-bell-count>1</span>' in response.content


def test_login_with_password_then_bell(client):
    alice = member()
    assert client.login(username=alice.username, password=PASSWORD)

    assert client.get(BELL).status_code == 200


# Webinars use the centre ------------------------------------------------------------------

def test_webinar_registration_of_a_member_lands_in_the_centre():
    from portal.webinars import services as webinar_services
    from tests.factories.webinars import WebinarFactory

    alice = member()
    webinar = WebinarFactory(title="Skills partnerships")

    webinar_services.registration_create(webinar=webinar, email=alice.email, name="Alice",
                                         consent_privacy=True, user=alice)

    note = Notification.objects.get(recipient=alice)
    assert note.verb == "webinar.confirmed"
    assert note.url == webinar.get_absolute_url()


def test_webinar_registration_of_a_visitor_stores_nothing():
    from portal.webinars import services as webinar_services
    from tests.factories.webinars import WebinarFactory

    webinar_services.registration_create(webinar=WebinarFactory(), email="visitor@example.net",
                                         name="V", consent_privacy=True)

    assert not Notification.objects.exists()
