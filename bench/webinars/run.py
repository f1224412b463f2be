"""Throughput of the webinar page and of the all-webinars feed (1,000 webinars), next to a
bare Django view on the same server.

    .venv/bin/python bench/webinars/run.py [--seconds 5] [--clients 4]

Builds a throwaway SQLite database (migrations, 1,000 published webinars, one of them with
a full three-session agenda and registrations), starts Django's threaded WSGI server in a
separate process on 127.0.0.1, then lets several client threads request each address in
turn for a fixed time and prints requests per second with the ratio to the bare view.
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

from bench.common import hammer, print_ratio_table, served  # noqa: E402


def build_database(count: int) -> str:
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    from wagtail.models import Locale

    from portal.core.models import Country, Theme
    from portal.webinars.models import (
        AgendaItem,
        AgendaItemSpeaker,
        AgendaSession,
        Registration,
        SessionModerator,
        Speaker,
        Webinar,
        WebinarSeries,
    )

    series = WebinarSeries.objects.create(title="Skills and Labour Migration", slug="series")
    locale = Locale.get_default()  # bulk_create skips the save that would set it
    now = timezone.now().replace(second=0, microsecond=0)
    webinars = []
    for index in range(count):
        start = now + timedelta(days=index - count // 2, hours=index % 5)
        webinars.append(Webinar(
            title=f"Skills partnerships, part {index + 1}", slug=f"webinar-{index + 1}",
            summary="How skills partnerships make labour migration work for everyone.",
            introduction="<p>Background of the session.</p>", start=start,
            end_at=start + timedelta(minutes=60), duration_minutes=60,
            timezone="Africa/Johannesburg", display_timezones="Africa/Nairobi",
            series=series, live=True, capacity=100, sequence=index % 3,
            join_url="https://meet.example.org/j/1", locale=locale))
    Webinar.objects.bulk_create(webinars, batch_size=500)
    theme = Theme.objects.first()
    for webinar in Webinar.objects.all():
        webinar.themes.add(theme)
    Webinar.themes.through.objects.count()
    detail = Webinar.objects.get(slug=f"webinar-{count // 2 + 10}")
    speakers = [Speaker.objects.create(name=f"Speaker {n}", title="Officer",
                                       organisation="Ministry of Labour",
                                       country=Country.objects.first()) for n in range(4)]
    for session_index in range(3):
        session = AgendaSession.objects.create(webinar=detail, title=f"Session {session_index}",
                                               sort_order=session_index)
        SessionModerator.objects.create(session=session, speaker=speakers[0])
        for item_index in range(3):
            item = AgendaItem.objects.create(session=session, duration_minutes=5,
                                             title=f"Item {item_index}", sort_order=item_index,
                                             sub_topics="One\nTwo")
            AgendaItemSpeaker.objects.create(item=item, speaker=speakers[item_index + 1])
    Registration.objects.bulk_create([
        Registration(webinar=detail, name=f"P{n}", email=f"p{n}@example.org",
                     email_normalised=f"p{n}@example.org", token=f"token-{n}",
                     consent_privacy=True) for n in range(60)])
    from django.db import connections

    connections.close_all()
    return detail.slug


def rebuild_time(repeat: int = 3) -> float:
    """Milliseconds to build the all-webinars feed from the database (a cache miss)."""
    from django.utils import translation

    from portal.webinars.ical import feed_ics
    from portal.webinars.selectors import feed_webinars

    timings = []
    with translation.override("en"):
        for _ in range(repeat):
            began = time.perf_counter()
            feed_ics(feed_webinars(), name="all")
            timings.append(time.perf_counter() - began)
    return min(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--webinars", type=int, default=1000)
    options = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="portal-bench-webinars-")
    os.environ["PORTAL_TEST_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.webinars.settings"
    print(f"Building {options.webinars} webinars in {var_dir} ...", flush=True)
    slug = build_database(options.webinars)
    rebuild_ms = rebuild_time()

    with served() as port:
        targets = [
            ("bare Django view", "/bench/bare/"),
            ("webinar page (3 sessions, 9 items)", f"/webinars/{slug}/"),
            (f"all-webinars feed ({options.webinars} events)", "/webinars/calendar.ics"),
            ("webinar listing", "/webinars/"),
        ]
        for _label, path in targets:  # warm up caches, templates and connections
            hammer(port, path, 0.5, 1)
        results = [(label, path, hammer(port, path, options.seconds, options.clients))
                   for label, path in targets]
    print_ratio_table([(label, result) for label, _path, result in results],
                      clients=options.clients, seconds=options.seconds)
    print(f"\nThe feed is served from the cache until a webinar in it changes; rebuilding it "
          f"({options.webinars} events) takes {rebuild_ms:.0f} ms in one thread.")


if __name__ == "__main__":
    main()
