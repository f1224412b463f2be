"""Phrases of three words or more, found through their word pairs.

Whoosh's own phrase query walks every document holding all the words of a phrase and
compares their positions; with common words that is most documents. Here the documents
holding every pair of neighbouring words of the phrase (see ``analysis``) are the
candidates, few as a rule, and the positions of the words are read in those alone, to
keep only the documents where the words follow each other.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh.matching import NullMatcher, WrappingMatcher


class PairedPhrase(wq.Query):
    """``positions`` (the terms allowed at each place) in a row in ``fieldname``.

    ``steps`` lists, for some neighbouring places, the pair terms (in ``pairs_field``)
    any match must hold, and ``lone`` the terms of the places no step covers: together
    they choose the candidates, and score them.
    """

    def __init__(
        self,
        fieldname: str,
        positions: list[list[str]],
        pairs_field: str,
        steps: list[list[str]],
        lone: list[list[str]] = (),
        boost: float = 1.0,
    ) -> None:
        self.fieldname = fieldname
        self.positions = [list(terms) for terms in positions]
        self.pairs_field = pairs_field
        self.steps = [list(pairs) for pairs in steps]
        self.lone = [list(terms) for terms in lone]
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and vars(other) == vars(self)

    def __hash__(self) -> int:
        return hash((self.fieldname, self.pairs_field, repr(self.positions), self.boost))

    def __repr__(self) -> str:
        return f"PairedPhrase({self.fieldname!r}, {self.positions!r}, boost={self.boost})"

    def is_leaf(self) -> bool:
        return True

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = False) -> Iterator[tuple[str, str]]:
        for pairs in self.steps:
            for pair in pairs:
                yield self.pairs_field, pair
        for terms in self.lone:
            for term in terms:
                yield self.fieldname, term

    def estimate_size(self, ixreader: Any) -> int:
        return min(
            sum(ixreader.doc_frequency(self.pairs_field, pair) for pair in pairs)
            for pairs in self.steps
        )

    def normalize(self) -> PairedPhrase:
        return self

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        # A rare word's short list then leads the intersection.
        required = [
            *(wq.Or([wq.Term(self.pairs_field, pair) for pair in pairs]) for pairs in self.steps),
            *(wq.Or([wq.Term(self.fieldname, term) for term in terms]) for terms in self.lone),
        ]
        candidates = wq.And(required, boost=self.boost).matcher(searcher, context)
        if not candidates.is_active():
            return NullMatcher()
        reader = searcher.reader()
        words = [
            [reader.postings(self.fieldname, term) for term in terms
             if (self.fieldname, term) in reader]
            for terms in self.positions
        ]
        return InARow(candidates, words)


class InARow(WrappingMatcher):
    """The documents of ``child`` where a term of each group of ``words`` follows one of
    the group before (each group: the postings of the terms allowed at one place)."""

    def __init__(self, child: Any, words: list[list[Any]]) -> None:
        super().__init__(child)
        self._words = words
        self._find_next()

    def _in_a_row(self, document: int) -> bool:
        places = []
        for postings in self._words:
            found: set[int] = set()
            for matcher in postings:
                if matcher.is_active() and matcher.id() < document:
                    matcher.skip_to(document)
                if matcher.is_active() and matcher.id() == document:
                    found.update(matcher.value_as("positions"))
            if not found:
                return False
            places.append(found)
        first, *rest = places
        return any(
            all(start + step in later for step, later in enumerate(rest, 1)) for start in first
        )

    def _find_next(self) -> None:
        child = self.child
        while child.is_active() and not self._in_a_row(child.id()):
            child.next()

    def next(self) -> None:
        self.child.next()
        self._find_next()

    def skip_to(self, id: int) -> None:
        self.child.skip_to(id)
        self._find_next()

    def reset(self) -> None:
        self.child.reset()
        for postings in self._words:
            for matcher in postings:
                matcher.reset()
        self._find_next()

    def all_ids(self) -> Iterator[int]:
        while self.is_active():
            yield self.id()
            self.next()

    def copy(self) -> InARow:
        return InARow(self.child.copy(), [[m.copy() for m in group] for group in self._words])

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    # Skipping blocks by their best possible score would skip the position check.
    def supports_block_quality(self) -> bool:
        return False
