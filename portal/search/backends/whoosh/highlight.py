"""HTML-safe excerpts with the matched words wrapped in ``<mark>``.

The excerpt is cut from the object's own text (read again from the model, not stored
in the index), tokenized with the pipeline of the object's language so that
"running" is highlighted for a search on "run". Every piece of source text is
escaped; only the ``<mark>`` tags and the ellipses are ours.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import (
    DEFAULT_LANGUAGE,
    autocomplete_query_pipeline,
    text_pipeline,
    word_variants,
)

ELLIPSIS = "…"
DEFAULT_LENGTH = 240


@dataclass(frozen=True)
class Match:
    start: int
    end: int


def find_matches(
    text: str,
    language: str,
    terms: Collection[str] = (),
    prefixes: Collection[str] = (),
) -> list[Match]:
    """Character spans of the words of ``text`` that match a term or start with a prefix."""
    matches = []
    if terms:
        for token in text_pipeline(language)(text, chars=True, mode="index"):
            if token.text in terms:
                matches.append(Match(token.startchar, token.endchar))
    if prefixes:
        for token in autocomplete_query_pipeline()(text, chars=True, mode="index"):
            if any(token.text.startswith(prefix) for prefix in prefixes):
                matches.append(Match(token.startchar, token.endchar))
    return sorted(set(matches), key=lambda match: match.start)


def build_excerpt(
    text: str,
    matches: list[Match],
    max_length: int = DEFAULT_LENGTH,
) -> SafeString:
    """The window of ``text`` richest in matches, escaped, with matches marked."""
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    start, end = _best_window(text, matches, max_length)
    pieces = [ELLIPSIS if start > 0 else ""]
    cursor = start
    for match in matches:
        if match.start < start or match.end > end:
            continue
        pieces.append(escape(text[cursor : match.start]))
        pieces.append(f"<mark>{escape(text[match.start : match.end])}</mark>")
        cursor = match.end
    pieces.append(escape(text[cursor:end]))
    pieces.append(ELLIPSIS if end < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def highlight(
    text: str,
    query_string: str,
    language: str = DEFAULT_LANGUAGE,
    max_length: int = DEFAULT_LENGTH,
) -> SafeString:
    """Excerpt of ``text`` highlighting the words of a plain query string.

    A convenience for views that have a text and the user's query but no search
    results object (for those, use ``WhooshSearchResults.excerpt``).
    """
    from .analysis import query_words

    terms: set[str] = set()
    for word in query_words(query_string):
        terms.update(word_variants(word, [language]) or ())
    return build_excerpt(text, find_matches(text, language, terms), max_length)


def _best_window(text: str, matches: list[Match], max_length: int) -> tuple[int, int]:
    if len(text) <= max_length:
        return 0, len(text)
    if not matches:
        return 0, _word_boundary_before(text, max_length)
    best_start, best_count = matches[0].start, 0
    for index, first in enumerate(matches):
        count = sum(1 for match in matches[index:] if match.end - first.start <= max_length)
        if count > best_count:
            best_start, best_count = first.start, count
    # Show a little context before the first highlighted word.
    start = _word_boundary_after(text, max(0, best_start - max_length // 4))
    end = min(len(text), start + max_length)
    if end < len(text):
        end = _word_boundary_before(text, end)
    return start, end


def _word_boundary_before(text: str, position: int) -> int:
    cut = text.rfind(" ", 0, position)
    return cut if cut > 0 else position


def _word_boundary_after(text: str, position: int) -> int:
    if position == 0:
        return 0
    cut = text.find(" ", position)
    return cut + 1 if cut != -1 else position
