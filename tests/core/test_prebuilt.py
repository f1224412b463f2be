"""Values the task worker builds after a change (portal/core/prebuilt.py), here the whole
library's facet counts and size: built once per change for every audience and language,
read by every request, never stale, and left alone by changes elsewhere."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django_tasks.signals import task_finished

from portal.core import prebuilt
from portal.core.models import Theme
from portal.resources.enums import Access, ResourceType
from portal.resources.facets import LIBRARY_COUNTS, listing_facets
from portal.resources.listing import resource_listing
from portal.resources.selectors import ResourceFilters
from tests.factories.forum import topic
from tests.factories.members import member
from tests.factories.resources import library, resource

pytestmark = pytest.mark.django_db
VISITOR = AnonymousUser()
NO_FILTER = ResourceFilters()
# The statements that count the library's facets (see resources.selectors).
FACET_STATEMENTS = ("facet_set_0", "region_west")


@pytest.fixture
def prebuilt_on(settings):
    """As `make run` has it, with every kept part of pages off so that only what the
    worker built is kept; the tests' task backend runs each task at once."""
    settings.PREBUILT_ENABLED = True
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = False


@pytest.fixture
def builds():
    """The names of the values the worker built, in order."""
    built = []

    def finished(sender, task_result, **kwargs):
        if task_result.task.name == "build_prebuilt_task":
            built.append(task_result.args[0])

    task_finished.connect(finished, dispatch_uid="test-prebuilt-builds")
    yield built
    task_finished.disconnect(dispatch_uid="test-prebuilt-builds")


def counts(facets, key: str) -> dict:
    return {option.value: option.count for option in facets[key].options}


def committed(capture, make):
    with capture(execute=True):
        return make()


def facet_statements(queries) -> list[str]:
    return [query["sql"] for query in queries
            if any(marker in query["sql"] for marker in FACET_STATEMENTS)]


def test_a_published_resource_has_the_worker_build_the_counts_for_every_audience_and_language(
        prebuilt_on, builds, django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: resource(
        title="Open", themes=["governance"], countries=["SN"]))
    committed(django_capture_on_commit_callbacks, lambda: resource(
        title="Closed", access=Access.MEMBERS, themes=["governance"], countries=["GH"]))

    assert LIBRARY_COUNTS in builds
    with CaptureQueriesContext(connection) as queries:
        visitor = listing_facets(user=VISITOR, filters=NO_FILTER)
        members = listing_facets(user=member(), filters=NO_FILTER)
    assert facet_statements(queries.captured_queries) == []
    assert counts(visitor, "country") == {"SN": 1}
    assert counts(members, "country") == {"SN": 1, "GH": 1}
    assert counts(members, "theme") == {"governance": 2}


def test_the_french_counts_are_built_in_french(prebuilt_on, django_capture_on_commit_callbacks):
    from django.utils import translation

    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    with translation.override("fr"), CaptureQueriesContext(connection) as queries:
        facets = listing_facets(user=VISITOR, filters=NO_FILTER)
    assert facet_statements(queries.captured_queries) == []
    assert facets["country"].label == "Pays"
    assert facets["country"].options[0].label == "Sénégal"


def test_the_library_page_reads_the_built_counts_and_size(
        prebuilt_on, client, django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: [
        resource(title=f"Report {number}", countries=["KE"]) for number in range(3)])

    with CaptureQueriesContext(connection) as queries:
        response = client.get(library().url)
    assert response.status_code == 200
    assert facet_statements(queries.captured_queries) == []
    assert not [query for query in queries.captured_queries
                if query["sql"].startswith("SELECT COUNT(*)")]
    assert "Report 2" in response.content.decode()
    assert response.context["listing"].total == 3


def test_a_change_not_yet_built_is_counted_live_never_served_stale(
        prebuilt_on, django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    # Not committed yet (the test's transaction): the worker has not been asked, and the
    # request still sees the change it made.
    resource(countries=["GH"])

    with CaptureQueriesContext(connection) as queries:
        facets = listing_facets(user=VISITOR, filters=NO_FILTER)
    assert facet_statements(queries.captured_queries)
    assert counts(facets, "country") == {"SN": 1, "GH": 1}
    listing = resource_listing(user=VISITOR, filters=NO_FILTER)
    assert listing.total == 2


def test_chosen_filters_are_counted_live(prebuilt_on, django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: [
        resource(countries=["SN"], themes=["governance"]), resource(countries=["GH"])])
    chosen = ResourceFilters.from_querydict(QueryDict("theme=governance"))

    with CaptureQueriesContext(connection) as queries:
        facets = listing_facets(user=VISITOR, filters=chosen)
        total = resource_listing(user=VISITOR, filters=chosen).total
    assert facet_statements(queries.captured_queries)
    assert counts(facets, "country") == {"SN": 1}
    assert total == 1


def test_changes_elsewhere_leave_the_built_counts_alone(
        prebuilt_on, builds, django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    builds.clear()

    committed(django_capture_on_commit_callbacks, topic)

    assert builds == []
    with CaptureQueriesContext(connection) as queries:
        listing_facets(user=VISITOR, filters=NO_FILTER)
    assert facet_statements(queries.captured_queries) == []


def test_a_burst_of_changes_asks_the_worker_once(settings, prebuilt_on, builds,
                                                 django_capture_on_commit_callbacks):
    # A worker that has not started yet: the first change's request is still pending.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    for _change in range(3):
        committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))

    asked = [result for result in default_task_backend.results
             if result.task.name == "build_prebuilt_task"]
    assert sorted(result.args[0] for result in asked) == [LIBRARY_COUNTS]


def test_older_generations_are_dropped_when_a_new_one_is_built(
        prebuilt_on, django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    cache = prebuilt.built_cache()
    first = cache.get(f"prebuilt:{LIBRARY_COUNTS}:latest")

    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["GH"]))

    latest = cache.get(f"prebuilt:{LIBRARY_COUNTS}:latest")
    assert latest[0] != first[0]
    old_keys = [prebuilt._key(LIBRARY_COUNTS, first[0], parts) for parts in first[1]]
    assert cache.get_many(old_keys) == {}
    assert len(latest[1]) == 4  # two audiences, two languages


def test_turned_off_nothing_is_asked_nor_read(settings, prebuilt_on, builds,
                                             django_capture_on_commit_callbacks):
    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    settings.PREBUILT_ENABLED = False
    builds.clear()

    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["GH"]))
    assert builds == []
    with CaptureQueriesContext(connection) as queries:
        facets = listing_facets(user=VISITOR, filters=NO_FILTER)
    assert facet_statements(queries.captured_queries)
    assert counts(facets, "country") == {"SN": 1, "GH": 1}


def test_a_build_overtaken_by_a_change_stores_nothing(prebuilt_on, django_capture_on_commit_callbacks):
    """With several workers, a build that read before a change must not replace what the
    change's own build stores."""
    from portal.resources import facets

    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    latest = prebuilt.built_cache().get(f"prebuilt:{LIBRARY_COUNTS}:latest")
    registered = prebuilt._registry[LIBRARY_COUNTS]

    def build_then_change(members, language):
        value = facets.library_counts_build(members, language)
        Theme.objects.create(name=f"Meanwhile {members} {language}",
                             slug=f"meanwhile-{int(members)}-{language}")
        return value

    prebuilt._registry[LIBRARY_COUNTS] = prebuilt.Prebuilt(
        LIBRARY_COUNTS, registered.depends, registered.variants, build_then_change)
    try:
        assert prebuilt.build(LIBRARY_COUNTS) == 0
    finally:
        prebuilt._registry[LIBRARY_COUNTS] = registered
    assert prebuilt.built_cache().get(f"prebuilt:{LIBRARY_COUNTS}:latest") == latest


def test_a_queue_that_refuses_fails_neither_the_change_nor_later_requests(
        settings, prebuilt_on, django_capture_on_commit_callbacks):
    from portal.resources.models import ResourcePage

    page = committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend",
                                  "QUEUES": ["other"]}}  # refuses the default queue

    committed(django_capture_on_commit_callbacks, lambda: ResourcePage.objects.filter(
        pk=page.pk).update(resource_type=ResourceType.POLICY_BRIEF))

    assert prebuilt.built_cache().get(prebuilt._pending_key(LIBRARY_COUNTS)) is None
    assert counts(listing_facets(user=VISITOR, filters=NO_FILTER), "type") == {
        ResourceType.POLICY_BRIEF: 1}


def test_migrations_ask_for_one_rebuild_once_they_are_all_applied(
        prebuilt_on, builds, django_capture_on_commit_callbacks):
    """Data migrations write content before the task queue's table exists."""
    from django.apps import apps
    from django.db.models.signals import post_migrate, pre_migrate

    config = apps.get_app_config("core")
    pre_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False,
                     using="default", plan=[], apps=apps)
    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    assert builds == []

    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False,
                      using="default", plan=[], apps=apps)
    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False,
                      using="default", plan=[], apps=apps)
    assert sorted(builds) == [LIBRARY_COUNTS]
    assert counts(listing_facets(user=VISITOR, filters=NO_FILTER), "country") == {"SN": 1}


def test_built_counts_that_no_longer_load_are_counted_live(
        prebuilt_on, django_capture_on_commit_callbacks, monkeypatch):
    """A release that moves a class the built values hold must not fail the library."""
    from portal.resources import facets

    committed(django_capture_on_commit_callbacks, lambda: resource(countries=["SN"]))
    assert facets.whole_library_counts(VISITOR) is not None
    monkeypatch.delattr(facets, "LibraryCounts")

    with CaptureQueriesContext(connection) as queries:
        counted = listing_facets(user=VISITOR, filters=NO_FILTER)
    assert facet_statements(queries.captured_queries)
    assert counts(counted, "country") == {"SN": 1}
