"""The on-disk format of new segments: Whoosh's own, with short posting lists inlined.

Whoosh 2.7 writes every term's postings as a pickled, zlib-compressed block in the
postings file, however few they are. Most terms of an index are rare: a primary key, a
name, and above all the word pairs of the phrase fields, most of which occur once. Their
block costs more to write than the rest of the term, and a search for them then reads a
second file. Whoosh can keep short posting lists in the term's own entry instead, but its
writer calls a method that does not exist, so the option has never worked; this codec
writes them correctly, and reads them with a matcher that keeps all it needs when copied.

Longer posting lists are read by Whoosh's matcher, except that it finds a document in a
block by bisection instead of stepping through up to 128 of them: a phrase or an AND of a
rare and a common word skips through the common word's list that way at every match.

Segments record the codec that wrote them: older segments are read as before.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import repeat
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.matching import ListMatcher, ReadTooFar

#: Terms found in at most this many documents of a segment keep their postings inline.
INLINE_POSTINGS = 4


class InliningCodec(W3Codec):
    def __init__(self, inlinelimit: int = INLINE_POSTINGS) -> None:
        super().__init__(inlinelimit=inlinelimit)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _InliningPostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=0 if byteids else self._inlinelimit,
        )

    def postings_reader(
        self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None
    ) -> Any:
        if not terminfo.is_inlined():
            offset, length = terminfo.extent()
            return BisectingPostings(dbfile, offset, length, format_, term=term, scorer=scorer)
        ids, weights, values = terminfo.inlined_postings()
        return InlinedPostings(
            ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
        )


class _InliningPostingsWriter(W3PostingsWriter):
    def finish_postings(self) -> Any:
        if self.written() or not 0 < len(self) <= self._inlinelimit:
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        # Formats without values (identifiers) buffer none at all.
        values = tuple(self._values) if len(self._values) == len(self._ids) else None
        terminfo._inlined = (tuple(self._ids), tuple(self._weights), values)
        self._terminfo = None
        return terminfo


class InlinedPostings(ListMatcher):
    """Postings read from a term's entry: Whoosh's list matcher, made whole.

    Whoosh's copy forgets the term and its statistics, which scoring and phrase matching
    ask for; and a posting without a value must read as bytes when segments are merged.
    """

    def copy(self) -> InlinedPostings:
        return InlinedPostings(
            self._ids,
            self._weights,
            self._values,
            self._format,
            scorer=self._scorer,
            position=self._i,
            term=self._term,
            terminfo=self._terminfo,
        )

    def value(self) -> Any:
        return self._values[self._i] if self._values else b""

    def all_items(self) -> Any:
        return zip(self._ids, self._values or repeat(b""), strict=False)


class BisectingPostings(W3LeafMatcher):
    """Whoosh's reader of a posting list in blocks, skipping within a block by bisection."""

    def skip_to(self, targetid: Any) -> None:
        if not self.is_active():
            raise ReadTooFar
        if targetid <= self.id():
            return
        while targetid > self._maxid:
            self._next_block()  # reads the next block's header only
            if not self.is_active():
                return
        if self._ids is None:
            self._read_ids()
        # The block's last document is at least the target, so one is found.
        self._i = bisect_left(self._ids, targetid, self._i)
