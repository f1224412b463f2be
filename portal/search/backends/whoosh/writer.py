"""Whoosh segment writers: a faster commit, and a parallel one for rebuilds.

When Whoosh 2.7 flushes a segment it asks for the field length of every posting:
for fields without lengths (identifiers, numbers) it checks on disk whether a length
file exists, one ``stat`` per posting; for text fields it decodes the same document's
length again for each of its words. Reading each field's lengths once makes large
commits (a full rebuild) several times faster; nothing else changes. Postings that fit in
memory are also kept per field and sorted by term alone (`FieldSortedPool`), which sorts a
rebuild's million postings about twice as fast as comparing whole tuples.
"""

from __future__ import annotations

import pickle
import queue
from collections.abc import Iterator
from operator import itemgetter
from typing import Any

from whoosh import multiproc
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.util import random_name
from whoosh.writing import PostingPool, SegmentWriter

from .codec import InliningCodec

#: Documents handed to an indexing process at a time.
PARALLEL_BATCH = 250


class _LengthLookup:
    """Wraps a per-document reader, reading each field's length column once."""

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._lengths: dict[str, list[int] | None] = {}

    def _field_lengths(self, fieldname: str) -> list[int] | None:
        if fieldname not in self._lengths:
            reader = self._reader
            if reader.doc_field_length(0, fieldname, None) is None:
                self._lengths[fieldname] = None  # no length column: not a scored field
            else:
                count = reader.doc_count_all()
                self._lengths[fieldname] = [
                    reader.doc_field_length(docnum, fieldname, 0) for docnum in range(count)
                ]
        return self._lengths[fieldname]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self._field_lengths(fieldname)
        return default if lengths is None else lengths[docnum]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


#: What Whoosh's pool counts for a posting besides its texts (its estimate of a tuple of
#: five: field name, term, document, weight, value).
_POSTING_OVERHEAD = 48 + 21 + 26 + 18 + 16 + 21
_TERM = itemgetter(1)


class FieldSortedPool(PostingPool):
    """Whoosh's posting pool, keeping each field's postings apart while they fit in memory.

    Whoosh sorts its pool as whole (field, term, document, weight, value) tuples. A writer
    adds postings in document order (a document's, then the next's; merged segments' in
    order too, after them), and a document holds a term once per field, so within a field
    a stable sort by term alone gives the same order, comparing bytes instead of tuples.
    Beyond the memory limit, postings are spilled to sorted runs on disk as by Whoosh.
    Whoosh's separate spelling fields would break the order (their words all come as
    document 0); the schemas here have none (``spelling`` is never set).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._by_field: dict[str, list[tuple]] = {}

    def add(self, item: tuple) -> None:
        fieldname, text, _docnum, _weight, value = item
        in_field = self._by_field.get(fieldname)
        if in_field is None:
            in_field = self._by_field[fieldname] = []
            self.fieldnames.add(fieldname)
        in_field.append(item)
        self.currentsize += _POSTING_OVERHEAD + len(fieldname) + 2 * len(text) + len(value or b"")
        if self.currentsize > self.limit:
            self.save()

    def save(self) -> None:
        self._gather()
        super().save()

    def _gather(self) -> None:
        """Hand the postings kept per field to Whoosh's list (to spill or merge)."""
        for in_field in self._by_field.values():
            self.current.extend(in_field)
        self._by_field = {}

    def items(self, maxfiles: int = 128) -> Any:
        if self.runs:  # spilled: the rest joins Whoosh's merge of the runs
            self._gather()
            return super().items(maxfiles)
        return self._sorted_in_memory()

    def _sorted_in_memory(self) -> Iterator[tuple]:
        by_field, self._by_field = self._by_field, {}
        for fieldname in sorted(by_field):
            in_field = by_field.pop(fieldname)
            in_field.sort(key=_TERM)
            yield from in_field


class FastCommitSegmentWriter(SegmentWriter):
    def __init__(self, ix: Any, *args: Any, codec: Any = None, limitmb: int = 128,
                 **kwargs: Any) -> None:
        super().__init__(ix, *args, codec=codec or InliningCodec(), limitmb=limitmb, **kwargs)
        self.pool = FieldSortedPool(self._tempstorage, self.newsegment, limitmb=limitmb)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _LengthLookup(reader) if reader is not None else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if reader is not None:
            reader.close()


class _FastSubWriterTask(SubWriterTask):
    """One process of a parallel rebuild, writing its segment with the faster commit."""

    def run(self) -> None:
        # This runs in the child process: the module global Whoosh's task reads is
        # replaced there only.
        multiproc.SegmentWriter = FastCommitSegmentWriter
        super().run()


class ParallelRebuildWriter(MpWriter):
    """Spreads a rebuild's documents over ``procs`` processes, each writing its own segment.

    Analysis and posting sorting, the bulk of indexing, are pure Python: on a machine with
    several cores the processes share them while this one keeps reading the database. The
    index then has one segment per process; scores are unchanged, since Whoosh takes term
    statistics from the whole index.

    Whoosh's own writer loses a process's documents without a word if that process dies,
    and waits forever if all of them do; both end here in an error instead, which aborts
    the rebuild and leaves the live index as it was.
    """

    def __init__(self, ix: Any, procs: int, limitmb: int, **kwargs: Any) -> None:
        super().__init__(ix, procs=procs, batchsize=PARALLEL_BATCH, multisegment=True,
                         subargs={"limitmb": limitmb}, codec=InliningCodec(), **kwargs)

    def _new_task(self) -> Any:
        task = _FastSubWriterTask(self.storage, self.indexname, self.jobqueue,
                                  self.resultqueue, self.subargs, self.multisegment)
        task.daemon = True  # never outlives a rebuild that failed
        self.tasks.append(task)
        task.start()
        return task

    def _enqueue(self) -> None:
        filename = f"{random_name()}.doclist"
        with self.temp_storage().create_file(filename).raw_file() as file:
            for item in self.docbuffer:
                pickle.dump(item, file, 2)
        if len(self.tasks) < self.procs:
            self._new_task()
        job = (filename, len(self.docbuffer))
        self.docbuffer = []
        while True:
            try:
                self.jobqueue.put(job, timeout=1)
                return
            except queue.Full:
                self._check_tasks(finished=False)

    def _check_tasks(self, *, finished: bool) -> None:
        failed = [task for task in self.tasks
                  if (task.exitcode not in (None, 0)) or (finished and task.exitcode is None)]
        if failed:
            raise RuntimeError(
                f"{len(failed)} of {len(self.tasks)} indexing processes failed "
                f"(exit codes {[task.exitcode for task in failed]})")

    def commit(self, *args: Any, **kwargs: Any) -> None:
        super().commit(*args, **kwargs)
        self._check_tasks(finished=True)

    def cancel(self) -> None:
        for task in self.tasks:
            if task.is_alive():
                task.terminate()
            task.join()
        if not self.is_closed:  # a commit that found a failed process has closed it
            SegmentWriter.cancel(self)
