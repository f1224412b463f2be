"""How the site search reads a query: words, accents, stop words and synonyms.

A query becomes a list of *segments*, one per idea: a word, or a phrase that a synonym
group knows ("recognition of prior learning"). Each segment carries the alternatives that
may stand for it: the words as typed, their accent-free spelling, and the other terms of
its synonym group. The site search then asks the backend for each alternative on its own
and combines the answers itself, so synonyms, accents and any-word matching behave the
same on every backend.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from django.core.cache import cache as shared_cache

CACHE_KEY = "search:synonym-groups"
CACHE_SECONDS = 3600
MAX_SEGMENTS = 8
TOKEN = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lowercase without accents: "Yaoundé" -> "yaounde", "œuvre" -> "oeuvre"."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


@cache
def stop_words() -> frozenset[str]:
    """English and French words too common to require (the portal's two languages)."""
    from whoosh.lang import stopwords_for_language

    words = set()
    for language in ("en", "fr"):
        words |= {fold(word) for word in stopwords_for_language(language)}
    return frozenset(words)


def content_words(text: str) -> list[str]:
    """The words of ``text`` a search should require: no stop words, no single letters."""
    return [word for word in tokens(text) if len(word) > 1 and fold(word) not in stop_words()]


# ---------------------------------------------------------------------------
# Synonyms


def synonym_groups() -> list[list[str]]:
    groups = shared_cache.get(CACHE_KEY)
    if groups is None:
        from .models import SynonymGroup

        groups = [group.term_list for group in SynonymGroup.objects.all()]
        shared_cache.set(CACHE_KEY, groups, CACHE_SECONDS)
    return groups


def forget_synonyms(**_kwargs) -> None:
    shared_cache.delete(CACHE_KEY)


def _synonym_table(groups: list[list[str]]) -> dict[tuple[str, ...], list[str]]:
    table: dict[tuple[str, ...], list[str]] = {}
    for terms in groups:
        for term in terms:
            key = tuple(fold(word) for word in tokens(term))
            if key:
                others = [other for other in terms if other != term]
                table.setdefault(key, [])
                table[key] += [other for other in others if other not in table[key]]
    return table


# ---------------------------------------------------------------------------
# Segments


@dataclass
class Segment:
    text: str  # as typed
    synonyms: list[str] = field(default_factory=list)

    @property
    def alternatives(self) -> list[str]:
        """The typed text, its accent-free spelling, then its synonyms; each non-empty once."""
        found: dict[str, None] = {}
        for candidate in (self.text, fold(self.text), *self.synonyms):
            words = content_words(candidate)
            if words:
                found.setdefault(" ".join(words), None)
        return list(found)

    @property
    def is_word(self) -> bool:
        return len(content_words(self.text)) == 1 and not self.synonyms


def segments_for(query: str) -> list[Segment]:
    """Split ``query`` into segments, the longest synonym phrases first, left to right."""
    words = tokens(query)
    folded = [fold(word) for word in words]
    table = _synonym_table(synonym_groups())
    longest = max((len(key) for key in table), default=0)
    segments: list[Segment] = []
    position = 0
    while position < len(words):
        for size in range(min(longest, len(words) - position), 0, -1):
            key = tuple(folded[position:position + size])
            if key in table:
                text = " ".join(words[position:position + size])
                segments.append(Segment(text=text, synonyms=table[key]))
                position += size
                break
        else:
            if content_words(words[position]):
                segments.append(Segment(text=words[position]))
            position += 1
    return segments[:MAX_SEGMENTS]
