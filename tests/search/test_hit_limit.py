"""A word found in thousands of objects: only the best matches of each area are loaded."""

import pytest
from django.urls import reverse

from portal.members.enums import Visibility
from portal.search import selectors
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
