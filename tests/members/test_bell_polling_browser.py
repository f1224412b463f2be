"""The header bell stops polling while its tab is hidden and polls again once it is shown
(static/js/notifications.js), counted from the requests the real browser makes."""

import pytest

from tests.browser.steps import log_in
from tests.factories.forum import established

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BELL_PATH = "/notifications/count.json"

SET_VISIBILITY = """hidden => {
    Object.defineProperty(document, "hidden", {configurable: true, get: () => hidden});
    Object.defineProperty(document, "visibilityState", {
        configurable: true, get: () => (hidden ? "hidden" : "visible")});
    document.dispatchEvent(new Event("visibilitychange"));
}"""


def test_bell_does_not_poll_while_the_tab_is_hidden(page, live_server, axe_check, settings):
    settings.NOTIFICATION_BELL_POLL_SECONDS = 1
    amina = established(display_name="Amina Diallo")
    log_in(page, amina, axe_check)
    polls = []
    page.on("request", lambda request: polls.append(request.url)
            if request.url.split("?")[0].endswith(BELL_PATH) else None)
    page.goto("/members/")
    axe_check(page)

    page.wait_for_timeout(3_500)
    assert len(polls) >= 3  # one at load, then about one a second

    page.evaluate(SET_VISIBILITY, True)
    page.wait_for_timeout(500)  # a request already on its way may still land
    while_hidden = len(polls)
    page.wait_for_timeout(4_000)
    assert len(polls) == while_hidden

    page.evaluate(SET_VISIBILITY, False)
    for _step in range(8):  # at once on showing, before the first tick a second later
        if len(polls) > while_hidden:
            break
        page.wait_for_timeout(100)
    assert len(polls) == while_hidden + 1
    page.wait_for_timeout(3_000)
    assert len(polls) >= while_hidden + 3
    axe_check(page)
