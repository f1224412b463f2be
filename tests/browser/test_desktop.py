"""Desktop, 1280 px wide: the agenda's programme column keeps its width beside many zone
columns, the filters are open, and the dashboard's calendar-feed address wraps inside its
card."""

import io

import pytest
from django.core.management import call_command

from portal.webinars.demo import PAST_SLUG, UPCOMING_SLUG
from portal.webinars.models import Webinar
from tests.browser.steps import log_in
from tests.factories.members import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 1280, 900
REM = 16


@pytest.fixture
def desktop(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": WIDTH, "height": HEIGHT},
                                  timezone_id="Asia/Tokyo")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _no_sideways_scroll(page, path):
    scroller = page.locator(".agenda-wrap")
    widths = scroller.evaluate("element => [element.scrollWidth, element.clientWidth]")
    assert widths[0] <= widths[1], f"{path}: the agenda scrolls sideways {widths}"


def test_agenda_keeps_a_wide_programme_column_and_filters_are_open(reference_data, desktop,
                                                                   axe_check):
    call_command("load_demo", stdout=io.StringIO())
    upcoming = Webinar.objects.get(slug=UPCOMING_SLUG, locale__language_code="en")
    upcoming.display_timezones = ("Africa/Lagos, Africa/Nairobi, Africa/Cairo, "
                                  "Indian/Mauritius")
    upcoming.save()

    # Two zones and the viewer's (Tokyo): a table whose programme column keeps 16rem.
    # Four display zones: the programme cell still has at least that width.
    for path in (f"/webinars/{PAST_SLUG}/", f"/webinars/{PAST_SLUG}/programme/",
                 f"/webinars/{UPCOMING_SLUG}/", f"/webinars/{UPCOMING_SLUG}/programme/"):
        desktop.goto(path)
        if UPCOMING_SLUG in path:
            assert desktop.locator("table.agenda thead th.agenda__time[data-zone]").count() == 5
        titles = desktop.locator("td.agenda__item")
        assert titles.count() >= 3
        for index in range(titles.count()):
            width = titles.nth(index).bounding_box()["width"]
            assert width >= 16 * REM - 1, f"{path}: programme cell {index} is {width} px wide"
        _no_sideways_scroll(desktop, path)
        axe_check(desktop)

    for path in ("/resources/", "/webinars/", "/search/?q=skills"):
        desktop.goto(path)
        panel = desktop.locator("details[data-filters]")
        assert panel.evaluate("element => element.open") is True, path
        assert panel.locator("h2").first.is_visible()
        axe_check(desktop)


def test_calendar_feed_address_wraps_inside_its_card(reference_data, desktop, axe_check):
    log_in(desktop, member())
    desktop.goto("/members/me/")
    axe_check(desktop)

    address = desktop.locator("code.feed-url")
    card = address.locator("xpath=ancestor::section[contains(@class, 'panel')][1]")
    box, card_box = address.bounding_box(), card.bounding_box()
    # Longer than the card is wide: it wraps onto several lines rather than spilling out.
    assert address.evaluate("element => element.getClientRects().length") > 1
    assert box["x"] >= card_box["x"] and box["x"] + box["width"] <= card_box["x"] + card_box[
        "width"], (box, card_box)
    assert box["y"] + box["height"] <= card_box["y"] + card_box["height"]
    assert card.evaluate("element => element.scrollWidth <= element.clientWidth")

    following = card.locator("xpath=following-sibling::section[1]")
    other = following.bounding_box()
    overlap_x = min(card_box["x"] + card_box["width"], other["x"] + other["width"]) - max(
        card_box["x"], other["x"])
    overlap_y = min(card_box["y"] + card_box["height"], other["y"] + other["height"]) - max(
        card_box["y"], other["y"])
    assert overlap_x <= 0 or overlap_y <= 0, (card_box, other)
