"""A conversation in real Chromium: a member starts a topic, another replies quoting it and
mentioning her, she is notified and accepts the answer; another member flags a post and a
moderator hides it. axe runs on every page visited."""

import pytest

from portal.forum.models import Post
from tests.browser.steps import log_in
from tests.factories import forum as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_topic_reply_quote_mention_accept_flag_and_hide(page, axe_check):
    alice = f.established(display_name="Alice Mbeki", visibility="members")
    bob = f.established(display_name="Bob Traoré", visibility="members")
    carol = f.established(display_name="Carol Ndiaye", visibility="members")
    mod = f.moderator(display_name="Kwame Mensah")
    f.category(name="Skills recognition", slug="skills-recognition", colour="#1f4e79")

    # Alice starts a topic.
    log_in(page, alice)
    page.goto("/forum/")
    axe_check(page)
    page.get_by_role("link", name="Skills recognition").click()
    axe_check(page)
    page.get_by_role("link", name="Start a topic").click()
    axe_check(page)
    page.get_by_label("Title").fill("Recognising skills learnt on the job")
    page.get_by_label("Message").fill("Which countries validate **prior learning** for welders?")
    page.get_by_role("button", name="Publish the topic").click()
    page.get_by_role("heading", name="Recognising skills learnt on the job").wait_for()
    axe_check(page)
    topic_url = page.url

    # Bob quotes her post; the quote brings her @name along.
    log_in(page, bob)
    page.goto(topic_url)
    page.get_by_role("link", name="Quote post #1").click()
    axe_check(page)
    reply = page.get_by_label("Your reply")
    assert "> Which countries validate" in reply.input_value()
    assert f"@{alice.username}" in reply.input_value()
    reply.press("Control+End")
    reply.type("Ghana's TVET service does, through its RPL pilots.")
    page.get_by_role("button", name="Post the reply").click()
    page.get_by_text("Ghana's TVET service does").wait_for()
    axe_check(page)

    # Alice is told of the mention and accepts the answer.
    log_in(page, alice)
    page.goto("/notifications/")
    axe_check(page)
    page.get_by_role("link", name="Bob Traoré mentioned you in “Recognising skills learnt on the job”").click()
    page.get_by_role("button", name="Accept as the answer (post #2)").click()
    page.get_by_text("Marked as the accepted answer.").wait_for()
    axe_check(page)
    assert page.locator("#post-2 .forum-badge--solved").is_visible()

    # Carol flags Bob's post; a moderator reviews it and hides it.
    log_in(page, carol)
    page.goto(topic_url)
    page.get_by_role("link", name="Flag post #2").click()
    axe_check(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send to moderators").click()
    page.get_by_text("Thank you: moderators will look at this post.").wait_for()

    log_in(page, mod)
    page.goto(topic_url)
    axe_check(page)
    page.get_by_role("button", name="Hide post #2").click()
    page.get_by_text("Hidden by a moderator.").wait_for()
    axe_check(page)
    assert Post.objects.get(number=2).hidden_reason == "moderator"
    page.goto("/forum/moderation/log/")
    axe_check(page)
    page.get_by_role("cell", name="Hid a post").wait_for()

    page.context.clear_cookies()
    page.goto(topic_url)
    page.get_by_text("This post was hidden by a moderator.").wait_for()
    axe_check(page)
