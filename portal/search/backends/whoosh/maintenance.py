"""Rebuilding and checking search indexes, with progress reports.

Used by the ``search_rebuild`` management command; kept here so that code and tests
can rebuild without going through a command line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db import models
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index

from .exceptions import SearchIndexUnavailable

Report = Callable[[str], None]
DEFAULT_CHUNK_SIZE = 1000


@dataclass
class ModelReport:
    label: str
    total: int
    indexed: int = 0


@dataclass
class IndexReport:
    backend_name: str
    index_name: str
    models: list[ModelReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def indexed(self) -> int:
        return sum(model.indexed for model in self.models)


def backend_names() -> list[str]:
    return list(get_app_config().get_search_backend_config().keys())


def rebuild_all(
    names: list[str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    report: Report = lambda line: None,
) -> list[IndexReport]:
    """Rebuild every index of the given backends (all configured ones by default)."""
    reports = []
    for name in names or backend_names():
        backend = get_search_backend(name)
        if backend.rebuilder_class is None:
            report(f"{name}: this backend does not need rebuilding")
            continue
        grouped = group_models_by_index(backend, get_indexed_models())
        for index, index_models in grouped.items():
            reports.append(rebuild_index(name, backend, index, index_models, chunk_size, report))
    return reports


def rebuild_index(
    backend_name: str,
    backend: object,
    index: object,
    index_models: list[type[models.Model]],
    chunk_size: int,
    report: Report,
) -> IndexReport:
    """Fill a new version of ``index`` and publish it; the live one serves meanwhile."""
    started = time.monotonic()
    result = IndexReport(backend_name, str(index))
    report(f"{backend_name}: rebuilding index {index}")
    rebuilder = backend.rebuilder_class(index)
    building = rebuilder.start()
    try:
        totals = {model: model.get_indexed_objects().count() for model in index_models}
        expect = getattr(building, "expect", None)
        if expect is not None:  # lets a large rebuild run in several processes
            expect(sum(totals.values()))
        for model in index_models:
            building.add_model(model)
            result.models.append(_index_model(building, model, totals[model], chunk_size,
                                              report))
        rebuilder.finish()
    except BaseException:
        abort = getattr(rebuilder, "abort", None)
        if abort is not None:
            abort()
        raise
    result.seconds = time.monotonic() - started
    report(f"{backend_name}: index {index} done, {result.indexed} objects in {result.seconds:.1f}s")
    return result


def _index_model(
    building: object, model: type[models.Model], total: int, chunk_size: int, report: Report
) -> ModelReport:
    queryset = model.get_indexed_objects()
    progress = ModelReport(model._meta.label, total)
    report(f"  {progress.label}: {progress.total} objects to index")
    next_report = _step(progress.total)
    for chunk in queryset_chunks(queryset, chunk_size):
        building.add_items(model, chunk)
        progress.indexed += len(chunk)
        if progress.indexed >= next_report and progress.indexed < progress.total:
            percent = 100 * progress.indexed // max(progress.total, 1)
            report(f"  {progress.label}: {progress.indexed}/{progress.total} ({percent}%)")
            next_report += _step(progress.total)
    report(f"  {progress.label}: {progress.indexed} indexed")
    return progress


def _step(total: int) -> int:
    """Report roughly every 10%, but not more often than every 1000 objects."""
    return max(total // 10, 1000)


def queryset_chunks(queryset: models.QuerySet, chunk_size: int) -> Iterator[list[models.Model]]:
    """Lists of objects in primary key order, paginated on the key (no OFFSET scans)."""
    queryset = queryset.order_by("pk")
    last_pk = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        chunk = list(page[:chunk_size])
        if not chunk:
            return
        yield chunk
        last_pk = chunk[-1].pk


@dataclass
class IndexHealth:
    backend_name: str
    index_name: str
    documents: int | None
    error: str = ""


def check_all(names: list[str] | None = None) -> list[IndexHealth]:
    """Open every index of the given backends and count its documents."""
    health = []
    for name in names or backend_names():
        backend = get_search_backend(name)
        for index in backend.all_indexes():
            searcher = getattr(index, "searcher", None)
            if searcher is None:
                continue
            try:
                health.append(IndexHealth(name, str(index), searcher().doc_count()))
            except SearchIndexUnavailable as error:
                health.append(IndexHealth(name, str(index), None, str(error)))
    return health
