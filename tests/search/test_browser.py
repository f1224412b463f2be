"""A newcomer searches the demo portal with a misspelling, an acronym and several place
names, in a real browser; axe runs on every page visited."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def search_for(page, words: str) -> None:
    form = page.locator("form.search-form")
    form.get_by_label("Words to look for").fill(words)
    form.get_by_role("button", name="Search").click()
    page.wait_for_load_state()


def test_newcomer_finds_content_despite_misspellings_and_acronyms(reference_data, page,
                                                                  axe_check):
    call_command("load_demo", stdout=io.StringIO())

    page.goto("/search/")
    search_for(page, "Camerooon")
    assert page.get_by_text("Showing results for").is_visible()
    assert page.get_by_role("link", name="Skills partnerships on migration: country study of "
                                         "Cameroon").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Camerooon").click()
    assert page.get_by_text("Did you mean").is_visible()
    axe_check(page)

    search_for(page, "RPL")
    assert page.get_by_text("Including:").is_visible()
    # The webinar itself (its forum discussion, of the same title, may be found too).
    webinar_link = page.locator('a[href="/webinars/recognising-the-skills-of-migrant-workers/"]')
    assert webinar_link.get_by_text("Recognising the skills of migrant workers").is_visible()
    axe_check(page)

    search_for(page, "Ouagadougou Burkina Faso")
    assert page.get_by_text("results with only some of them are shown too").is_visible()
    axe_check(page)
