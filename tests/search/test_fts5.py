"""How the portal words its queries to SQLite's FTS5 index (database backend)."""

import pytest

from portal.search.fts5 import match_expression, term


@pytest.mark.parametrize(("word", "expected"), [
    ("partnerships", '"partnership"*'),  # inflections: the stem as a prefix
    ("recognising", '"recognis"*'),
    ("Compétences", '"compet"*'),  # folded like the index
    ("harmon", '"harmon"*'),  # a partial word
    ("Réintégration", '"reintegr"*'),
    ("Mali", '"mali"*'),
    ("RPL", '"rpl"'),  # too short to stem
    ("happy", '("happy" OR "happi"*)'),  # a stem that is not a prefix of the word
])
def test_each_word_is_matched_as_typed_or_by_the_prefix_of_its_stem(word, expected):
    assert term(word) == expected


def test_words_are_all_required_or_any_of_them():
    assert match_expression(["labour", "migration"], any_word=False) == (
        '"labour"* AND "migrat"*')
    assert match_expression(["labour", "migration"], any_word=True) == '"labour"* OR "migrat"*'
