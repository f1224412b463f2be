"""Every kind of page under the production server, next to a bare view of the same size.

    .venv/bin/python bench/pages/run.py [--seconds 3] [--clients 4] [--workers 2]
                                        [--resources 0] [--webinars 0] [--members 0]

Builds a throwaway portal (migrations, the demo content, optionally thousands more
resources, webinars and members), then starts gunicorn (sync workers, DEBUG off, WhiteNoise)
four ways and lets client threads request each address for a fixed time:

- cached: anonymous, page cache on (warmed first): what most visitors get;
- miss: anonymous, whole pages not kept, their parts kept (fragments, see
  portal/core/fragments.py): every request renders the page, as when a kept page expired
  or for a new address, a new time zone or language;
- cold: anonymous, nothing kept but what the task worker builds after each change (the
  calendar feeds, the whole library's counts; portal/core/prebuilt.py): every request
  builds everything else, as the first request after a change does once the worker has
  caught up;
- member: logged in, who never gets a shared page but gets the kept parts of their
  audience.

Each page is measured beside a bare view that returns as many bytes through the same
middleware, in the same run; the ratio is the page's requests per second over the bare
view's. Queries are counted in-process with the Django test client.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import free_port, hammer, session_cookie, wait_for_port  # noqa: E402

# --- the portal to measure ---------------------------------------------------------------

def build(options, var_dir: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    quiet = open(os.devnull, "w")  # noqa: SIM115
    if not (Path(var_dir) / "built").exists():  # else --var-dir of an earlier run
        call_command("load_demo", verbosity=0, stdout=quiet)
        if options.resources or options.webinars or options.members:
            from bench.pages.scale import grow

            grow(resources=options.resources, webinars=options.webinars,
                 members=options.members)
        call_command("search_rebuild", verbosity=0)
        (Path(var_dir) / "built").touch()
    # What the task worker builds after a change, built here as it would have been.
    call_command("build_calendar_feeds", "--now", stdout=quiet)
    call_command("build_prebuilt", "--now", stdout=quiet)
    return {"pages": pages_to_measure(), "cookie": member_cookie()}


def pages_to_measure() -> list[tuple[str, str]]:
    from portal.forum.models import Topic
    from portal.goodpractices.models import CallPage, PracticeIndexPage, PracticePage
    from portal.resources.models import ResourceIndexPage, ResourcePage
    from portal.webinars.models import Webinar, WebinarSeries

    webinar = Webinar.objects.filter(live=True, is_members_only=False,
                                     locale__language_code="en").order_by("-start").first()
    series = WebinarSeries.objects.filter(locale__language_code="en").first()
    topic = Topic.objects.filter(category__read_group=None).order_by("-post_count").first()
    english = {"locale__language_code": "en"}
    return [
        ("home", "/"),
        ("webinars", "/webinars/"),
        ("webinar", webinar.get_absolute_url()),
        ("series", f"/webinars/series/{series.slug}/"),
        ("library", ResourceIndexPage.objects.live().filter(**english).first().url),
        ("resource", ResourcePage.objects.live().filter(**english).first().url),
        ("practices", PracticeIndexPage.objects.live().filter(**english).first().url),
        ("call", CallPage.objects.live().filter(**english).first().url),
        ("practice", PracticePage.objects.live().filter(**english).first().url),
        ("forum latest", "/forum/latest/"),
        ("forum topic", topic.get_absolute_url()),
        ("search", "/search/?q=skills"),
        ("members", "/members/"),
        ("calendar feed", "/webinars/calendar.ics"),
        ("home (fr)", "/fr/"),
    ]


def member_cookie() -> str:
    from django.contrib.auth import get_user_model

    return session_cookie(get_user_model().objects.get(email="amina.diallo@example.org"))


def query_counts(pages, cookie: str) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_ENABLED = False
    settings.ALLOWED_HOSTS = ["*"]
    counts = {}
    for who, headers, fragments in (("cold", {}, False), ("visitor", {}, True),
                                    ("member", {"HTTP_COOKIE": cookie}, True)):
        settings.FRAGMENT_CACHE_ENABLED = fragments
        client = Client(**headers)
        for name, path in pages:
            client.get(path)  # warm the per-process lookups, as a running server has
            with CaptureQueriesContext(connection) as captured:
                client.get(path)
            counts[(name, who)] = len(captured)
    return counts


# --- the server and the load -------------------------------------------------------------

class Server:
    def __init__(self, *, workers: int, page_cache: bool, fragments: bool = True):
        self.port = free_port()
        environment = {**os.environ, "PAGE_CACHE_ENABLED": "1" if page_cache else "0",
                       "FRAGMENT_CACHE_ENABLED": "1" if fragments else "0"}
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "gunicorn", "portal.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
             "--backlog", "2048", "--log-level", "error"], cwd=ROOT, env=environment)
        wait_for_port(self.port, process=self.process)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def fetch(port: int, path: str, headers: dict) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept-Language": "en", **headers})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def measure(server: Server, pages, options, headers: dict) -> dict:
    """Page and bare view in alternating short rounds, so that a change in the machine's
    load touches both alike; the ratio is taken over the sums."""
    results = {}
    rounds = 4
    for name, path in pages:
        status, body = fetch(server.port, path, headers)  # warm (fills the page cache)
        fetch(server.port, path, headers)
        bare_path = f"/bench/bare/{len(body)}/"
        page_runs, bare_runs = [], []
        for _round in range(rounds):
            for runs, address in ((page_runs, path), (bare_runs, bare_path)):
                runs.append(hammer(server.port, address, options.seconds / rounds,
                                   options.clients, headers))
        page_rps = statistics.mean(run["rps"] for run in page_runs)
        bare_rps = statistics.mean(run["rps"] for run in bare_runs)
        results[name] = {"rps": page_rps, "bare_rps": bare_rps, "bytes": len(body),
                         "status": status, "ratio": page_rps / bare_rps if bare_rps else 0.0,
                         "p50": statistics.median(run["median_ms"] for run in page_runs),
                         "p95": max(run["p95_ms"] for run in page_runs),
                         "errors": sum(run["errors"] for run in page_runs + bare_runs)}
        print(f"  {name:<14} {page_rps:7.1f} req/s  bare {bare_rps:7.1f}  "
              f"ratio {results[name]['ratio']:.3f}", flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--resources", type=int, default=0)
    parser.add_argument("--webinars", type=int, default=0)
    parser.add_argument("--members", type=int, default=0)
    parser.add_argument("--var-dir", help="reuse the portal an earlier run built there")
    options = parser.parse_args()

    var_dir = options.var_dir or tempfile.mkdtemp(prefix="portal-bench-pages-")
    os.environ.update({"PORTAL_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "bench.pages.settings",
                       "SECRET_KEY": "bench-only-key-" + "x" * 40})
    print(f"Building the portal in {var_dir} ...", flush=True)
    began = time.monotonic()
    built = build(options, var_dir)
    print(f"Built in {time.monotonic() - began:.0f} s.", flush=True)
    pages = built["pages"]
    queries = query_counts(pages, built["cookie"])
    from django.db import connections

    connections.close_all()

    runs = {}
    for label, page_cache, fragments, headers in (
            ("cached", True, True, {}), ("miss", False, True, {}), ("cold", False, False, {}),
            ("member", False, True, {"Cookie": built["cookie"]})):
        print(f"{label}:", flush=True)
        server = Server(workers=options.workers, page_cache=page_cache, fragments=fragments)
        try:
            runs[label] = measure(server, pages, options, headers)
        finally:
            server.stop()

    print(f"\ngunicorn, {options.workers} sync workers, {options.clients} clients, "
          f"{options.seconds:.0f} s per address; ratio = page req/s / bare view req/s "
          f"(same size, same middleware, same run)\n")
    header = (f"| {'page':<14} | {'KB':>5} | {'queries cold/miss/member':>24} | "
              f"{'cached':>6} | {'miss req/s':>10} | {'miss':>5} | {'p50/p95 ms':>11} | "
              f"{'cold':>5} | {'member req/s':>12} | {'member':>6} |")
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    for name, _path in pages:
        cached, miss, cold, member = (runs[label][name]
                                      for label in ("cached", "miss", "cold", "member"))
        counted = "/".join(str(queries[(name, who)]) for who in ("cold", "visitor", "member"))
        print(f"| {name:<14} | {cached['bytes'] / 1024:5.1f} | {counted:>24} | "
              f"{cached['ratio']:6.2f} | {miss['rps']:10.1f} | {miss['ratio']:5.3f} | "
              f"{miss['p50']:5.0f}/{miss['p95']:<5.0f} | {cold['ratio']:5.3f} | "
              f"{member['rps']:12.1f} | {member['ratio']:6.3f} |")
    print("\nThe ratios are each page's requests per second over the bare view's, in the "
          "same run: cached, miss and cold against the bare view for a visitor, member "
          "against the bare view with the member's session.")
    failures = sum(run[name]["errors"] for run in runs.values() for name, _ in pages)
    print(f"\nErrors: {failures}")


if __name__ == "__main__":
    main()
