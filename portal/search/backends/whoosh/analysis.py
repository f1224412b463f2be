"""Text analysis: language-aware stemming for full-text fields, edge n-grams for autocomplete.

Full-text fields use one analyzer for every language. The document's language travels
inside the indexed value as a short marker (see ``mark_language``), and the analyzer
picks the matching pipeline: tokenize, lowercase, drop stop words, stem, fold accents.

Accents are folded in every language, and a word with accents is indexed twice at the
same position: stemmed then folded (the French stemmer relies on accents) and folded then
stemmed (the English stemmer does not know them: it stems "yaounde" to "yaound" but leaves
"yaoundé" alone). Query words go through the same filter, so "Yaounde" and "Yaoundé" find
each other in English and in French documents.

At query time the compiler analyses each query word with the pipeline of every
language present in the index, so a French query finds French documents and an
English query English ones, without the caller having to say which.

Each full-text field also has a field of word pairs: two neighbouring common words,
after stop words are dropped, make one term ("skill migrant"). A phrase of common words,
whose positions Whoosh would otherwise compare in the many documents holding them all,
is then a term lookup, or for a longer phrase a comparison in the few documents holding
all its pairs. A phrase with a rarer word compares positions: few documents hold it.
Pairing only common words (chosen when the index is rebuilt, see ``common_words``)
keeps indexing fast: most pairs of words are rare, and each term costs Whoosh time to
write. The words are kept with the pair field's analyzer in the index's schema, so every
document of an index and every query against it agree on them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from whoosh.analysis import (
    Analyzer,
    Filter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StopFilter,
    Token,
)
from whoosh.lang import (
    has_stemmer,
    stemmer_for_language,
    stopwords_for_language,
    two_letter_code,
)
from whoosh.support.charset import accent_map

DEFAULT_LANGUAGE = "en"

#: Edge n-grams are cut at this length; longer query words are truncated to match.
AUTOCOMPLETE_MAX_GRAM = 20

# Control characters never found in real text: they frame the language code at the
# start of an indexed value ("\x02fr\x03Le texte...").
_MARK_START = "\x02"
_MARK_END = "\x03"


def normalise_language(code: object, default: str = DEFAULT_LANGUAGE) -> str:
    """Turn "fr", "fr-CA", "fr_FR" or "French" into a supported two-letter code."""
    if not code:
        return default
    text = str(code).strip().lower().replace("_", "-")
    for candidate in (text.split("-", 1)[0], text):
        language = two_letter_code(candidate)
        if language and has_stemmer(language):
            return language
    return default


def mark_language(text: str, language: str) -> str:
    """Prefix ``text`` with the language marker read back by ``MultilingualAnalyzer``."""
    return f"{_MARK_START}{language}{_MARK_END}{text}"


def split_language(value: str, default: str) -> tuple[str, str]:
    """Return ``(language, text)`` for a possibly marked value."""
    if value.startswith(_MARK_START):
        end = value.find(_MARK_END, 1)
        if end > 0:
            return value[1:end], value[end + 1 :]
    return default, value


class StemAndFoldFilter(Filter):
    """Stems and folds accents; a word with accents yields both orders of the two steps."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, tokens: Iterator) -> Iterator:
        stem = _stemmer(self.language)
        for token in tokens:
            text = token.text
            if text.isascii():
                token.text = stem(text)
                yield token
                continue
            first = stem(text).translate(accent_map)
            second = stem(text.translate(accent_map))
            token.text = first
            yield token
            if second != first:
                extra = token.copy()
                extra.text = second
                yield extra


@cache
def _stemmer(language: str):
    return lru_cache(maxsize=50000)(stemmer_for_language(language))


class AccentFoldingFilter(Filter):
    """Folds accents ("é" -> "e"); ASCII words, the vast majority, skip the lookup."""

    def __call__(self, tokens: Iterator) -> Iterator:
        for token in tokens:
            if not token.text.isascii():
                token.text = token.text.translate(accent_map)
            yield token


@cache
def stop_words(language: str) -> frozenset[str]:
    try:
        return frozenset(stopwords_for_language(language))
    except Exception:  # whoosh raises NoStopWords; some languages have none
        return frozenset()


@cache
def text_pipeline(language: str) -> Analyzer:
    """The analyzer chain used for full-text fields in ``language``."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | StopFilter(stoplist=stop_words(language), minsize=1)
        | StemAndFoldFilter(language)
    )


@lru_cache(maxsize=1)
def word_pipeline() -> Analyzer:
    """Tokenize and lowercase only: used to split query strings into words."""
    return RegexTokenizer() | LowercaseFilter()


@lru_cache(maxsize=1)
def autocomplete_query_pipeline() -> Analyzer:
    return RegexTokenizer() | LowercaseFilter() | AccentFoldingFilter()


#: Analyses remembered per thread: a document's full-text values, each met twice.
_REMEMBERED_VALUES = 32


class _RecentAnalyses(threading.local):
    def __init__(self) -> None:
        # id(value) -> (value, words): holding the value keeps its id from being reused.
        self.entries: dict[int, tuple[str, list[tuple[str, int]]]] = {}


_recent = _RecentAnalyses()


def indexed_words(value: str, default_language: str) -> list[tuple[str, int]]:
    """(term, position) of each token of a value being indexed.

    A full-text field and its word-pair field index the same value within one document
    (Whoosh takes fields in the order of their names, so other fields may come between);
    the second reuses the first one's analysis, the slowest part of indexing.
    """
    entries = _recent.entries
    entry = entries.get(id(value))
    if entry is not None and entry[0] is value:
        return entry[1]
    language, text = split_language(value, default_language)
    pipeline = text_pipeline(language)
    words = [(token.text, token.pos) for token in pipeline(text, positions=True, mode="index")]
    if len(entries) >= _REMEMBERED_VALUES:
        del entries[next(iter(entries))]
    entries[id(value)] = (value, words)
    return words


def _replayed(words: list[tuple[str, int]]) -> Iterator[Token]:
    token = Token(positions=True, boosts=True, mode="index")
    for text, position in words:
        token.text, token.pos, token.boost = text, position, 1.0
        yield token


class MultilingualAnalyzer(Analyzer):
    """Full-text analyzer that reads the language marker of each value.

    Only the default language is kept as state so the pickled schema stays tiny and
    independent of whoosh internals; pipelines are rebuilt from the module cache.
    """

    def __init__(self, default_language: str = DEFAULT_LANGUAGE) -> None:
        self.default_language = default_language

    def __call__(self, value: str, **kwargs: object) -> Iterator:
        if kwargs.get("mode") == "index" and not kwargs.get("chars"):
            return _replayed(indexed_words(value, self.default_language))
        language, text = split_language(value, self.default_language)
        return text_pipeline(language)(text, **kwargs)


#: Joins the two words of a pair term; tokens never contain a space.
PAIR_SEPARATOR = " "


def word_pair(first: str, second: str) -> str:
    return f"{first}{PAIR_SEPARATOR}{second}"


def word_pairs(words: Iterable[tuple[str, int]], paired: frozenset[str]) -> Iterator[str]:
    """Pairs of neighbouring terms, both in ``paired``, from (term, position) tokens.

    A word with accents comes as two terms at one position: each pairs with each term
    of the next position. Stop words are renumbered away, so positions follow each other.
    """
    before: list[str] = []
    here: list[str] = []
    position = None
    for word, at in words:
        if at != position:
            before, here, position = here, [], at
        if word in paired:
            here.append(word)
            for first in before:
                yield word_pair(first, word)


class WordPairAnalyzer(MultilingualAnalyzer):
    """Index-time analyzer of the word-pair fields (see the module docstring)."""

    def __init__(
        self, default_language: str = DEFAULT_LANGUAGE, words: frozenset[str] = frozenset()
    ) -> None:
        super().__init__(default_language)
        self.words = words

    def __call__(self, value: str, **kwargs: object) -> Iterator:
        if not self.words:
            return iter(())
        pairs = word_pairs(indexed_words(value, self.default_language), self.words)
        return _replayed((pair, 0) for pair in pairs)


def common_words(
    texts_per_document: Iterable[Iterable[str]],
    default_language: str,
    *,
    share: float,
    minimum: int,
) -> frozenset[str]:
    """Terms found in at least ``share`` of the documents, and in ``minimum`` of them."""
    documents = 0
    frequencies: dict[str, int] = {}
    for texts in texts_per_document:
        documents += 1
        terms = set()
        for text in texts:
            terms.update(word for word, _ in indexed_words(text, default_language))
        for term in terms:
            frequencies[term] = frequencies.get(term, 0) + 1
    needed = max(minimum, share * documents)
    return frozenset(term for term, count in frequencies.items() if count >= needed)


class AutocompleteAnalyzer(Analyzer):
    """Index-time analyzer for autocomplete fields: folded words cut into edge n-grams.

    No stemming and no stop words: "Learni" must find "Learning", "th" must find "The".
    """

    def __call__(self, value: str, **kwargs: object) -> Iterator:
        _language, text = split_language(value, DEFAULT_LANGUAGE)
        return _edge_ngrams()(text, **kwargs)


@lru_cache(maxsize=1)
def _edge_ngrams() -> Analyzer:
    return autocomplete_query_pipeline() | NgramFilter(
        minsize=1, maxsize=AUTOCOMPLETE_MAX_GRAM, at="start"
    )


def query_words(text: str) -> list[str]:
    """Split a query string into lowercase words, the way documents are tokenized."""
    return [token.text for token in word_pipeline()(text, mode="query")]


def word_variants(word: str, languages: Iterable[str]) -> set[str] | None:
    """Index terms a query word may have been turned into, one per language.

    Returns ``None`` when the word is a stop word in any of the languages: such a word
    was dropped from documents in that language, so requiring it would wrongly
    exclude them.
    """
    variants: set[str] = set()
    for language in languages:
        if word in stop_words(language):
            return None
        variants.update(token.text for token in text_pipeline(language)(word, mode="query"))
    return variants


def phrase_variants(
    text: str, languages: Iterable[str]
) -> set[tuple[tuple[str, ...], ...]]:
    """The analysed words of a phrase, once per language (deduplicated).

    Each position holds the terms a document may have there: one, or two for a word
    with accents (see ``StemAndFoldFilter``).
    """
    variants = set()
    for language in languages:
        positions: dict[int, list[str]] = {}
        for token in text_pipeline(language)(text, positions=True, mode="query"):
            terms = positions.setdefault(token.pos, [])
            if token.text not in terms:
                terms.append(token.text)
        if positions:
            variants.add(tuple(tuple(terms) for _, terms in sorted(positions.items())))
    return variants


def autocomplete_words(text: str) -> list[str]:
    """Query words for autocomplete: folded, lowercased, cut to the longest n-gram."""
    return [
        token.text[:AUTOCOMPLETE_MAX_GRAM]
        for token in autocomplete_query_pipeline()(text, mode="query")
    ]
