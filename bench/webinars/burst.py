"""A burst of registrations: many people send the form within seconds for a webinar with
few places, against `manage.py runportal` (what `make run` serves: the web server, the
task worker and the periodic runner), as after an announcement e-mail.

    .venv/bin/python bench/webinars/burst.py [--people 500] [--capacity 50] [--postgres]

Starts the portal on a throwaway database (SQLite by default; with --postgres a private PostgreSQL cluster on
a loopback port), creates one webinar, then sends every registration at once from client
threads on 127.0.0.1, each through a distinct forwarded address (the server trusts one
proxy, as behind a load balancer). Prints what came back, what the database holds, whether
places went in the order the requests were sent, and how many e-mails the worker sent.
Bounded: every request times out after 120 s and the worker is given 300 s to drain.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.common import PostgresCluster, free_port, wait_for_port  # noqa: E402

REQUEST_TIMEOUT = 120
DRAIN_SECONDS = 300


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          **kwargs)


def prepare(env, capacity: int) -> tuple[str, str]:
    manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    code = (
        "import django; django.setup()\n"
        "from datetime import timedelta\n"
        "from django.utils import timezone\n"
        "from portal.webinars.models import Webinar\n"
        "w = Webinar.objects.create(title='Burst', slug='burst', summary='s', timezone='UTC',"
        f" start=timezone.now() + timedelta(days=7), duration_minutes=60, capacity={capacity},"
        " live=True, join_url='https://meet.example.org/j/1')\n"
        "from portal.core.models import Country\n"
        "print(w.slug, Country.objects.get(iso_code='KE').pk)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    slug, country = out.stdout.strip().splitlines()[-1].split()
    return slug, country


def csrf(port: int, slug: str) -> tuple[str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    connection.request("GET", f"/webinars/{slug}/")
    response = connection.getresponse()
    html = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return cookie, token


def burst(port: int, slug: str, country: str, people: int) -> list[dict]:
    cookie, token = csrf(port, slug)
    barrier = threading.Barrier(people)
    results = [None] * people

    def send(number: int):
        body = urlencode({
            "csrfmiddlewaretoken": token, "name": f"Person {number}",
            "email": f"person{number}@example.org", "organisation": "Ministry of Labour",
            "organisation_type": "government", "country": country, "consent_privacy": "on",
        })
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Cookie": f"csrftoken={cookie}", "Referer": f"http://127.0.0.1:{port}/",
                   "X-Forwarded-For": f"41.{number // 250}.{number % 250}.7"}
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        barrier.wait()
        time.sleep(number * 0.0005)  # a strict order of sending, within a quarter second
        sent = time.monotonic()
        try:
            connection.request("POST", f"/webinars/{slug}/register/", body, headers)
            status = connection.getresponse().status
        except OSError as error:
            status = repr(error)
        results[number] = {"number": number, "sent": sent, "status": status,
                           "seconds": time.monotonic() - sent}

    threads = [threading.Thread(target=send, args=(n,)) for n in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def database_state(env) -> dict:
    code = (
        "import django, json; django.setup()\n"
        "from django.db.models import Count\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from portal.webinars.models import Registration\n"
        "rows = list(Registration.objects.filter(webinar__slug='burst')"
        ".order_by('created_at', 'pk').values_list('name', 'status'))\n"
        "dupes = Registration.objects.values('email_normalised').annotate(n=Count('pk'))"
        ".filter(n__gt=1).count()\n"
        "print(json.dumps({'rows': rows, 'duplicates': dupes,"
        " 'pending_tasks': DBTaskResult.objects.ready().count()}))\n")
    import json

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--capacity", type=int, default=50)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="portal-burst-"))
    cluster = None
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
           "PORTAL_VAR_DIR": str(base / "var"), "TRUSTED_PROXY_COUNT": "1"}
    if args.postgres:
        cluster = PostgresCluster(settings="-c max_connections=700").start()
        env["DATABASE_URL"] = cluster.url(cluster.createdb("portal"))
        env["DJANGO_SETTINGS_MODULE"] = "bench.webinars.burst_settings"
    port = free_port()
    processes = []
    try:
        slug, country = prepare(env, args.capacity)
        log = open(base / "server.log", "w")  # noqa: SIM115
        processes.append(subprocess.Popen(  # the web server, task worker and periodic runner
            [sys.executable, "manage.py", "runportal", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT))
        wait_for_port(port)
        started = time.monotonic()
        results = burst(port, slug, country, args.people)
        elapsed = time.monotonic() - started
        drain_deadline = time.monotonic() + DRAIN_SECONDS
        state = database_state(env)
        while state["pending_tasks"] and time.monotonic() < drain_deadline:
            time.sleep(2)
            state = database_state(env)
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)  # as a process manager stops it
            process.wait(timeout=60)
        if cluster:
            cluster.stop()
    restarts = (base / "server.log").read_text().count("starting it again")
    report(args, results, state, elapsed, restarts, base)
    shutil.rmtree(base, ignore_errors=True)


def report(args, results, state, elapsed, restarts, base) -> None:
    statuses = {}
    for result in results:
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    by_name = dict(state["rows"])
    order = sorted(results, key=lambda result: result["sent"])
    first = [by_name.get(f"Person {result['number']}") for result in order[:args.capacity]]
    # The server's own clock: rows are kept in the order requests reached the view
    # (created_at), which the client's sending order only approximates (its 500 threads
    # take turns on one interpreter, so sends 0.5 ms apart leave out of order).
    first_arrivals = [status for _, status in state["rows"][:args.capacity]]
    waitlist = [name for name, status in state["rows"] if status == "waitlisted"]
    rank = {f"Person {result['number']}": index for index, result in enumerate(order)}
    swapped = sum(1 for a, b in zip(waitlist, waitlist[1:], strict=False) if rank[a] > rank[b])
    mails = len(list((base / "var" / "mail").glob("*.eml")))
    seconds = sorted(result["seconds"] for result in results)
    rows = [
        ("database", "PostgreSQL" if args.postgres else "SQLite"),
        ("people / places", f"{args.people} / {args.capacity}"),
        ("HTTP answers", ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items(),
                                                                       key=str))),
        ("burst wall time (s)", f"{elapsed:.1f}"),
        ("answer time p50 / max (s)", f"{seconds[len(seconds) // 2]:.2f} / {seconds[-1]:.2f}"),
        ("confirmed", sum(1 for _, s in state["rows"] if s == "confirmed")),
        ("waitlisted", len(waitlist)),
        ("duplicates", state["duplicates"]),
        ("first senders with a place", f"{first.count('confirmed')} of {args.capacity}"),
        ("first arrivals at the server with a place",
         f"{first_arrivals.count('confirmed')} of {args.capacity}"),
        ("waiting list: neighbours out of sending order", swapped),
        ("e-mails sent by the worker", mails),
        ("tasks still queued", state["pending_tasks"]),
        ("task worker restarts", restarts),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
