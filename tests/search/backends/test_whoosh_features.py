"""Whoosh backend features beyond modelsearch's generic suite."""

from datetime import date, time
from pathlib import Path

import pytest
from django.db.models import F, Q
from django.utils.safestring import SafeString
from modelsearch.query import Fuzzy, Phrase, PlainText
from modelsearch.test.testapp import models

from portal.search.backends.whoosh import WhooshSearchBackend, analysis
from portal.search.backends.whoosh import index as whoosh_index
from portal.search.backends.whoosh.highlight import highlight
from portal.search.backends.whoosh.maintenance import rebuild_all
from portal.search.backends.whoosh.mapping import object_language, pair_words
from portal.search.backends.whoosh.query import positive_terms

FIXTURE = Path(__file__).parent / "fixtures" / "search.json"


def add_book(backend, title, summary="", language=None, pages=100):
    book = models.Book.objects.create(
        title=title, summary=summary, publication_date=date(2020, 1, 1), number_of_pages=pages
    )
    if language:
        book.search_language = language  # the documented per-instance convention
    backend.add(book)
    return book


def titles(results):
    return [book.title for book in results]


# ---------------------------------------------------------------------------
# Languages


def test_english_content_is_stemmed_in_english(backend):
    add_book(backend, "Running with wolves")
    assert titles(backend.search("runs", models.Book)) == ["Running with wolves"]


def test_french_content_is_stemmed_in_french(backend):
    add_book(backend, "Les chevaux de la prairie", language="fr")
    add_book(backend, "Horses of the prairie")

    assert titles(backend.search("cheval", models.Book)) == ["Les chevaux de la prairie"]
    # French elision and accents: "économies" matches "economie".
    add_book(backend, "Petit traité des économies", language="fr-CA")
    assert titles(backend.search("economie", models.Book)) == ["Petit traité des économies"]


def test_language_marker_does_not_leak_into_english_documents(backend):
    add_book(backend, "Les chevaux de la prairie", language="fr")
    add_book(backend, "Chevaux in English text")
    # English stemming keeps "chevaux" whole, French reduces it to "cheval".
    assert sorted(titles(backend.search("chevaux", models.Book))) == [
        "Chevaux in English text",
        "Les chevaux de la prairie",
    ]


class _Page:
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


def test_object_language_conventions():
    class WithMethod(_Page):
        def get_search_language(self):
            return "fr_FR"

    assert object_language(WithMethod(), "en") == "fr"
    assert object_language(_Page(search_language="French"), "en") == "fr"
    assert object_language(_Page(search_language=lambda: "fr"), "en") == "fr"
    assert object_language(_Page(search_language="klingon"), "en") == "en"
    assert object_language(_Page(), "fr") == "fr"
    assert object_language(_Page(language="fr"), "en") == "fr"
    assert object_language(_Page(locale=_Page(language_code="fr-ca")), "en") == "fr"
    book = models.Book(title="x")
    assert object_language(book, "en") == "en"


# ---------------------------------------------------------------------------
# Highlighted excerpts


def test_excerpt_marks_stemmed_matches_and_escapes_the_text(backend):
    book = add_book(
        backend,
        "Cooking <script>",
        summary="A book about <b>cooking</b> & baking: the cook cooks what cooks cooked.",
    )
    results = backend.search("cook", models.Book)
    excerpt = results.excerpt(results[0], "summary")

    assert isinstance(excerpt, SafeString)
    assert results[0] == book
    assert excerpt == (
        "A book about &lt;b&gt;<mark>cooking</mark>&lt;/b&gt; &amp; baking: the "
        "<mark>cook</mark> <mark>cooks</mark> what <mark>cooks</mark> <mark>cooked</mark>."
    )
    assert "<script>" not in results.excerpt(results[0], "title")


def test_excerpt_picks_the_window_with_the_matches(backend):
    filler = "lorem ipsum dolor sit amet " * 20
    add_book(backend, "Long", summary=f"{filler}the dragon sleeps under the dragon hoard. {filler}")
    results = backend.search("dragon", models.Book)
    excerpt = results.excerpt(results[0], max_length=80)

    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert excerpt.count("<mark>dragon</mark>") == 2
    assert len(excerpt.replace("<mark>", "").replace("</mark>", "")) <= 82


def test_excerpts_for_autocomplete_mark_prefixes(backend):
    results = backend.autocomplete("progr", models.Book)
    pairs = {book.title: excerpt for book, excerpt in results.with_excerpts("title")}
    assert pairs["Programming Rust"] == "<mark>Programming</mark> Rust"


def test_excerpt_of_a_plain_attribute(backend):
    book = add_book(backend, "Dragons", summary="unused")
    book.blurb = "Here be <dragons>"
    results = backend.search("dragon", models.Book)
    assert results.excerpt(book, "blurb") == "Here be &lt;<mark>dragons</mark>&gt;"


def test_highlight_helper_for_any_text(backend):
    assert highlight("Fish & chips <3", "fishing") == "<mark>Fish</mark> &amp; chips &lt;3"
    assert backend.highlight("Les chevaux", "cheval", language="fr") == "Les <mark>chevaux</mark>"


def test_index_prefix_separates_indexes(backend, tmp_path):
    other = WhooshSearchBackend({"PATH": tmp_path / "whoosh", "INDEX_PREFIX": "other_"})
    other.get_index_for_model(models.Book).reset()
    other.add(add_book(backend, "Prefixed shelf"))

    assert other.get_index_for_model(models.Book).name == "other_searchtests_book"
    assert titles(other.search("shelf", models.Book)) == ["Prefixed shelf"]
    assert other.search("javascript", models.Book).count() == 0
    assert backend.search("javascript", models.Book).count() == 2


# ---------------------------------------------------------------------------
# Queries and operators


def test_and_operator_and_stop_words(backend):
    assert titles(backend.search("the hobbit", models.Book, operator="and")) == ["The Hobbit"]
    assert backend.search("the", models.Book).count() == 0


def test_phrase_and_fuzzy_queries(backend):
    assert titles(backend.search(Phrase("two towers"), models.Book)) == ["The Two Towers"]
    assert backend.search(Phrase("towers two"), models.Book).count() == 0
    assert titles(backend.search(Fuzzy("hobit"), models.Book)) == ["The Hobbit"]


def _searched_fields(backend, query):
    """The index fields a search looks its terms up in."""
    results = backend.search(query, models.Book)
    searcher = results._index().searcher()
    compiled = results.query_compiler.compile(searcher, backend.default_language)
    return {field for field, _text in positive_terms(compiled.text_query)}


@pytest.fixture
def pair_every_word(monkeypatch):
    """Words count as common from one document on, so the small test index pairs them."""
    monkeypatch.setattr(whoosh_index, "PAIR_WORD_SHARE", 0)
    monkeypatch.setattr(whoosh_index, "PAIR_WORD_MIN_DOCUMENTS", 1)


def add_books_and_rebuild(*books, chunk_size=1000):
    """Books as (title, summary); the rebuild chooses the words it pairs."""
    for title, summary in books:
        models.Book.objects.create(
            title=title, summary=summary, publication_date=date(2020, 1, 1), number_of_pages=1
        )
    rebuild_all(["default"], chunk_size=chunk_size)


def test_a_two_word_phrase_of_paired_words_is_one_term_lookup(backend, pair_every_word):
    add_books_and_rebuild(
        ("Skills", "Recognition of skills for migrant workers."),
        ("Workers", "Migrant skills, workers recognised."),
    )

    assert _searched_fields(backend, Phrase("migrant workers")) == {"p_summary"}
    assert titles(backend.search(Phrase("migrant workers"), models.Book)) == ["Skills"]
    # Stop words are skipped as they are in documents: "skills for migrant" is a phrase.
    assert titles(backend.search(Phrase("skills of migrant"), models.Book)) == ["Skills"]
    assert backend.search(Phrase("workers migrant"), models.Book).count() == 0
    results = backend.search(Phrase("migrant workers"), models.Book)
    assert results.excerpt(results[0], "summary") == (
        "Recognition of skills for <mark>migrant</mark> <mark>workers</mark>."
    )


def test_rare_words_are_not_paired_and_still_found_in_a_row(backend):
    add_books_and_rebuild(
        ("Skills", "Recognition of skills for migrant workers."),
        ("Workers", "Migrant skills, workers recognised."),
    )

    assert _searched_fields(backend, Phrase("migrant workers")) == {"t_summary"}
    assert titles(backend.search(Phrase("migrant workers"), models.Book)) == ["Skills"]
    assert backend.search(Phrase("workers migrant"), models.Book).count() == 0


def test_common_words_are_chosen_from_the_documents_of_the_rebuild(backend):
    summaries = [f"Labour market note {number} on skills." for number in range(30)]
    summaries += [f"A rare remark {number}." for number in range(10)]
    # Read a few at a time, as an index whose first models hold a handful of documents.
    add_books_and_rebuild(*((f"Book {n}", text) for n, text in enumerate(summaries)),
                          chunk_size=3)

    schema = backend.get_index_for_model(models.Book).searcher().schema
    paired = pair_words(schema, "p_summary")
    assert {"labour", "market", "note", "skill"} <= paired
    assert "rare" not in paired and "remark" not in paired
    assert _searched_fields(backend, Phrase("labour market")) == {"p_summary"}
    assert backend.search(Phrase("labour market"), models.Book).count() == 30
    assert _searched_fields(backend, Phrase("rare remark")) == {"t_summary"}
    assert backend.search(Phrase("rare remark"), models.Book).count() == 10
    # Common and rare words together: the pairs of common ones find the candidates.
    assert _searched_fields(backend, Phrase("market note 5 on skills")) == {
        "p_summary", "t_summary"
    }
    assert titles(backend.search(Phrase("market note 5 on skills"), models.Book)) == ["Book 5"]
    assert backend.search(Phrase("market note 5 labour"), models.Book).count() == 0


def test_a_longer_phrase_needs_its_words_in_a_row_not_just_its_pairs(backend, pair_every_word):
    add_books_and_rebuild(
        ("In a row", "The labour market information system works."),
        # Every pair of "labour market information" is here, never the three in a row.
        ("Scattered", "Labour market reforms; market information labour."),
    )

    assert _searched_fields(backend, Phrase("labour market information")) == {"p_summary"}
    assert titles(backend.search(Phrase("labour market information"), models.Book)) == [
        "In a row"
    ]
    assert titles(backend.search(Phrase("market information system"), models.Book)) == [
        "In a row"
    ]


@pytest.mark.parametrize("paired", [True, False], ids=["paired", "positions"])
def test_a_phrase_with_accents_matches_with_or_without_them(backend, request, paired):
    if paired:
        request.getfixturevalue("pair_every_word")
    add_books_and_rebuild(
        ("Accented", "A meeting in Yaoundé city hall."),
        ("Plain", "A meeting in Yaounde city hall."),
    )
    add_book(backend, "Français", summary="Une réunion à Yaoundé ville.", language="fr")

    for phrase in ("Yaoundé city", "yaounde city", "in Yaounde city hall"):
        found = sorted(titles(backend.search(Phrase(phrase), models.Book)))
        assert found == ["Accented", "Plain"], phrase
    assert titles(backend.search(Phrase("yaounde ville"), models.Book)) == ["Français"]


def test_an_index_built_before_word_pairs_finds_phrases_until_rebuilt(backend, pair_every_word):
    index = backend.get_index_for_model(models.Book)
    schema = index.schema().copy()
    for name in [name for name in schema.names() if name.startswith("p_")]:
        schema.remove(name)
    with index.directory.coordination(exclusive=True):
        index.directory.publish(index.directory.create_version(schema))
    add_book(backend, "Written later", summary="Skills of migrant workers.")

    assert pair_words(index.searcher().schema, "p_summary") == frozenset()
    assert _searched_fields(backend, Phrase("migrant workers")) == {"t_summary"}
    assert titles(backend.search(Phrase("migrant workers"), models.Book)) == ["Written later"]

    rebuild_all(["default"])
    assert _searched_fields(backend, Phrase("migrant workers")) == {"p_summary"}
    assert titles(backend.search(Phrase("migrant workers"), models.Book)) == ["Written later"]


def test_each_text_is_analysed_once_for_its_field_and_its_pairs(backend, pair_every_word,
                                                                   monkeypatch):
    real = analysis.text_pipeline
    analysed = []

    def counting(language):
        pipeline = real(language)

        def run(text, **kwargs):
            if kwargs.get("mode") == "index":
                analysed.append(text)
            return pipeline(text, **kwargs)

        return run

    add_books_and_rebuild(("Labour market", "Labour market information."))
    monkeypatch.setattr(analysis, "text_pipeline", counting)
    add_book(backend, "Regional labour", summary="Regional labour market data.")

    assert sorted(analysed) == ["Regional labour", "Regional labour market data."]
    assert titles(backend.search(Phrase("regional labour"), models.Book)) == ["Regional labour"]


def test_documents_written_after_the_rebuild_pair_the_same_words(backend, pair_every_word):
    add_books_and_rebuild(("First", "Labour market information."))
    add_book(backend, "Later", summary="Regional labour market data.")

    assert sorted(titles(backend.search(Phrase("labour market"), models.Book))) == [
        "First", "Later"
    ]


def test_annotate_score_orders_by_relevance(backend):
    results = list(
        backend.search(PlainText("javascript guide", operator="or"), models.Book).annotate_score(
            "score"
        )
    )
    assert results[0].title == "JavaScript: The Definitive Guide"
    assert results[0].score > results[1].score > 0


def test_autocomplete_across_accents_and_case(backend):
    add_book(backend, "Élémentaire, mon cher", language="fr")
    assert titles(backend.autocomplete("elem", models.Book)) == ["Élémentaire, mon cher"]
    assert titles(backend.autocomplete("ÉLÉ", models.Book)) == ["Élémentaire, mon cher"]


# ---------------------------------------------------------------------------
# Filters


def search_titles(backend, queryset, query="*"):
    from modelsearch.query import MATCH_ALL

    return sorted(titles(backend.search(MATCH_ALL if query == "*" else query, queryset)))


def test_negated_filters(backend):
    books = models.Book.objects
    assert search_titles(backend, books.exclude(title__startswith="The")) == sorted(
        t for t in titles(books.all()) if not t.startswith("The")
    )
    assert search_titles(backend, books.filter(~Q(number_of_pages__in=[440, 1160]))) == sorted(
        b.title for b in books.exclude(number_of_pages__in=[440, 1160])
    )
    outside = books.exclude(number_of_pages__range=(300, 2000))
    assert search_titles(backend, outside) == sorted(b.title for b in outside)
    assert outside.exists()


def test_combined_and_or_not_filters(backend):
    queryset = models.Book.objects.filter(
        (Q(number_of_pages__lt=200) | Q(number_of_pages__gt=1000))
        & ~Q(title__startswith="Learning")
    )
    assert search_titles(backend, queryset) == sorted(b.title for b in queryset)


def test_filter_on_related_field_with_isnull(backend):
    with_unknown_birthday = models.Book.objects.filter(authors__date_of_birth__isnull=True)
    assert search_titles(backend, with_unknown_birthday) == sorted(
        {b.title for b in with_unknown_birthday}
    )


def test_time_filters_and_ordering(backend):
    meetings = models.Meeting.objects.filter(start_time__gte=time(12, 0)).order_by("-start_time")
    results = backend.search("yoga", meetings, order_by_relevance=False)
    assert [m.name for m in results] == [m.name for m in meetings.filter(name__icontains="yoga")]


def test_order_by_expression_with_nulls_last(backend):
    authors = models.Author.objects.order_by(F("date_of_birth").asc(nulls_last=True), "-pk")
    from modelsearch.query import MATCH_ALL

    results = list(backend.search(MATCH_ALL, authors, order_by_relevance=False))
    born = [a for a in results if a.date_of_birth]
    assert results[: len(born)] == sorted(born, key=lambda a: a.date_of_birth)
    assert all(a.date_of_birth is None for a in results[len(born) :])


# ---------------------------------------------------------------------------
# Facets


def test_facet_on_dates_returns_dates(backend):
    from modelsearch.query import MATCH_ALL

    counts = backend.search(MATCH_ALL, models.Novel).facet("publication_date")
    assert counts[date(1954, 7, 29)] == 1
    assert sum(counts.values()) == models.Novel.objects.count()


def test_facet_respects_query_and_filters(backend):
    results = backend.search(
        "javascript", models.ProgrammingGuide.objects.filter(number_of_pages__gt=500)
    )
    assert dict(results.facet("programming_language")) == {"js": 1}


def test_what_compiling_remembers_of_an_index_is_renewed_by_each_commit(backend):
    """Term presence and languages are remembered per searcher: a word or a language
    added by a commit is found by the next search."""
    add_book(backend, "Running with wolves")
    assert titles(backend.search("leopards", models.Book)) == []
    assert titles(backend.search("cheval", models.Book)) == []

    add_book(backend, "Leopards at dusk")
    add_book(backend, "Les chevaux de la prairie", language="fr")

    assert titles(backend.search("leopards", models.Book)) == ["Leopards at dusk"]
    assert titles(backend.search("cheval", models.Book)) == ["Les chevaux de la prairie"]
