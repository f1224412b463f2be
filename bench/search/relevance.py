"""Relevance of the site search on the demo content, per search backend.

    .venv/bin/python bench/search/relevance.py [--backends whoosh database-sqlite
                                                database-postgresql] [--verbose]

Each backend runs in its own subprocess on a throwaway database: migrations, the demo
content (`load_demo`), a full index rebuild, then every query of `judgements.py` through
the site search as an anonymous visitor. Printed per backend: mean nDCG@10 (graded gains
2^g - 1, the ideal ranking built from the judged objects the visitor may see), the number
of queries that return nothing, and how many of those had a relevant visible object.

`database-postgresql` starts a private PostgreSQL cluster (Debian's `postgresql` package)
on a free loopback port and removes it afterwards.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BACKENDS = ("whoosh", "database-sqlite", "database-postgresql")
CUTOFF = 10


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(rank + 2) for rank, grade in enumerate(grades))


def ndcg(ranked: list[str], judged: dict[str, int], visible: set[str]) -> float:
    ideal = dcg(sorted((g for key, g in judged.items() if key in visible and g), reverse=True)
                [:CUTOFF])
    if not ideal:
        return 1.0 if not ranked else 0.0
    return dcg([judged.get(key, 0) for key in ranked[:CUTOFF]]) / ideal


# ---------------------------------------------------------------------------
# Worker: one backend, in its own process


def object_key(area, obj) -> str:
    if area.key == "members":
        return f"members:{obj.display_name}"
    return f"{area.key}:{obj.slug}"


def worker(verbose: bool) -> dict:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("update_index", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from bench.search.judgements import QUERIES
    from portal.search.registry import search_areas
    from portal.search.selectors import describe_hits, site_search

    visitor = AnonymousUser()
    visible = {object_key(area, obj) for area in search_areas()
               for obj in area.visible_to(visitor)}
    rows = []
    for query, judged in QUERIES.items():
        outcome = site_search(query=query, user=visitor)
        ranked = [object_key(hit.area, hit.obj) for hit in describe_hits(
            outcome.hits, visitor, locale_id=outcome.locale_id)]
        relevant = any(judged.get(key, 0) > 0 for key in visible)
        rows.append({"query": query, "ndcg": ndcg(ranked, judged, visible),
                     "hits": len(ranked), "relevant": relevant, "top": ranked[:3]})
    return {"rows": rows}


# ---------------------------------------------------------------------------
# Driver


def run_backend(backend: str, verbose: bool) -> dict:
    from bench.common import PostgresCluster

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.search.relevance_settings",
           "RELEVANCE_BACKEND": backend, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="portal-relevance-") as var:
        env["PORTAL_TEST_VAR_DIR"] = var

        def launch(extra: dict) -> dict:
            completed = subprocess.run(
                [sys.executable, __file__, "--worker"], env={**env, **extra}, cwd=ROOT,
                capture_output=True, text=True, timeout=1800)
            if completed.returncode:
                raise SystemExit(f"{backend} failed:\n{completed.stderr[-4000:]}")
            line = completed.stdout.strip().splitlines()[-1]
            return json.loads(line)

        if backend == "database-postgresql":
            cluster = PostgresCluster(prefix="portal-relevance-pg-", settings="-c fsync=off")
            with cluster:
                return launch({"PORTAL_PG_NAME": cluster.createdb("relevance"),
                               "PORTAL_PG_HOST": cluster.host, "PORTAL_PG_PORT": cluster.port})
        return launch({})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", nargs="+", choices=BACKENDS, default=list(BACKENDS))
    parser.add_argument("--verbose", action="store_true", help="one line per query")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.verbose)))
        return

    from bench.search.judgements import QUERIES

    print(f"{len(QUERIES)} judged queries, nDCG@{CUTOFF}, anonymous visitor\n")
    summary = []
    for backend in args.backends:
        rows = run_backend(backend, args.verbose)["rows"]
        if args.verbose:
            for row in rows:
                print(f"  {backend:20} {row['ndcg']:.3f} "
                      f"{row['hits']:3d}  {row['query']}"
                      f"   {', '.join(row['top'])}")
        mean = sum(row["ndcg"] for row in rows) / len(rows)
        empty = sum(1 for row in rows if not row["hits"])
        lost = sum(1 for row in rows if not row["hits"] and row["relevant"])
        summary.append((backend, mean, empty, lost))
    print(f"{'backend':22}{'mean nDCG@10':>14}{'no result':>11}{'...with a relevant object':>28}")
    for backend, mean, empty, lost in summary:
        print(f"{backend:22}{mean:14.3f}{empty:11d}{lost:28d}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
