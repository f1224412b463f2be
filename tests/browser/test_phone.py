"""Phones: at 360 × 740 px, in English and French, no page is wider than the screen; the
register action is in the first screen; an invalid submit puts the focus on the error
summary; "your time" is right on the first page a visitor opens; axe finds nothing."""

import io
import re

import pytest
from django.core.management import call_command

from portal.members.demo import DEMO_PASSWORD
from portal.resources.models import ResourcePage
from portal.webinars.demo import PAST_SLUG, UPCOMING_SLUG
from tests.conftest import CHROMIUM  # noqa: F401  (the browser fixture checks it exists)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH, HEIGHT = 360, 740


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB",
                                  viewport={"width": WIDTH, "height": HEIGHT},
                                  timezone_id="Pacific/Honolulu", is_mobile=True,
                                  has_touch=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def public_paths() -> list[str]:
    from portal.forum.models import Category, Topic
    from portal.goodpractices.models import CallPage, PracticePage

    resource = ResourcePage.objects.live().public().filter(access="public").first()
    topic = Topic.objects.filter(category__read_group__isnull=True).order_by("pk").first()
    category = Category.objects.filter(read_group__isnull=True).order_by("pk").first()
    call = CallPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
    practice = (PracticePage.objects.live().filter(locale__language_code="en")
                .order_by("pk").first())
    return [
        "/forum/", "/forum/latest/", category.get_absolute_url(), topic.get_absolute_url(),
        "/good-practices/", call.url, practice.url,
        "/", "/webinars/", f"/webinars/{UPCOMING_SLUG}/", f"/webinars/{PAST_SLUG}/",
        f"/webinars/{PAST_SLUG}/programme/", "/webinars/series/skills-and-labour-migration/",
        "/resources/", resource.url, "/search/?q=skills", "/members/", "/privacy/",
        "/site-map/", "/time-zone/", "/accounts/signup/", "/accounts/login/",
    ]


def assert_fits(page, path):
    # Against the screen's width itself: a mobile browser widens its layout viewport to
    # fit a page that overflows, so comparing with window.innerWidth would hide it.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{path} is {width} px wide on a {WIDTH} px screen"


def test_every_page_type_fits_a_phone_in_both_languages(reference_data, phone, axe_check):
    call_command("load_demo", stdout=io.StringIO())

    for path in public_paths():
        for prefix in ("", "/fr"):
            response = phone.goto(prefix + path)
            assert response.status == 200, prefix + path
            assert_fits(phone, prefix + path)
            axe_check(phone)

    phone.goto("/accounts/login/")
    phone.get_by_label("Email").fill("amina.diallo@example.org")
    phone.get_by_label("Password").fill(DEMO_PASSWORD)
    phone.get_by_role("button", name="Sign In").click()
    phone.wait_for_url("**/members/me/**")
    for path in ("/members/me/", "/fr/members/me/"):
        phone.goto(path)
        assert_fits(phone, path)
        axe_check(phone)


def test_register_action_is_in_the_first_screen_and_errors_take_the_focus(reference_data,
                                                                          phone, axe_check):
    call_command("load_demo", stdout=io.StringIO())
    phone.goto(f"/webinars/{UPCOMING_SLUG}/")

    action = phone.locator(".webinar-cta__button")
    box = action.bounding_box()
    assert box is not None and box["y"] + box["height"] <= HEIGHT
    assert "places left" in phone.locator(".webinar-cta").inner_text()

    action.click()
    form = phone.locator("form.webinar-register__form")
    assert form.is_visible()
    form.get_by_role("button", name="Register").click()
    phone.wait_for_load_state()

    summary = phone.locator("[data-error-summary]")
    summary.wait_for()
    assert phone.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert "Full name" in summary.inner_text()
    assert "Interpretation you need" in summary.inner_text()  # the organiser's own question
    box = summary.bounding_box()
    assert 0 <= box["y"] < HEIGHT  # on screen, not at the top of the page
    axe_check(phone)

    summary.get_by_role("link", name="Full name", exact=False).click()
    assert phone.evaluate("document.activeElement.id") == "id_name"

    form.get_by_label("Full name").fill("Wanjiru Kamau")
    form.get_by_label("E-mail address").fill("wanjiru.kamau@example.org")
    form.get_by_label("Organisation", exact=True).fill("National Industrial Training Authority")
    form.get_by_label("Type of organisation").select_option("training")
    form.get_by_label("Country").select_option(label="Kenya")
    form.get_by_label("French").check()
    form.get_by_label("I agree that the organisers").check()
    form.get_by_role("button", name="Register").click()
    phone.wait_for_url(re.compile(r"/webinars/registration/[\w-]+/(#register)?$"))
    assert "wanjiru.kamau@example.org" in phone.locator(".manage-sent").inner_text()
    assert_fits(phone, phone.url)
    axe_check(phone)
    phone.goto(phone.url.replace("/webinars/", "/fr/webinars/"))
    assert_fits(phone, phone.url)
    axe_check(phone)


def test_your_time_is_right_on_the_first_page_with_the_day(reference_data, phone, axe_check):
    call_command("load_demo", stdout=io.StringIO())

    phone.goto(f"/webinars/{PAST_SLUG}/")  # no cookie yet: the first page a visitor opens

    table = phone.locator("table.agenda")
    assert table.get_attribute("data-viewer-zone") == "Pacific/Honolulu"
    first = phone.locator("td[data-viewer-cell]").first
    assert first.is_visible()
    # 11:00 SAST on Thursday 11 April 2024 is 23:00 on Wednesday the 10th in Honolulu.
    assert "23:00–23:05" in first.inner_text() and "10" in first.locator(
        ".agenda__day").inner_text()
    header = phone.locator(".webinar-when__you")
    assert header.is_visible() and "Honolulu" in header.inner_text()

    # The printable programme: under the event's zones, the viewer's time with the
    # viewer's day, on screen and on paper.
    phone.goto(f"/webinars/{PAST_SLUG}/programme/")
    assert "11 April 2024" in phone.locator(".programme-sheet__when").inner_text()
    yours = phone.locator(".programme-sheet__you")
    assert yours.is_visible()
    assert "Wed 10 Apr, 23:00–" in yours.inner_text()
    assert "Honolulu (GMT-10)" in yours.inner_text()
    axe_check(phone)
    phone.emulate_media(media="print")
    assert yours.is_visible() and "Wed 10 Apr" in yours.inner_text()
    assert not yours.get_by_role("link").is_visible()  # "Change time zone" is not printed
    phone.emulate_media(media="screen")

    # The listing's cards: the viewer's day beside the event's when they differ.
    phone.goto("/webinars/")
    card = phone.locator(".webinar-card", has_text="Skills Partnerships on Labour Migration")
    assert "Thu 11 April 2024, 11:00" in card.locator(".card__meta time").first.inner_text()
    viewer = card.locator(".webinar-card__viewer")
    assert viewer.is_visible()
    assert "Wed 10 Apr, 23:00 Honolulu (GMT-10)" in viewer.inner_text()
    axe_check(phone)


def test_a_chosen_zone_wins_over_the_device_zone(reference_data, phone):
    call_command("load_demo", stdout=io.StringIO())
    phone.goto(f"/time-zone/?next=/webinars/{PAST_SLUG}/")

    phone.get_by_label("Your time zone").select_option("Asia/Tokyo")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url(f"**/webinars/{PAST_SLUG}/")

    assert phone.locator("table.agenda").get_attribute("data-viewer-zone") == "Asia/Tokyo"
    assert "18:00–18:05" in phone.locator("td[data-viewer-cell]").first.inner_text()
    assert "Asia/Tokyo" in phone.locator("[data-viewer-zone-name]").inner_text().replace(
        " ", "_")


def test_your_time_reads_like_the_event_zones_in_french(reference_data, phone):
    call_command("load_demo", stdout=io.StringIO())

    phone.goto(f"/fr/webinars/{PAST_SLUG}/")

    cell = phone.locator("td[data-viewer-cell]").first
    assert "Honolulu (GMT-10)" in cell.inner_text()
    assert "mer. 10 avr." in cell.locator(".agenda__day").inner_text()


def test_agenda_stacks_and_filters_fold_away_on_a_phone(reference_data, phone, axe_check):
    call_command("load_demo", stdout=io.StringIO())

    # The agenda, one block per item: no row wider than the screen, nothing to scroll
    # sideways inside its scrolling box (which the page's own width would not show).
    for path in (f"/webinars/{UPCOMING_SLUG}/", f"/webinars/{PAST_SLUG}/programme/"):
        phone.goto(path)
        rows = phone.locator("tr.agenda__row")
        assert rows.count() >= 3, path
        for index in range(rows.count()):
            row = rows.nth(index)
            box = row.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, (path, index, box)
            assert row.evaluate("element => getComputedStyle(element).display") == "flex"
        scroller = phone.locator(".agenda-wrap")
        overflow = scroller.evaluate("element => [element.scrollWidth, element.clientWidth]")
        assert overflow[0] <= overflow[1], f"{path}: the agenda scrolls sideways {overflow}"
        item = phone.locator("td.agenda__item").first.bounding_box()
        time = phone.locator("tr.agenda__row td.agenda__time").first.bounding_box()
        assert item["y"] < time["y"]  # stacked: the item's title first, its times below

    # The filters sit behind a closed "Filters" disclosure; the results begin in the first
    # screen (in English, their first item too).
    for path, heading, result in (("/resources/", "#results-heading", ".result-list > li"),
                                  ("/webinars/", "#upcoming-heading", ".webinar-card"),
                                  ("/search/?q=skills", "#results-heading", ".result-list > li")):
        for prefix in ("", "/fr"):
            phone.goto(prefix + path)
            panel = phone.locator("details[data-filters]")
            assert panel.evaluate("element => element.open") is False, prefix + path
            summary = panel.locator(":scope > summary")
            assert summary.is_visible()
            assert not panel.locator("h2").first.is_visible()
            top = phone.locator(heading).bounding_box()["y"]
            assert summary.bounding_box()["y"] < top < HEIGHT, (prefix + path, top)
            if not prefix:
                first = phone.locator(result).first.bounding_box()
                assert first["y"] < HEIGHT, (path, first)
            assert_fits(phone, prefix + path)
            axe_check(phone)
