"""The segment format: short posting lists inlined, long ones skipped through by bisection."""

import random

import pytest
from whoosh import fields as wf
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from portal.search.backends.whoosh.codec import (
    INLINE_POSTINGS,
    BisectingPostings,
    InlinedPostings,
    InliningCodec,
)
from portal.search.backends.whoosh.writer import FastCommitSegmentWriter

SCHEMA = wf.Schema(
    key=wf.ID(stored=True, unique=True),
    text=wf.TEXT(phrase=True),
    tags=wf.KEYWORD,
)


def _write(ix, documents, codec, merge=True):
    writer = FastCommitSegmentWriter(ix, codec=codec, merge=merge)
    for document in documents:
        writer.add_document(**document)
    writer.commit()


def _documents(count, seed):
    rng = random.Random(seed)
    words = ["common"] * 30 + ["often"] * 10 + [f"rare{n}" for n in range(300)]
    return [
        {
            "key": f"k{seed}-{number}",
            "text": " ".join(rng.choice(words) for _ in range(rng.randint(3, 25))),
            "tags": " ".join(rng.sample(["a", "b", "c", f"t{number}"], 2)),
        }
        for number in range(count)
    ]


def _answers(ix):
    queries = [
        wq.Term("text", "common"),
        wq.Term("text", "rare7"),
        wq.Term("key", "k1-5"),
        wq.Term("tags", "t3"),
        wq.And([wq.Term("text", "common"), wq.Term("text", "rare42")]),
        wq.Phrase("text", ["common", "rare3"]),
        wq.Phrase("text", ["common", "often", "common"]),
        wq.Or([wq.Term("text", "rare1"), wq.Term("text", "rare2")]),
    ]
    with ix.searcher() as searcher:
        return [
            sorted((hit["key"], round(hit.score, 5)) for hit in searcher.search(q, limit=None))
            for q in queries
        ]


def _index(tmp_path, name, codec, batches):
    path = tmp_path / name
    path.mkdir()
    ix = FileStorage(str(path)).create_index(SCHEMA)
    for number, batch in enumerate(batches):
        # The last batch is written without merging: the index keeps two segments.
        _write(ix, batch, codec, merge=number < len(batches) - 1)
    return ix


def test_the_codec_finds_and_scores_what_whoosh_does(tmp_path):
    batches = [_documents(400, seed) for seed in (1, 2, 3)]
    ours = _index(tmp_path, "ours", InliningCodec(), batches)
    whoosh = _index(tmp_path, "whoosh", W3Codec(), batches)

    answers = _answers(ours)
    assert answers == _answers(whoosh)
    assert all(answers)


def test_short_posting_lists_are_inlined_and_read_whole(tmp_path):
    ix = _index(tmp_path, "ix", InliningCodec(), [_documents(50, 1)])
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert reader.doc_frequency("key", "k1-3") == 1
        key = reader.postings("key", "k1-3")
        assert isinstance(key, InlinedPostings)
        assert list(key.all_items()) == [(3, b"")]  # identifiers have no value: bytes

        tag = reader.postings("tags", "t7")
        copy = tag.copy()
        assert copy.term() == tag.term() and copy.block_max_length() == tag.block_max_length()

        common = reader.postings("text", "common")
        assert reader.doc_frequency("text", "common") > INLINE_POSTINGS
        assert isinstance(common, BisectingPostings)


def test_merging_segments_with_inlined_postings_keeps_every_document(tmp_path):
    batches = [_documents(60, seed) for seed in (1, 2, 3, 4)]
    ix = _index(tmp_path, "ix", InliningCodec(), [*batches, []])
    writer = FastCommitSegmentWriter(ix)
    writer.commit(optimize=True)

    with ix.searcher() as searcher:
        assert len(ix._segments()) == 1
        assert searcher.doc_count() == 240
        assert [hit["key"] for hit in searcher.search(wq.Term("key", "k3-59"))] == ["k3-59"]


@pytest.mark.parametrize("seed", range(5))
def test_skipping_by_bisection_lands_where_stepping_does(tmp_path, seed):
    ix = _index(tmp_path, "ix", InliningCodec(), [_documents(1500, seed)])
    rng = random.Random(seed)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        total = reader.doc_count_all()
        postings = list(reader.postings("text", "common").all_ids())
        matcher = reader.postings("text", "common")
        assert isinstance(matcher, BisectingPostings)
        target = 0
        while matcher.is_active():
            target += rng.randint(0, total // 40)
            matcher.skip_to(target)
            expected = next((doc for doc in postings if doc >= target), None)
            assert (matcher.id() if matcher.is_active() else None) == expected


class _WhooshPoolWriter(FastCommitSegmentWriter):
    """Sorts its postings with Whoosh's own pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool = PostingPool(self._tempstorage, self.newsegment, limitmb=128)


class _SpillingWriter(FastCommitSegmentWriter):
    """Spills its postings to sorted runs on disk every few thousand."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pool.limit = 400_000


def _segment_files(tmp_path, name, writer_class, batches):
    """The files of the one segment left after writing ``batches`` and merging them."""
    path = tmp_path / name
    path.mkdir()
    ix = FileStorage(str(path)).create_index(SCHEMA)
    for number, batch in enumerate(batches):
        writer = writer_class(ix, codec=InliningCodec(), compound=False)
        for document in batch:
            writer.add_document(**document)
        writer.commit(optimize=number == len(batches) - 1)
    segments = ix._segments()
    assert len(segments) == 1
    # Files are named after the segment's random id.
    prefix = segments[0].segment_id()
    return sorted((file.name.removeprefix(prefix), file.read_bytes())
                  for file in path.iterdir() if file.name.startswith(prefix))


@pytest.mark.parametrize("writer_class", [FastCommitSegmentWriter, _SpillingWriter])
def test_postings_sorted_per_field_are_written_as_whoosh_sorts_them(tmp_path, writer_class):
    # Several blocks for "common", inlined rare words; the last batch merges the others.
    batches = [_documents(700, 5), _documents(300, 6), _documents(200, 7)]
    ours = _segment_files(tmp_path, "ours", writer_class, batches)

    assert ours == _segment_files(tmp_path, "whoosh", _WhooshPoolWriter, batches)
    assert {suffix for suffix, _content in ours} >= {".pst", ".trm"}
