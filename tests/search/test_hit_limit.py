"""A word found in thousands of objects: only the best matches of each area are loaded."""

import pytest
from django.urls import reverse

from portal.members.enums import Visibility
from portal.search import ranking, selectors
from tests.factories.members import member

pytestmark = pytest.mark.django_db


def test_only_the_best_matches_of_an_area_are_loaded(client, monkeypatch):
    monkeypatch.setattr(selectors, "MAX_HITS_PER_AREA", 3)
    for number in range(5):
        member(display_name=f"Planner {number}", organisation="Nairobi planners",
               visibility=Visibility.PUBLIC)
    best = member(display_name="Planner of planners", organisation="Planners planners",
                  job_title="Planner", visibility=Visibility.PUBLIC)

    response = client.get(reverse("search:index"), {"q": "planners"})

    hits = response.context["outcome"].hits
    assert len(hits) == 3
    assert hits[0].obj.pk == best.profile.pk


def test_the_best_are_chosen_by_segments_matched_then_score():
    scores = {1: (1, 9.0), 2: (2, 0.5), 3: (2, 0.7), 4: (1, 1.0)}
    original = selectors.MAX_HITS_PER_AREA
    try:
        selectors.MAX_HITS_PER_AREA = 2
        assert set(selectors._best(scores)) == {2, 3}
    finally:
        selectors.MAX_HITS_PER_AREA = original


def test_visible_matches_are_counted_only_as_far_as_the_search_needs(monkeypatch,
                                                                      django_assert_max_num_queries):
    """The count decides between "none", "too few" and "enough": a word in many objects
    is settled by the best-ranked few, hidden ones skipped."""
    from django.contrib.auth.models import AnonymousUser

    from portal.search.registry import search_area

    monkeypatch.setattr(selectors, "COUNT_CHUNK", 2)
    hidden = [member(display_name=f"Hidden planner {n}", visibility=Visibility.MEMBERS)
              for n in range(3)]
    shown = [member(display_name=f"Planner {n}", visibility=Visibility.PUBLIC) for n in range(4)]
    area = search_area("members")
    # The hidden ones rank first: the first chunk finds none of them visible.
    scores = {profile.profile.pk: float(10 - rank)
              for rank, profile in enumerate(hidden + shown)}
    with django_assert_max_num_queries(8):
        counted = selectors._visible_count([area], AnonymousUser(), {"members": scores})
    assert counted == selectors.FEW_RESULTS
    only_two = {profile.profile.pk: 1.0 for profile in hidden + shown[:2]}
    assert selectors._visible_count([area], AnonymousUser(), {"members": only_two}) == 2


def _shown(query: str) -> list:
    from django.contrib.auth.models import AnonymousUser

    outcome = selectors.site_search(query=query, user=AnonymousUser())
    return [(hit.area.key, hit.pk, round(hit.score, 9)) for hit in outcome.hits]


def _depths_asked(monkeypatch) -> list[int]:
    """The ``limit`` of every backend search the site search makes."""
    asked = []
    search_words = ranking._search_words

    def recording(*args, limit, **kwargs):
        asked.append(limit)
        return search_words(*args, limit=limit, **kwargs)

    monkeypatch.setattr(ranking, "_search_words", recording)
    return asked


def test_one_word_asks_each_area_only_for_the_matches_it_can_show(monkeypatch):
    monkeypatch.setattr(selectors, "MAX_HITS_PER_AREA", 3)
    for number in range(6):
        member(display_name=f"Planner {number}", organisation="Planners " * (number % 3 + 1),
               visibility=Visibility.PUBLIC)
    asked = _depths_asked(monkeypatch)

    shallow = _shown("planners")
    assert asked and set(asked) == {3}
    monkeypatch.setattr(selectors, "_depth", lambda segments: 1000)

    assert len(shallow) == 3
    assert shallow == _shown("planners")


def test_several_words_are_read_deep_enough_to_meet(monkeypatch):
    """An object found by both words but among the best of neither is still found."""
    monkeypatch.setattr(selectors, "MAX_HITS_PER_AREA", 2)
    for number in range(3):
        member(display_name=f"Planner {number}", organisation="Planners planners planners",
               visibility=Visibility.PUBLIC)
        member(display_name=f"Kisumu {number}", organisation="Kisumu Kisumu Kisumu",
               visibility=Visibility.PUBLIC)
    both = member(display_name="Achieng Otieno", organisation="Kisumu county",
                  job_title="Planner", bio="A long biography about many other things " * 5,
                  visibility=Visibility.PUBLIC)

    from django.contrib.auth.models import AnonymousUser

    asked = _depths_asked(monkeypatch)
    hits = selectors.site_search(query="planner kisumu", user=AnonymousUser()).hits
    assert set(asked) == {ranking.MAX_HITS_PER_SEARCH}
    # Too few match both words, so the search widens: those matching one follow.
    assert [hit.pk for hit in hits if hit.matched == 2] == [both.profile.pk]
    assert hits[0].pk == both.profile.pk
