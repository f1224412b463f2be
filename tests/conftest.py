import os
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made
# by the test itself (arranging data, reading the outbox) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
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


@pytest.fixture
def axe_check():
    """Run axe on the page as it is now and fail with a readable report on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"

    return check
