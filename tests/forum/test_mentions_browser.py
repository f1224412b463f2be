"""The @mention suggestions in real Chromium, with the keyboard only; axe on the page with
the list open."""

import pytest

from tests.factories import forum as f
from tests.factories.members import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_picks_a_suggested_member(page, axe_check):
    author = f.established(display_name="Alice Mbeki", visibility="members")
    f.established(display_name="Fatou Sow", visibility="members")
    topic = f.topic(title="Welding certificates")
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(author.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/members/me/")
    page.goto(topic.get_absolute_url())
    box = page.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Thanks @fat", delay=30)
    option = page.get_by_role("option", name="Fatou Sow")
    option.wait_for()
    assert option.get_attribute("aria-selected") == "true"
    axe_check(page)
    box.press("Enter")
    value = box.input_value()
    assert value.startswith("Thanks @") and value.endswith(" ")
    assert page.get_by_role("listbox").count() == 0 or not page.get_by_role("listbox").is_visible()
    box.press_sequentially("and @nobodyhere", delay=20)
    page.get_by_role("status").filter(has_text="No member matches").wait_for(state="attached")
