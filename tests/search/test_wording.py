"""How a query is read: accents folded, stop words dropped, synonym phrases kept whole."""

from portal.search.ranking import _normalised
from portal.search.wording import content_words, fold, segments_for


def test_fold_removes_accents_and_ligatures():
    assert fold("Yaoundé CÔTE main-d'œuvre") == "yaounde cote main-d'oeuvre"


def test_content_words_drop_english_and_french_stop_words():
    assert content_words("recognition of prior learning") == ["recognition", "prior", "learning"]
    assert content_words("reconnaissance des acquis de l'expérience") == [
        "reconnaissance", "acquis", "expérience"]


def test_segments_keep_the_longest_synonym_phrase_whole(db):
    segments = segments_for("recognition of prior learning in Ghana")
    assert [segment.text for segment in segments] == ["recognition of prior learning", "ghana"]
    assert "rpl" in segments[0].alternatives
    assert segments[1].alternatives == ["ghana"]


def test_segments_offer_the_accent_free_spelling(db):
    (segment,) = segments_for("Kpalimé")
    assert segment.alternatives == ["kpalimé", "kpalime"]


def test_scores_are_scaled_to_one_over_every_area():
    scaled = _normalised({"a": {1: 8.0, 2: 2.0}, "b": {3: 4.0}})
    assert scaled["a"][1] == 1.0
    assert scaled["a"][1] > scaled["b"][3] > scaled["a"][2] > 0


def test_title_share_counts_segments_found_in_the_title_through_any_alternative(db):
    from portal.search.selectors import _title_share, _wanted_stems

    segments = _wanted_stems(segments_for("labor migration Kenya"))
    assert _title_share("Labour migration in Kenya", segments) == 1.0
    assert _title_share("Migrations de main-d'œuvre", segments) == 0.5  # 2 segments
    assert _title_share("Country study of Ghana", segments) == 0.0
