"""An area's weight scales its scores before the areas are merged, and only its own."""

import dataclasses

from django.contrib.auth.models import AnonymousUser

from portal.search import registry
from portal.search.selectors import site_search
from tests.factories.webinars import WebinarFactory


def _scores(query: str) -> dict[str, float]:
    outcome = site_search(query=query, user=AnonymousUser())
    return {hit.area.key: hit.score for hit in outcome.hits}


def test_the_forum_weight_scales_forum_scores_only(db, monkeypatch):
    webinar = WebinarFactory(title="Seasonal work in the Pacific", summary=(
        "How seasonal work schemes recruit, train and bring workers home."))
    webinar.save_revision().publish()  # its discussion topic repeats the title and summary
    forum = registry.search_area("forum")
    assert forum.weight < 1  # a discussion ranks after what it discusses, matched alike

    monkeypatch.setitem(registry._areas, "forum", dataclasses.replace(forum, weight=1.0))
    unweighted = _scores("seasonal schemes")
    monkeypatch.setitem(registry._areas, "forum", dataclasses.replace(forum, weight=0.5))
    halved = _scores("seasonal schemes")

    assert set(unweighted) == {"webinars", "forum"}
    assert halved["webinars"] == unweighted["webinars"]
    assert 0 < halved["forum"] < unweighted["forum"]
