"""Throughput of the member directory (10,000 members) and of a member's conversation list
(1,000 conversations), with the notification bell, next to a bare Django view.

    .venv/bin/python bench/members/run.py [--seconds 5] [--clients 4] [--members 10000]

Builds a throwaway SQLite database (migrations, the members with themes and countries,
one member in 1,000 conversations with unread messages and notifications), fills the
Whoosh index, starts Django's threaded WSGI server in a separate process (the webinar
benchmark's server script) and lets client threads request each address for a fixed time.
"""

import argparse
import http.client
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import hammer, print_ratio_table, served, session_cookie  # noqa: E402


def build_database(members: int, conversations: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from portal.core.models import Country, Theme
    from portal.members.messaging.models import Conversation, Message, Participant
    from portal.members.models import Profile
    from portal.members.network.models import Connection
    from portal.members.notifications.models import Notification, NotificationInbox

    User = get_user_model()
    now = timezone.now()
    countries = list(Country.objects.all())
    themes = list(Theme.objects.all())
    visibilities = ["public", "public", "members", "hidden"]
    users = [User(username=f"m{n}", email=f"m{n}@example.org", first_name="Member",
                  last_name=str(n), password="!", date_joined=now - timedelta(minutes=n),
                  last_login=now - timedelta(hours=n % 500)) for n in range(members)]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.order_by("pk"))
    Profile.objects.bulk_create([Profile(
        user=user, display_name=f"Member {n:05d}", organisation=f"Organisation {n % 300}",
        job_title="Labour migration officer" if n % 3 else "Researcher on skills partnerships",
        country=countries[n % len(countries)], visibility=visibilities[n % 4],
        bio="Works on recognition of skills and bilateral labour agreements.")
        for n, user in enumerate(users)], batch_size=1000)
    through = Profile.themes.through
    profiles = list(Profile.objects.order_by("pk").values_list("pk", flat=True))
    through.objects.bulk_create([through(profile_id=pk, theme_id=themes[n % len(themes)].pk)
                                 for n, pk in enumerate(profiles)], batch_size=2000)

    me = users[0]
    me.set_password("bench")
    me.save()
    others = users[1:conversations + 1]
    Connection.objects.bulk_create([Connection(
        requester=me, addressee=other, user_low_id=min(me.pk, other.pk),
        user_high_id=max(me.pk, other.pk), status="accepted", accepted_at=now)
        for other in others], batch_size=1000)
    made = Conversation.objects.bulk_create([Conversation(
        subject=f"Conversation {n}", created_by=other, last_message_at=now - timedelta(minutes=n),
        last_sender=other, last_preview="Shall we compare notes on the agreement?")
        for n, other in enumerate(others)], batch_size=1000)
    Participant.objects.bulk_create(
        [Participant(conversation=c, user=me, unread=n % 3) for n, c in enumerate(made)]
        + [Participant(conversation=c, user=other, last_read_at=now)
           for c, other in zip(made, others, strict=True)], batch_size=2000)
    Message.objects.bulk_create([Message(conversation=c, sender=other, created_at=now,
                                         body="Shall we compare notes on the agreement?")
                                 for c, other in zip(made, others, strict=True)], batch_size=2000)
    Notification.objects.bulk_create([Notification(
        recipient=me, verb="message.received", kind="messages", actor=other,
        url=f"/messages/{c.pk}/", title=c.subject, created_at=now, updated_at=now)
        for c, other in zip(made, others, strict=True)], batch_size=2000)
    NotificationInbox.objects.create(user=me, unread=len(made), version=1)

    cookie = session_cookie(me)
    call_command("search_rebuild", verbosity=0)
    from django.db import connections

    connections.close_all()
    return {"cookie": cookie}


def bell_etag(port: int, cookie: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/notifications/count.json", headers={"Cookie": cookie})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.getheader("ETag") or ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--conversations", type=int, default=1000)
    options = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="portal-bench-members-")
    os.environ["PORTAL_TEST_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.members.settings"
    print(f"Building {options.members} members and {options.conversations} conversations "
          f"in {var_dir} ...", flush=True)
    began = time.monotonic()
    built = build_database(options.members, options.conversations)
    print(f"Built in {time.monotonic() - began:.0f} s.", flush=True)
    cookie = {"Cookie": built["cookie"]}

    with served() as port:
        etag = bell_etag(port, built["cookie"])
        targets = [
            ("bare Django view", "/bench/bare/", {}, 200),
            ("directory, visitor, page 1", "/members/", {}, 200),
            ("directory, visitor, page 100", "/members/?page=100", {}, 200),
            ("directory, member, page 1", "/members/", cookie, 200),
            ("directory, member, country + sort", "/members/?country=KE&sort=active", cookie, 200),
            ("directory, member, free text", "/members/?q=skills+partnerships", cookie, 200),
            (f"conversation list ({options.conversations}), p. 1", "/messages/", cookie, 200),
            (f"conversation list ({options.conversations}), p. 40", "/messages/?page=40",
             cookie, 200),
            ("bell, count changed (200)", "/notifications/count.json", cookie, 200),
            ("bell, unchanged (304)", "/notifications/count.json",
             {**cookie, "If-None-Match": etag}, 304),
        ]
        for _label, path, headers, expect in targets:  # warm up
            hammer(port, path, 0.5, 1, headers, expect)
        results = [(label, hammer(port, path, options.seconds, options.clients, headers, expect))
                   for label, path, headers, expect in targets]
    print_ratio_table(results, clients=options.clients, seconds=options.seconds)


if __name__ == "__main__":
    main()
