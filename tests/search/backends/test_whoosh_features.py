"""Whoosh backend features beyond modelsearch's generic suite."""

from datetime import date, time
from pathlib import Path

import pytest
from django.core import management
from django.db.models import F, Q
from django.utils.safestring import SafeString
from modelsearch.query import Fuzzy, Phrase, PlainText
from modelsearch.test.testapp import models

from portal.search.backends.whoosh import WhooshSearchBackend
from portal.search.backends.whoosh.highlight import highlight
from portal.search.backends.whoosh.maintenance import rebuild_all
from portal.search.backends.whoosh.mapping import object_language

FIXTURE = Path(__file__).parent / "fixtures" / "search.json"


@pytest.fixture
def backend(tmp_path, settings, db):
    """The project's Whoosh backend on a fresh directory, filled with the test books."""
    config = {"BACKEND": "portal.search.backends.whoosh", "PATH": tmp_path / "whoosh"}
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**config, "AUTO_UPDATE": False}}
    management.call_command("loaddata", str(FIXTURE), verbosity=0)
    rebuild_all(["default"])
    return WhooshSearchBackend({"PATH": tmp_path / "whoosh", "RAISE_ON_UNAVAILABLE": True})


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
