"""Benchmark: the Whoosh backend next to modelsearch's SQLite FTS5 backend.

    .venv/bin/python bench/search/run.py [--sizes 10000 100000] [--queries 200]

For each corpus size, a fresh SQLite database is filled with deterministic
pseudo-text (a seeded RNG drawing from a Zipf-distributed vocabulary), both backends
index the same rows, and the same fixed query set runs against each. Each size runs
in its own subprocess so every measurement starts from a clean process.

Measured: indexing throughput (documents per second, reading from the database
included) and query latency (p50 / p95 in ms, top 10 results loaded as objects,
after a few warm-up queries). Queries: single words, two-word AND, two- and three-word
phrases, and a word with a numeric filter, in equal parts.

A query still running in SQLite after one second is interrupted and counted as one
second (a lower bound; the "over budget" row says how many): the FTS5 backend ranks
with a correlated subquery whose cost grows with the square of the number of
matches, and some 100,000-document queries would otherwise run for minutes.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = 20240601
VOCABULARY_SIZE = 8000
SYLLABLES = [
    c + v
    for c in ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "st", "tr"]
    for v in ["a", "e", "i", "o", "u", "ou", "ai"]
]
BACKENDS = {
    "whoosh": "portal.search.backends.whoosh",
    "fts5": "modelsearch.backends.database.sqlite.sqlite",
}
KINDS = ("word", "and", "phrase", "phrase3", "filtered")
WARM_UP = 20
QUERY_BUDGET_SECONDS = 1.0


# ---------------------------------------------------------------------------
# Corpus


def vocabulary(rng: random.Random) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < VOCABULARY_SIZE:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))] = None
    return list(words)


class Corpus:
    """Deterministic titles and summaries; word frequencies follow Zipf's law."""

    def __init__(self, seed: int = SEED) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary(self.rng)
        weights = [1 / rank for rank in range(1, len(self.words) + 1)]
        self.cumulative = []
        total = 0.0
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def text(self, low: int, high: int) -> str:
        count = self.rng.randint(low, high)
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=count))

    def book(self, number: int) -> dict:
        return {
            "title": self.text(3, 8).capitalize(),
            "summary": self.text(30, 90),
            "number_of_pages": self.rng.randint(50, 1500),
            "publication_date": date(1950, 1, 1) + timedelta(days=self.rng.randint(0, 27000)),
        }


# ---------------------------------------------------------------------------
# One size, in a child process


def configure_django(workdir: Path) -> None:
    sys.path.insert(0, str(REPO))
    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY="benchmark",  # noqa: S106
        USE_TZ=True,
        INSTALLED_APPS=[
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "taggit",
            "modelsearch",
            "modelsearch.test.testapp",
        ],
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": workdir / "bench.sqlite3"}
        },
        MODELSEARCH_BACKENDS={
            "whoosh": {
                "BACKEND": BACKENDS["whoosh"],
                "PATH": workdir / "whoosh",
                "AUTO_UPDATE": False,
            },
            "fts5": {"BACKEND": BACKENDS["fts5"], "AUTO_UPDATE": False},
        },
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def load_corpus(size: int) -> list[dict]:
    from django.core.management import call_command
    from modelsearch.test.testapp.models import Book

    call_command("migrate", verbosity=0)
    corpus = Corpus()
    rows = [corpus.book(number) for number in range(size)]
    batch = 5000
    for start in range(0, size, batch):
        Book.objects.bulk_create(Book(**row) for row in rows[start : start + batch])
    return rows


def build_queries(rows: list[dict], count: int) -> list[tuple[str, str]]:
    """(kind, text) pairs; words are drawn from the corpus so most queries match."""
    rng = random.Random(SEED + 1)
    corpus = Corpus()
    # Ranks 200-8000 of the Zipf vocabulary: content words, each found in roughly
    # 0.1%-3% of the documents (the commonest words behave like stop words). The FTS5
    # backend ranks with a correlated subquery whose cost grows with the square of the
    # number of matches, so very common words would make it run for hours at 100k.
    common = corpus.words[200:]
    queries = []
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        if kind.startswith("phrase"):
            length = 3 if kind == "phrase3" else 2
            words = rng.choice(rows)["summary"].split()
            at = rng.randrange(len(words) - length + 1)
            text = " ".join(words[at : at + length])
        elif kind == "and":
            text = f"{rng.choice(common)} {rng.choice(common)}"
        else:
            text = rng.choice(common)
        queries.append((kind, text))
    return queries


def run_query(backend_name: str, kind: str, text: str) -> int:
    from modelsearch.backends import get_search_backend
    from modelsearch.query import Phrase, PlainText
    from modelsearch.test.testapp.models import Book

    backend = get_search_backend(backend_name)
    if kind.startswith("phrase"):
        results = backend.search(Phrase(text), Book)
    elif kind == "and":
        results = backend.search(PlainText(text, operator="and"), Book)
    elif kind == "filtered":
        results = backend.search(PlainText(text), Book.objects.filter(number_of_pages__gt=1000))
    else:
        results = backend.search(PlainText(text), Book)
    return len(list(results[:10]))


@dataclass
class Measure:
    backend: str
    size: int
    index_seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    hits: int = 0
    over_budget: int = 0


def run_within_budget(backend_name: str, kind: str, text: str) -> int | None:
    """Hits returned, or ``None`` when SQLite was interrupted after the time budget."""
    from django.db import OperationalError, connection

    deadline = time.perf_counter() + QUERY_BUDGET_SECONDS
    connection.ensure_connection()
    raw = connection.connection
    raw.set_progress_handler(lambda: int(time.perf_counter() > deadline), 10_000)
    try:
        return run_query(backend_name, kind, text)
    except OperationalError as error:
        if "interrupted" not in str(error):
            raise
        return None
    finally:
        raw.set_progress_handler(None, 0)


def measure_backend(name: str, size: int, queries: list[tuple[str, str]]) -> Measure:
    from portal.search.backends.whoosh.maintenance import rebuild_all

    measure = Measure(name, size)
    started = time.perf_counter()
    rebuild_all([name], chunk_size=1000)
    measure.index_seconds = time.perf_counter() - started
    progress(f"{size} {name}: indexed in {measure.index_seconds:.0f}s")
    for kind, text in queries[:WARM_UP]:  # warm-up: searchers, SQLite page cache
        run_within_budget(name, kind, text)
    for kind, text in queries:
        started = time.perf_counter()
        hits = run_within_budget(name, kind, text)
        if hits is None:
            measure.over_budget += 1
        else:
            measure.hits += hits
        measure.latencies.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
    total = sum(sum(values) for values in measure.latencies.values()) / 1000
    progress(f"{size} {name}: {len(queries)} queries in {total:.0f}s")
    return measure


def progress(message: str) -> None:
    print(f"[{message}]", file=sys.stderr, flush=True)


def run_size(size: int, query_count: int) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="search-bench-") as workdir:
        configure_django(Path(workdir))
        rows = load_corpus(size)
        progress(f"{size}: corpus loaded")
        queries = build_queries(rows, query_count)
        return [asdict(measure_backend(name, size, queries)) for name in BACKENDS]


# ---------------------------------------------------------------------------
# Report


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def table_rows(whoosh: dict, fts5: dict) -> list[tuple[str, float, float]]:
    size = whoosh["size"]
    rows = [
        ("index docs/s", size / whoosh["index_seconds"], size / fts5["index_seconds"]),
    ]
    every = {name: sum(m["latencies"].values(), []) for name, m in (("w", whoosh), ("f", fts5))}
    rows.append(("query p50 ms (all)", percentile(every["w"], 0.5), percentile(every["f"], 0.5)))
    rows.append(("query p95 ms (all)", percentile(every["w"], 0.95), percentile(every["f"], 0.95)))
    for kind in KINDS:
        rows.append(
            (
                f"  p50 ms {kind}",
                statistics.median(whoosh["latencies"][kind]),
                statistics.median(fts5["latencies"][kind]),
            )
        )
    return rows


def print_table(results: list[list[dict]]) -> None:
    header = f"{'docs':>8}  {'metric':<22}{'whoosh':>11}{'fts5':>11}{'whoosh/fts5':>13}"
    print(header)
    print("-" * len(header))
    for whoosh, fts5 in results:
        for label, mine, theirs in table_rows(whoosh, fts5):
            ratio = mine / theirs if theirs else float("inf")
            print(f"{whoosh['size']:>8}  {label:<22}{mine:>11.2f}{theirs:>11.2f}{ratio:>12.2f}x")
        print(f"{'':>8}  {'top-10 hits returned':<22}{whoosh['hits']:>11}{fts5['hits']:>11}")
        print(
            f"{'':>8}  {f'over budget (>{QUERY_BUDGET_SECONDS:g}s)':<22}"
            f"{whoosh['over_budget']:>11}{fts5['over_budget']:>11}"
        )
    print("(docs/s: higher is better; latency: lower is better)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(run_size(args.child, args.queries)))
        return
    results = []
    for size in args.sizes:
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--queries", str(args.queries)],
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        print(
            f"[{size} documents measured in {time.perf_counter() - started:.0f}s]", file=sys.stderr
        )
    print_table(results)


if __name__ == "__main__":
    main()
