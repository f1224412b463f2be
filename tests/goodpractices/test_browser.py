"""The journey of a call in a real browser: a member submits, a reviewer scores blind,
members vote, the editor picks a winner and the action plan shows. axe on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.core.models import Country, Theme
from portal.goodpractices import services
from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import CallPage, Submission
from tests.browser.steps import log_in
from tests.factories.forum import established
from tests.factories.goodpractices import call, editor, reviewer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DAY = timedelta(days=1)


def axe_editor_page(page):
    """axe on a page an editor sees outside the page tree: Wagtail adds its user bar there,
    outside any landmark, ahead of the site's skip link (the base template's concern, not
    this page's), so only the landmark rule is left out; every other rule runs."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"rules": {"region": {"enabled": False}}})
    assert results.violations_count == 0, results.generate_report()


def move_to(page_obj: CallPage, phase: str):
    """Shift the call's dates so that now falls in `phase`."""
    now = timezone.now()
    start = now + {"review": -11, "voting": -21, "closed": -31, "results": -41}[phase] * DAY
    CallPage.objects.filter(pk=page_obj.pk).update(
        opens_at=start, deadline_at=start + 10 * DAY, review_ends_at=start + 20 * DAY,
        voting_starts_at=start + 20 * DAY, voting_ends_at=start + 30 * DAY,
        announcement_at=start + 40 * DAY)


def test_call_from_submission_to_action_plan(page, live_server, axe_check):
    Country.objects.get_or_create(iso_code="SN", defaults={"name": "Senegal", "region": "west"})
    Theme.objects.get_or_create(slug="governance", defaults={"name": "Governance"})
    the_call = call(zone="Africa/Dakar", blind_review=True, vote_budget=2,
                    reviews_per_submission=1)
    author = established(display_name="Mariama Ba", organisation="Ministry of Labour")
    judge = reviewer(display_name="Judge One", organisation="University")
    voter = established(display_name="Voter One")
    boss = editor()

    log_in(page, author)
    page.goto(the_call.url)
    assert "Open for submissions" in page.content()
    axe_check(page)
    page.get_by_role("link", name="Submit a practice or partnership idea").click()
    axe_check(page)
    page.get_by_label("Title").fill("Shared standards for welders")
    page.get_by_label("Summary").fill("Two countries agree on one welding standard.")
    page.get_by_label("The practice or partnership idea").fill("A **joint** standard.")
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_url("**/good-practices/submissions/*/")
    assert "Your submission has been sent." in page.content()
    axe_check(page)
    sub = Submission.objects.get(title="Shared standards for welders")
    assert sub.status == SubmissionStatus.SUBMITTED

    move_to(the_call, "review")
    services.assignment_create(submission=sub, reviewer=judge, actor=boss)
    log_in(page, judge)
    page.goto("/good-practices/review/")
    axe_check(page)
    page.get_by_role("link", name="Score it").click()
    page.get_by_label("Criterion 0 (0–5)").wait_for()
    assert "Mariama Ba" not in page.content() and "Ministry of Labour" not in page.content()
    axe_check(page)
    page.get_by_label("Criterion 0 (0–5)").fill("5")
    page.get_by_label("Criterion 1 (0–5)").fill("4")
    page.get_by_role("button", name="Save my review").click()
    page.wait_for_url("**/good-practices/review/")
    sub.refresh_from_db()
    assert sub.expert_score == pytest.approx(95)

    services.submission_transition(submission=sub, actor=boss, to_status="under_review")
    services.submission_transition(submission=sub, actor=boss, to_status="shortlisted")
    move_to(the_call, "voting")
    log_in(page, voter)
    page.goto(the_call.url)
    page.get_by_role("button", name="Vote for “Shared standards for welders”").click()
    page.wait_for_url(f"**{the_call.url}#shortlist")
    assert "Your vote was counted." in page.content()
    axe_check(page)

    move_to(the_call, "closed")
    log_in(page, boss)
    page.goto(f"/good-practices/calls/{the_call.slug}/ranking/")
    axe_editor_page(page)
    page.get_by_label("Winner: Shared standards for welders").check()
    page.get_by_role("button", name="Record the winners").click()
    page.get_by_text("Winners recorded.").wait_for()

    move_to(the_call, "results")
    page.context.clear_cookies()
    page.goto(the_call.url)
    axe_check(page)
    page.get_by_role("link", name="Shared standards for welders").click()
    expect(page.get_by_role("heading", name="Action plan")).to_have_count(1)
    axe_check(page)
