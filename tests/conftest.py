import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.cache import caches

from tests.postgres import postgres_database, postgres_server  # noqa: F401  (fixtures)

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# by the test itself (arranging data, reading the outbox) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /fr/ leaves French active in its thread; each test starts in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _clear_cache():
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_search_index(settings, tmp_path):
    """Each test gets its own Whoosh index folder, so no test sees another's documents."""
    backends = {name: dict(config) for name, config in settings.WAGTAILSEARCH_BACKENDS.items()}
    for config in backends.values():
        if "PATH" in config:
            config["PATH"] = tmp_path / "whoosh"
    settings.WAGTAILSEARCH_BACKENDS = backends
    yield


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, live_server, tmp_path_factory):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  timezone_id="Africa/Nairobi", accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = Path(os.environ.get("PORTAL_TEST_ARTIFACTS") or tmp_path_factory.mktemp("shots"))
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"{request.node.name}.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"\nScreenshot of the failing page ({page.url}): {shot}")
    context.close()


def _run_axe_when_loaded(axe, page, attempts=3):
    """A click that navigates returns once the new document is committed, not parsed; axe
    run in between finds no document. Wait for the load event and try again if the page was
    still being replaced."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(attempts):
        page.wait_for_load_state("load")
        try:
            return axe.run(page)
        except PlaywrightError:
            if attempt == attempts - 1:
                raise
            page.wait_for_timeout(200)


@pytest.fixture
def axe_check():
    """Run axe on the page as it is now and fail with a readable report on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = _run_axe_when_loaded(axe, page)
        assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"

    return check


_FRESH_SNAPSHOT: list[str] = []
SNAPSHOT_CODE = (
    "import sys, django; django.setup(); "
    "from django.core.management import call_command; call_command('migrate', verbosity=0); "
    "from django.db import connection; "
    "sys.stdout.write(connection.creation.serialize_db_to_string())"
)


def _migrated_snapshot() -> str:
    """The contents of a freshly migrated database (seeded taxonomy, Wagtail's root page,
    site and collection, groups...), serialised; built once per session when needed."""
    import gc

    from django.db import connection
    from django.db.backends.base.base import BaseDatabaseWrapper

    kept = next((wrapper._test_serialized_contents for wrapper in gc.get_objects()
                 if isinstance(wrapper, BaseDatabaseWrapper)
                 and wrapper.alias == connection.alias
                 and getattr(wrapper, "_test_serialized_contents", None)), None)
    if kept:
        return kept
    if not _FRESH_SNAPSHOT:
        from django.conf import settings

        with tempfile.TemporaryDirectory(prefix="portal-snapshot-") as var_dir:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
                   "PORTAL_TEST_VAR_DIR": var_dir}
            completed = subprocess.run([sys.executable, "-c", SNAPSHOT_CODE], env=env,
                                       cwd=settings.BASE_DIR, capture_output=True, text=True,
                                       timeout=600)
        if completed.returncode:
            pytest.fail(f"Could not build the reference data: {completed.stderr[-2000:]}")
        _FRESH_SNAPSHOT.append(completed.stdout)
    return _FRESH_SNAPSHOT[0]


@pytest.fixture
def reference_data(transactional_db):
    """The data the migrations seeded (countries, themes, the Wagtail root page, site and
    collection), for a transactional test that runs after another one emptied the tables.

    pytest-django's serialized_rollback does not help here: once Playwright's session
    browser runs, the test sees another database connection object, without the snapshot
    pytest-django kept, and a table emptied by a test without serialized_rollback gets its
    content types back from post_migrate, which clashes with the snapshot's.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from portal.core.models import Country

    if Country.objects.exists():
        return
    objects = json.loads(_migrated_snapshot())
    # Content types first, so that nothing loaded before them creates one with another id.
    objects.sort(key=lambda item: item["model"] != "contenttypes.contenttype")
    # Empty the tables without post_migrate: the snapshot brings content types back itself.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    ContentType.objects.clear_cache()
    connection.creation.deserialize_db_from_string(json.dumps(objects))
    ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """Transactional tests (browser, concurrency) start from the migrated reference data
    even when an earlier transactional test flushed the tables."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        request.getfixturevalue("reference_data")
