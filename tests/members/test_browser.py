"""Two members in two real browsers: they connect, exchange messages, one blocks the other,
and each bell's count changes without a reload. axe runs on every page visited."""

import re

import pytest

from tests.browser.steps import log_in
from tests.factories.forum import established

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def bell_count(page):
    return page.locator("[data-bell-count]")


def test_two_members_connect_message_and_block(page, browser, live_server, axe_check, settings):
    settings.NOTIFICATION_BELL_POLL_SECONDS = 1
    alice = established(display_name="Alice Mbeki", organisation="SADC", visibility="members")
    bob = established(display_name="Bob Traoré", organisation="ECOWAS", visibility="members")
    bob_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    bob_context.set_default_timeout(15_000)
    bob_page = bob_context.new_page()
    try:
        log_in(page, alice, axe_check)
        log_in(bob_page, bob, axe_check)

        # Alice asks to connect from Bob's profile.
        page.goto(bob.profile.get_absolute_url())
        axe_check(page)
        page.get_by_role("button", name="Connect", exact=True).click()
        page.get_by_text("Your connection request has been sent.").wait_for()
        axe_check(page)

        # Bob's bell shows the request without a reload; he accepts in My network.
        bob_page.goto("/members/")
        axe_check(bob_page)
        bell_count(bob_page).filter(has_text="1").wait_for()
        bob_page.get_by_role("link", name="Notifications 1 unread").click()
        bob_page.wait_for_url("**/notifications/")
        axe_check(bob_page)
        bob_page.get_by_role("link", name="Alice Mbeki asked to connect with you").click()
        bob_page.wait_for_url("**/members/network/")
        axe_check(bob_page)
        bob_page.get_by_role("button", name="Accept Alice Mbeki").click()
        bob_page.get_by_text("You are now connected.").wait_for()

        # Alice, still on Bob's profile, sees her bell change, then writes to him.
        bell_count(page).filter(has_text="1").wait_for()
        page.reload()
        page.get_by_role("link", name="Send a message").first.click()
        axe_check(page)
        page.get_by_label("Subject (optional)").fill("Skills partnerships")
        page.get_by_label("Message").fill("Hello Bob, shall we compare **notes**?")
        page.get_by_role("button", name="Send").click()
        page.get_by_text("shall we compare").wait_for()
        axe_check(page)

        # Bob's bell counts the message without a reload; he reads and answers.
        bell_count(bob_page).filter(has_text="1").wait_for()
        bob_page.goto("/messages/")
        axe_check(bob_page)
        bob_page.get_by_role("link", name=re.compile("Alice Mbeki.*Skills partnerships")).click()
        bob_page.get_by_text("shall we compare").wait_for()
        axe_check(bob_page)
        bob_page.get_by_label("Your reply").fill("Gladly, Alice.")
        bob_page.get_by_role("button", name="Send").click()
        bob_page.get_by_text("Gladly, Alice.").wait_for()
        assert bell_count(bob_page).is_hidden()

        # Alice blocks Bob; his reply collapses for her and he can no longer write.
        page.goto(bob.profile.get_absolute_url())
        page.get_by_text("More", exact=True).click()
        axe_check(page)
        page.get_by_role("button", name="Block this member").click()
        page.get_by_text("You blocked this member.").wait_for()
        axe_check(page)
        page.goto("/messages/")
        page.get_by_role("link", name="Skills partnerships").click()
        page.get_by_text("Hidden: you blocked this member.").wait_for()
        assert page.get_by_text("Gladly, Alice.").count() == 0
        axe_check(page)

        bob_page.get_by_label("Your reply").fill("Are you still there?")
        bob_page.get_by_role("button", name="Send").click()
        bob_page.get_by_text("This member cannot receive your messages.").wait_for()
        axe_check(bob_page)
    finally:
        bob_context.close()
