"""Word searches scored in bulk find and rank what Whoosh's own scoring does."""

import random

import pytest
from whoosh import fields as wf
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage

from portal.search.backends.whoosh import bulkscore
from portal.search.backends.whoosh.codec import InliningCodec
from portal.search.backends.whoosh.execution import DocSet
from portal.search.backends.whoosh.writer import FastCommitSegmentWriter

SCHEMA = wf.Schema(
    key=wf.ID(stored=True, unique=True),
    title=wf.TEXT(phrase=True),
    body=wf.TEXT(phrase=True),
    kind=wf.ID,
)
WORDS = ["common"] * 40 + ["often"] * 12 + ["skills"] * 6 + [f"rare{n}" for n in range(200)]


def _documents(count, seed):
    rng = random.Random(seed)

    def text(low, high):
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    return [{"key": f"k{seed}-{number}", "title": text(1, 6), "body": text(0, 60),
             "kind": rng.choice(["a", "b"])} for number in range(count)]


@pytest.fixture(scope="module", params=["inlining", "whoosh"])
def index(request, tmp_path_factory):
    """Three segments (two merged, one not), with deletions in both; read only."""
    codec = InliningCodec() if request.param == "inlining" else W3Codec()
    ix = FileStorage(str(tmp_path_factory.mktemp(request.param))).create_index(SCHEMA)
    for number, seed in enumerate((1, 2, 3)):
        writer = FastCommitSegmentWriter(ix, codec=codec, merge=number < 2)
        for document in _documents(700, seed):
            writer.add_document(**document)
        writer.commit()
    writer = ix.writer()
    for key in ("k1-3", "k1-40", "k3-5", "k3-600"):
        writer.delete_by_term("key", key)
    writer.commit(merge=False)
    return ix


def _word(word, title_boost=3.0):
    return wq.Or([wq.Term("title", word, boost=title_boost), wq.Term("body", word)])


QUERIES = [
    wq.Term("body", "common"),
    _word("common"),
    _word("skills"),
    _word("rare7"),
    _word("nowhere"),
    wq.And([_word("common"), _word("often")]),
    wq.And([_word("skills"), _word("rare12", title_boost=1.0)]),
]


def _whoosh_ranking(searcher, query, limit, mask=None):
    """Whoosh's complete ranking, cut: its top-k search skips blocks by their best
    possible score and, for an And of Ors, can skip the best document."""
    results = searcher.search(query, limit=None, filter=mask)
    return [(docnum, score) for docnum, score in results.items()][:limit]


def _assert_same_ranking(ours, theirs):
    assert [docnum for docnum, _ in ours] == [docnum for docnum, _ in theirs]
    assert [score for _, score in ours] == pytest.approx([score for _, score in theirs],
                                                         rel=1e-12)


@pytest.mark.parametrize("query", QUERIES, ids=repr)
@pytest.mark.parametrize("limit", [None, 1, 25, 1000])
@pytest.mark.parametrize("dense_share", [0.0, 0.25, float("inf")],
                         ids=["always-dense", "by-share", "always-sorted"])
def test_bulk_scores_rank_as_whoosh_does(index, query, limit, dense_share, monkeypatch):
    """Whatever way a word's fields are added up (arrays the size of the segment, or
    sorted postings), the ranking and the scores are Whoosh's."""
    monkeypatch.setattr(bulkscore, "DENSE_SHARE", dense_share)
    with index.searcher() as searcher:
        assert len(searcher.leaf_searchers()) >= 2
        ours = bulkscore.top_hits(searcher, bulkscore.word_plan(query), allowed=None,
                                  limit=limit)
        theirs = _whoosh_ranking(searcher, query, limit)
    assert ours is not None
    assert bool(ours) == ("nowhere" not in repr(query))
    _assert_same_ranking(ours, theirs)


def test_deleted_documents_are_never_found(index):
    with index.searcher() as searcher:
        keys = {searcher.stored_fields(docnum)["key"] for docnum, _ in
                bulkscore.top_hits(searcher, [[("body", "common", 1.0), ("title", "common", 1.0)]],
                                   allowed=None, limit=None)}
    assert not keys & {"k1-3", "k1-40", "k3-5", "k3-600"}
    assert len(keys) > 1500


def test_a_filter_keeps_only_its_documents(index):
    with index.searcher() as searcher:
        kind_a = sorted(searcher.docs_for_query(wq.Term("kind", "a")))
        docs = DocSet(kind_a, searcher.doc_count_all())
        query = _word("common")
        ours = bulkscore.top_hits(searcher, bulkscore.word_plan(query), allowed=docs.mask,
                                  limit=50)
        theirs = _whoosh_ranking(searcher, query, 50, mask=docs.bits)
    assert {docnum for docnum, _ in ours} <= set(kind_a)
    _assert_same_ranking(ours, theirs)


def test_kept_postings_give_the_same_answer_and_stay_bounded(index, monkeypatch):
    monkeypatch.setattr(bulkscore, "MIN_KEPT_POSTINGS", 1)
    monkeypatch.setattr(bulkscore, "MAX_KEPT_POSTINGS", 5000)
    query = wq.And([_word("common"), _word("often")])
    with index.searcher() as searcher:
        plan = bulkscore.word_plan(query)
        first = bulkscore.top_hits(searcher, plan, allowed=None, limit=30)
        again = bulkscore.top_hits(searcher, plan, allowed=None, limit=30)
    assert first == again
    assert 0 < bulkscore._kept_postings <= 5000


@pytest.mark.parametrize("query", [
    wq.Phrase("body", ["common", "often"]),
    wq.Prefix("body", "comm"),
    wq.Or([wq.Term("body", "common"), wq.Prefix("body", "oft")]),
    wq.Or([wq.Term("body", "common"), wq.Term("title", "common")], boost=2.0),
    wq.Or([wq.Term("body", "common"), wq.Term("title", "common")], scale=0.9),
    wq.Not(wq.Term("body", "common")),
    wq.AndNot(wq.Term("body", "common"), wq.Term("body", "often")),
])
def test_other_shapes_are_left_to_whoosh(query):
    assert bulkscore.word_plan(query) is None


# --- through the backend -------------------------------------------------------------------

def test_the_backend_scores_word_searches_in_bulk_with_whoosh_s_results(backend, monkeypatch):
    """A word search with a queryset filter goes through bulk scoring, and answers as
    Whoosh's own scoring does (the same books, order and scores)."""
    from modelsearch.query import PlainText
    from modelsearch.test.testapp import models

    from portal.search.backends.whoosh import execution

    def ranked(query, queryset):
        results = backend.search(query, queryset).annotate_score("score")
        return [(book.title, round(book.score, 9)) for book in results]

    fewest_pages = min(book.number_of_pages for book in
                       models.Book.objects.filter(title__icontains="programming"))
    searches = [(PlainText("programming"), models.Book.objects.all()),
                (PlainText("programming rust", operator="and"), models.Book.objects.all()),
                (PlainText("rust towers", operator="or"), models.Book.objects.all()),
                (PlainText("programming"),
                 models.Book.objects.filter(number_of_pages__gt=fewest_pages))]
    bulk_calls = []
    real_top_hits = bulkscore.top_hits
    monkeypatch.setattr(bulkscore, "top_hits",
                        lambda *args, **kwargs: bulk_calls.append(1) or real_top_hits(*args, **kwargs))
    in_bulk = [ranked(query, queryset) for query, queryset in searches]
    assert len(bulk_calls) == len(searches)
    assert all(in_bulk)
    assert len(in_bulk[3]) < len(in_bulk[0])

    monkeypatch.setattr(execution, "top_documents", lambda *args: None)
    from portal.search.backends.whoosh import results
    monkeypatch.setattr(results, "top_documents", lambda *args: None)
    assert [ranked(query, queryset) for query, queryset in searches] == in_bulk
