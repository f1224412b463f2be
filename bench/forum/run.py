"""Throughput of the forum's lists at 10,000 topics and of a topic page in a topic of
1,000 posts, for a visitor and a member, next to a bare Django view.

    .venv/bin/python bench/forum/run.py [--seconds 5] [--clients 4] [--topics 10000]

Builds a throwaway SQLite database (migrations, 50 members, five categories, the topics
with stored counters as the services keep them, one topic with 1,000 posts, and reading
positions for the member in a tenth of the topics), then serves it with the webinar
benchmark's threaded WSGI server in a separate process and lets client threads request
each address for a fixed time (the members benchmark's client).
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import hammer, print_ratio_table, served, session_cookie  # noqa: E402


def build_database(topics: int, posts_in_big_topic: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from portal.forum.models import Category, Post, Topic, TopicUser
    from portal.members.models import Profile

    User = get_user_model()
    now = timezone.now()
    users = [User(username=f"m{n}", email=f"m{n}@example.org", password="!",
                  date_joined=now - timedelta(days=400)) for n in range(50)]
    User.objects.bulk_create(users)
    users = list(User.objects.order_by("pk"))
    Profile.objects.bulk_create([Profile(user=user, display_name=f"Member {n:02d}")
                                 for n, user in enumerate(users)])
    categories = [Category.objects.create(name=f"Category {n}", slug=f"category-{n}",
                                          colour="#1f4e79", order=n) for n in range(5)]
    made = Topic.objects.bulk_create([Topic(
        category=categories[n % 5], title=f"Skills partnership question {n}", slug=f"q-{n}",
        author=users[n % 50], created_at=now - timedelta(minutes=n),
        last_post_at=now - timedelta(minutes=n), last_poster=users[(n + 1) % 50],
        highest_post_number=3, post_count=3, first_post_body="How do you recognise skills?")
        for n in range(topics)], batch_size=2000)
    Post.objects.bulk_create([Post(topic=topic, number=number, author=users[(i + number) % 50],
                                   body=f"Post {number} of topic {i}",
                                   created_at=topic.created_at)
                              for i, topic in enumerate(made) for number in (1, 2, 3)],
                             batch_size=5000)
    big = made[0]
    Post.objects.bulk_create([Post(
        topic=big, number=number, author=users[number % 50],
        body=f"Reply {number}: in our country, **recognition of prior learning** works through "
             "assessment centres run with employers.\n\n> A quoted line\n\n- one\n- two",
        created_at=now - timedelta(minutes=posts_in_big_topic - number))
        for number in range(4, posts_in_big_topic + 1)], batch_size=5000)
    Topic.objects.filter(pk=big.pk).update(highest_post_number=posts_in_big_topic,
                                           post_count=posts_in_big_topic)
    for category in categories:
        Category.objects.filter(pk=category.pk).update(
            topic_count=topics // 5, post_count=3 * topics // 5, last_post_at=now)
    me = users[0]
    TopicUser.objects.bulk_create([TopicUser(user=me, topic=topic, last_read_number=1, level=2)
                                   for topic in made[::10]], batch_size=2000)
    cookie = session_cookie(me)
    from django.db import connections

    connections.close_all()
    return {"cookie": cookie,
            "big": f"/forum/t/{big.slug}/{big.pk}/"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=1000)
    options = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="portal-bench-forum-")
    os.environ["PORTAL_TEST_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.members.settings"
    print(f"Building {options.topics} topics and a topic of {options.posts} posts "
          f"in {var_dir} ...", flush=True)
    began = time.monotonic()
    built = build_database(options.topics, options.posts)
    print(f"Built in {time.monotonic() - began:.0f} s.", flush=True)
    cookie = {"Cookie": built["cookie"]}
    big = built["big"]
    last_page = (options.posts + 19) // 20

    with served() as port:
        # Each group is measured against a bare view through the same middleware with the
        # same cookies: a member's request costs the session and account lookups anyway.
        visitor_targets = [
            ("bare Django view, visitor", "/bench/bare/", {}),
            ("categories, visitor", "/forum/", {}),
            (f"latest ({options.topics}), visitor, p. 1", "/forum/latest/", {}),
            (f"latest ({options.topics}), visitor, p. 300", "/forum/latest/?page=300", {}),
            (f"topic ({options.posts} posts), visitor, p. 1", big, {}),
            (f"topic ({options.posts} posts), visitor, p. {last_page}",
             f"{big}?page={last_page}", {}),
        ]
        member_targets = [
            ("bare Django view, member", "/bench/bare/", cookie),
            (f"latest ({options.topics}), member, p. 1", "/forum/latest/", cookie),
            ("category, member, p. 1", "/forum/c/category-1/", cookie),
            ("unread, member", "/forum/unread/", cookie),
            (f"topic ({options.posts} posts), member, p. {last_page}",
             f"{big}?page={last_page}", cookie),
        ]
        for _label, path, headers in visitor_targets + member_targets:  # warm up
            hammer(port, path, 0.5, 1, headers)
        groups = [[(label, hammer(port, path, options.seconds, options.clients, headers))
                   for label, path, headers in targets]
                  for targets in (visitor_targets, member_targets)]
    for results in groups:
        print_ratio_table(results, clients=options.clients, seconds=options.seconds)

if __name__ == "__main__":
    main()
