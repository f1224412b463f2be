"""'Did you mean': close spellings from the words of public titles, summaries, themes and
countries.

The vocabulary is built from what a visitor may see (so a suggestion never reveals a
members-only title), through the registered areas, whatever the search backend; it is
cached for a few minutes.
"""

import difflib
import re

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from .registry import search_areas

CACHE_KEY = "search:spelling-vocabulary"
CACHE_SECONDS = 600
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def _words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text or "")}


def vocabulary() -> frozenset[str]:
    words = cache.get(CACHE_KEY)
    if words is None:
        words = set()
        visitor = AnonymousUser()
        for area in search_areas():
            for obj in area.visible_to(visitor).iterator(chunk_size=500):
                info = area.describe(obj)
                words |= _words(info.title) | _words(info.summary)
                for term in (*info.themes, *info.countries):  # both languages' names
                    words |= _words(getattr(term, "name", "")) | _words(getattr(term, "name_fr", ""))
        words = frozenset(words)
        cache.set(CACHE_KEY, words, CACHE_SECONDS)
    return words


def suggest(query: str) -> str:
    """The query with unknown words replaced by the closest known ones, or '' if none."""
    known = vocabulary()
    changed, corrected = False, []
    for token in query.split():
        word = token.lower()
        if len(word) < 3 or word in known or not WORD.fullmatch(word):
            corrected.append(token)
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=0.75)
        corrected.append(close[0] if close else token)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""
