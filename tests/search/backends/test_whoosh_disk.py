"""The Whoosh index on disk: concurrent writers, atomic rebuilds, broken indexes, commands."""

import multiprocessing
import threading
import time
import traceback
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core import management
from django.core.management.base import CommandError
from modelsearch.backends import get_search_backend
from modelsearch.query import MATCH_ALL, Phrase
from modelsearch.test.testapp import models
from whoosh.filedb.filestore import FileStorage

from portal.search.backends.whoosh import (
    SearchIndexBusy,
    SearchIndexCorrupt,
    SearchIndexMissing,
    WhooshSearchBackend,
)
from portal.search.backends.whoosh import index as index_module
from portal.search.backends.whoosh import maintenance as maintenance_module
from portal.search.backends.whoosh import writer as writer_module
from portal.search.backends.whoosh.maintenance import rebuild_all
from portal.search.backends.whoosh.mapping import pair_words

FIXTURE = Path(__file__).parent / "fixtures" / "search.json"
BACKEND = "portal.search.backends.whoosh"


@pytest.fixture
def whoosh_path(tmp_path, settings):
    """A fresh index directory, configured as the project's search backend.

    Automatic indexing on save is off so that each test decides when the index is
    written (``test_saving_an_object_indexes_it`` covers the automatic path).
    """
    path = tmp_path / "whoosh"
    backends = {"default": {"BACKEND": BACKEND, "PATH": path, "AUTO_UPDATE": False}}
    settings.WAGTAILSEARCH_BACKENDS = backends
    settings.MODELSEARCH_BACKENDS = backends
    return path


@pytest.fixture
def books(db):
    management.call_command("loaddata", str(FIXTURE), verbosity=0)


def make_backend(path, **options):
    return WhooshSearchBackend({"PATH": path, **options})


def book_titles(results):
    return sorted(book.title for book in results)


def index_of(backend, model):
    return backend.get_index_for_model(model)


# ---------------------------------------------------------------------------
# Several processes writing at once


def _index_adverts(path, adverts, errors):
    try:
        backend = make_backend(path, LOCK_TIMEOUT=120)
        for advert in adverts:  # one commit per object, like web requests saving pages
            backend.add(advert)
    except Exception:
        errors.put(traceback.format_exc())
        raise


@pytest.mark.django_db
def test_concurrent_writer_processes_lose_no_update(whoosh_path):
    adverts = [
        models.AdvertWithCustomUUIDPrimaryKey.objects.create(text=f"advert number {i}")
        for i in range(120)
    ]
    backend = make_backend(whoosh_path)
    index = index_of(backend, models.AdvertWithCustomUUIDPrimaryKey)
    index.reset()

    context = multiprocessing.get_context("fork")
    errors = context.Queue()
    workers = [
        context.Process(target=_index_adverts, args=(whoosh_path, adverts[i::4], errors))
        for i in range(4)
    ]
    for worker in workers:
        worker.start()
    # Meanwhile this process keeps searching: commits must never look like damage.
    strict = make_backend(whoosh_path, RAISE_ON_UNAVAILABLE=True)
    while any(worker.is_alive() for worker in workers):
        strict.search(MATCH_ALL, models.AdvertWithCustomUUIDPrimaryKey).hit_pks()
        strict.search("advert", models.AdvertWithCustomUUIDPrimaryKey).count()
    for worker in workers:
        worker.join(timeout=300)
    assert errors.empty(), errors.get()
    assert [worker.exitcode for worker in workers] == [0, 0, 0, 0]

    results = backend.search(MATCH_ALL, models.AdvertWithCustomUUIDPrimaryKey)
    missing = {str(advert.pk) for advert in adverts} - set(results.hit_pks())
    assert not missing, f"{len(missing)} updates lost"
    assert index.document_count() == len(adverts)


@pytest.mark.django_db
def test_writer_waits_for_a_held_lock_instead_of_failing(whoosh_path, books):
    backend = make_backend(whoosh_path, LOCK_TIMEOUT=30)
    rebuild_all(["default"])
    index = index_of(backend, models.Book)
    version_path = index.directory.version_path(index.directory.current_version())
    blocking_writer = FileStorage(str(version_path)).open_index().writer()
    threading.Timer(1.0, blocking_writer.cancel).start()

    book = models.Book.objects.create(
        title="Waiting for Godot", publication_date=date(1953, 1, 5), number_of_pages=90
    )
    started = time.monotonic()
    index.add_item(book)

    assert time.monotonic() - started >= 0.9
    assert book_titles(backend.search("godot", models.Book)) == ["Waiting for Godot"]


@pytest.mark.django_db
def test_lock_timeout_gives_a_clear_error(whoosh_path, books):
    backend = make_backend(whoosh_path, LOCK_TIMEOUT=0.2)
    rebuild_all(["default"])
    index = index_of(backend, models.Book)
    version_path = index.directory.version_path(index.directory.current_version())
    blocking_writer = FileStorage(str(version_path)).open_index().writer()
    try:
        with pytest.raises(SearchIndexBusy, match="LOCK_TIMEOUT"):
            index.add_item(models.Book.objects.first())
    finally:
        blocking_writer.cancel()


# ---------------------------------------------------------------------------
# Atomic rebuild


@pytest.mark.django_db
def test_searches_use_the_old_index_until_the_rebuild_is_published(whoosh_path, books):
    backend = make_backend(whoosh_path)
    rebuild_all(["default"])
    index = index_of(backend, models.Book)
    old_version = index.directory.current_version()

    rebuilder = backend.rebuilder_class(index)
    building = rebuilder.start()
    building.add_items(models.Book, models.Book.objects.filter(title__startswith="JavaScript"))

    # Mid-rebuild: the live index still answers, with everything it had.
    assert backend.search(MATCH_ALL, models.Book).count() == 14
    assert index.directory.current_version() == old_version

    rebuilder.finish()
    assert index.directory.current_version() != old_version
    assert book_titles(backend.search(MATCH_ALL, models.Book)) == [
        "JavaScript: The Definitive Guide",
        "JavaScript: The good parts",
    ]
    # Only the live and the previous versions are kept on disk.
    assert len(list(index.directory.versions_path.iterdir())) == 2


@pytest.mark.django_db
def test_changes_made_during_a_rebuild_survive_the_swap(whoosh_path, books):
    backend = make_backend(whoosh_path)
    rebuild_all(["default"])
    index = index_of(backend, models.Book)

    rebuilder = backend.rebuilder_class(index)
    building = rebuilder.start()
    building.add_items(models.Book, models.Book.objects.all())  # read before the changes below

    added = models.Book.objects.create(
        title="Dune", publication_date=date(1965, 8, 1), number_of_pages=412
    )
    index.add_item(added)  # a web worker saving while the rebuild runs
    renamed = models.Book.objects.get(title="Foundation")
    renamed.title = "Foundation and Empire"
    renamed.save()
    index.add_item(renamed.get_indexed_instance())
    removed = models.Book.objects.get(title="The Hobbit")
    index.delete_item(removed.get_indexed_instance())
    removed.delete()

    rebuilder.finish()

    assert book_titles(backend.search("dune", models.Book)) == ["Dune"]
    assert book_titles(backend.search("empire", models.Book)) == ["Foundation and Empire"]
    assert backend.search("hobbit", models.Book).count() == 0


def _search_repeatedly(path, rounds, failures):
    backend = make_backend(path, RAISE_ON_UNAVAILABLE=True)
    for _ in range(rounds):
        try:
            if len(backend.search("javascript", models.Book).hit_pks()) != 2:
                failures.put("wrong result")
        except Exception as error:
            failures.put(repr(error))
        time.sleep(0.005)


@pytest.mark.django_db
def test_searches_in_another_process_never_fail_during_rebuilds(whoosh_path, books):
    rebuild_all(["default"])
    context = multiprocessing.get_context("fork")
    failures = context.Queue()
    searcher = context.Process(target=_search_repeatedly, args=(whoosh_path, 300, failures))
    searcher.start()
    for _ in range(5):
        rebuild_all(["default"])
    searcher.join(timeout=120)

    assert searcher.exitcode == 0
    assert failures.empty(), failures.get()


# ---------------------------------------------------------------------------
# Missing and corrupt indexes


@pytest.mark.django_db
def test_missing_index_degrades_to_no_results(whoosh_path, books):
    backend = make_backend(whoosh_path)
    results = backend.search("javascript", models.Book)

    assert list(results) == []
    assert isinstance(results.unavailable, SearchIndexMissing)
    assert "search_rebuild" in str(results.unavailable)


@pytest.mark.django_db
def test_missing_index_raises_when_configured_to(whoosh_path, books):
    backend = make_backend(whoosh_path, RAISE_ON_UNAVAILABLE=True)
    with pytest.raises(SearchIndexMissing, match="search_rebuild"):
        list(backend.search("javascript", models.Book))


def _corrupt_table_of_contents(index):
    version_path = index.directory.version_path(index.directory.current_version())
    for toc in version_path.glob("*.toc"):
        toc.write_bytes(b"this is not a whoosh index")


def _delete_segment_files(index):
    version_path = index.directory.version_path(index.directory.current_version())
    for segment in version_path.glob("*.seg"):
        segment.unlink()


@pytest.mark.django_db
@pytest.mark.parametrize("damage", [_corrupt_table_of_contents, _delete_segment_files])
def test_corrupt_index_is_detected_and_fixed_by_the_rebuild_command(whoosh_path, books, damage):
    rebuild_all(["default"])
    backend = make_backend(whoosh_path)
    damage(index_of(backend, models.Book))
    make_backend(whoosh_path).get_index_for_model(models.Book).directory.forget_searcher()

    results = backend.search("javascript", models.Book)
    assert list(results) == []
    assert isinstance(results.unavailable, SearchIndexCorrupt)
    assert "search_rebuild" in str(results.unavailable)
    with pytest.raises(SearchIndexCorrupt):
        list(make_backend(whoosh_path, RAISE_ON_UNAVAILABLE=True).search("javascript", models.Book))

    check = StringIO()
    with pytest.raises(CommandError, match="search_rebuild"):
        management.call_command("search_rebuild", check=True, stdout=check)
    assert "searchtests_book" in check.getvalue()

    management.call_command("search_rebuild", stdout=StringIO())
    assert backend.search("javascript", models.Book).count() == 2


# ---------------------------------------------------------------------------
# Commands


@pytest.mark.django_db
def test_search_rebuild_command_reports_progress_per_model(whoosh_path, books):
    out = StringIO()
    management.call_command("search_rebuild", stdout=out)
    output = out.getvalue()

    assert "searchtests.Novel: 8 objects to index" in output
    assert "searchtests.Novel: 8 indexed" in output
    assert "searchtests.ProgrammingGuide: 5 indexed" in output
    assert "Rebuilt" in output
    assert get_search_backend("default").search("tolkien", models.Author).count() == 1


@pytest.mark.django_db
def test_search_rebuild_reports_progress_within_a_large_model(whoosh_path, db):
    models.Author.objects.bulk_create(models.Author(name=f"Author {i}") for i in range(2500))
    out = StringIO()
    management.call_command("search_rebuild", chunk_size=500, stdout=out)

    assert "searchtests.Author: 1000/2500 (40%)" in out.getvalue()
    assert "searchtests.Author: 2500 indexed" in out.getvalue()
    assert get_search_backend("default").search(MATCH_ALL, models.Author).count() == 2500


@pytest.mark.django_db
def test_wagtail_update_index_command_builds_the_whoosh_index(whoosh_path, books):
    management.call_command("update_index", stdout=StringIO())
    backend = get_search_backend("default")

    assert isinstance(backend, WhooshSearchBackend)
    assert book_titles(backend.search("javascript", models.Book)) == [
        "JavaScript: The Definitive Guide",
        "JavaScript: The good parts",
    ]


@pytest.mark.django_db
def test_saving_an_object_indexes_it(tmp_path, settings, books):
    backends = {"default": {"BACKEND": BACKEND, "PATH": tmp_path / "whoosh"}}
    settings.WAGTAILSEARCH_BACKENDS = backends
    rebuild_all(["default"])

    models.Book.objects.create(
        title="Solaris", publication_date=date(1961, 6, 1), number_of_pages=204
    )
    assert book_titles(get_search_backend("default").search("solaris", models.Book)) == ["Solaris"]

    models.Book.objects.get(title="Solaris").delete()
    assert get_search_backend("default").search("solaris", models.Book).count() == 0


# ---------------------------------------------------------------------------
# Cached searcher


@pytest.mark.django_db
def test_searcher_is_reused_and_refreshed_when_the_index_changes(whoosh_path, books):
    rebuild_all(["default"])
    index = index_of(make_backend(whoosh_path), models.Book)
    first = index.searcher()
    assert index.searcher() is first

    book = models.Book.objects.create(
        title="Neuromancer", publication_date=date(1984, 7, 1), number_of_pages=271
    )
    index.add_item(book)
    refreshed = index.searcher()
    assert refreshed is not first
    assert refreshed.up_to_date()
    assert index_of(make_backend(whoosh_path), models.Book).searcher() is refreshed
    assert make_backend(whoosh_path).search("neuromancer", models.Book).count() == 1


# ---------------------------------------------------------------------------
# Large rebuilds written by several processes


@pytest.fixture
def two_processes(whoosh_path, settings, monkeypatch):
    """Rebuilds of any size run in two processes, a few documents per batch."""
    backends = {"default": {"BACKEND": BACKEND, "PATH": whoosh_path, "AUTO_UPDATE": False,
                            "REBUILD_PROCESSES": 2}}
    settings.WAGTAILSEARCH_BACKENDS = backends
    settings.MODELSEARCH_BACKENDS = backends
    monkeypatch.setattr(index_module, "PARALLEL_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(writer_module, "PARALLEL_BATCH", 3)
    return whoosh_path


def _scores(query):
    results = get_search_backend("default").search(query, models.Book).annotate_score("_score")
    return sorted((book.pk, round(book._score, 6)) for book in results)


def _segment_sizes(model):
    index = index_of(get_search_backend("default"), model)
    ix = index.directory.open_version(index.directory.current_version())
    return [segment.doc_count() for segment in ix._segments()]


def _pair_words(model):
    return pair_words(index_of(get_search_backend("default"), model).searcher().schema,
                      "p_title")


QUERIES = ("javascript", "guide", "definitive", "programming",
           # word pairs (every word is paired below) and word positions
           Phrase("definitive guide"), Phrase("rust programming language"),
           Phrase("game of thrones"))


@pytest.mark.django_db
def test_a_large_rebuild_written_in_parallel_finds_and_scores_the_same(two_processes, books,
                                                                       monkeypatch):
    monkeypatch.setattr(index_module, "PAIR_WORD_SHARE", 0)
    monkeypatch.setattr(index_module, "PAIR_WORD_MIN_DOCUMENTS", 1)
    monkeypatch.setattr(index_module, "PARALLEL_MIN_DOCUMENTS", 10**9)
    rebuild_all(["default"])
    serial = {query: _scores(query) for query in QUERIES}
    serial_pairs = _pair_words(models.Book)
    assert _segment_sizes(models.Book) == [14]

    monkeypatch.setattr(index_module, "PARALLEL_MIN_DOCUMENTS", 1)
    rebuild_all(["default"])

    sizes = _segment_sizes(models.Book)
    # Two processes wrote a segment each; which took how many batches is up to the queue
    # (one may have taken them all and written an empty segment).
    assert len(sizes) == 2 and sum(sizes) == 14
    assert {query: _scores(query) for query in QUERIES} == serial
    assert all(serial.values())
    # Both chose the words to pair from the same first documents.
    assert _pair_words(models.Book) == serial_pairs and "rust" in serial_pairs
    assert multiprocessing.active_children() == []


@pytest.mark.django_db
def test_a_failing_indexing_process_aborts_the_rebuild_and_keeps_the_live_index(
        two_processes, books, monkeypatch):
    rebuild_all(["default"])
    before = _scores("javascript")
    documents = index_module.BuildingIndex._documents

    def one_unknown_field(self, model, items):
        found = documents(self, model, items)
        found[-1]["no_such_field"] = "refused by the writer"  # fails in the child process
        return found

    monkeypatch.setattr(index_module.BuildingIndex, "_documents", one_unknown_field)
    with pytest.raises(RuntimeError, match="indexing processes failed"):
        rebuild_all(["default"])

    assert _scores("javascript") == before
    assert multiprocessing.active_children() == []


@pytest.mark.django_db
def test_a_rebuild_abandoned_midway_stops_its_indexing_processes(two_processes, books,
                                                                 monkeypatch):
    rebuild_all(["default"])
    chunks = maintenance_module.queryset_chunks

    def first_chunk_then_failure(queryset, chunk_size):
        yield next(chunks(queryset, chunk_size))
        raise ConnectionError("database gone")

    monkeypatch.setattr(maintenance_module, "queryset_chunks", first_chunk_then_failure)
    with pytest.raises(ConnectionError):
        rebuild_all(["default"], chunk_size=10)

    assert get_search_backend("default").search(MATCH_ALL, models.Book).count() == 14
    assert multiprocessing.active_children() == []
