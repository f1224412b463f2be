"""A visitor registers for the upcoming demo webinar in a real browser, opens the manage
link from the confirmation e-mail, downloads the calendar file and cancels; axe runs on
every page visited."""

import io
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from portal.webinars.demo import UPCOMING_SLUG
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import Registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_registers_manages_downloads_calendar_and_cancels(reference_data, page,
                                                                   axe_check):
    call_command("load_demo", stdout=io.StringIO())
    mail.outbox.clear()

    page.goto(f"/webinars/{UPCOMING_SLUG}/")
    # The page learns the browser's zone (Africa/Nairobi) and shows the agenda in it.
    page.wait_for_selector("table.agenda[data-viewer-zone='Africa/Nairobi']")
    assert "EAT (GMT+3)" in page.locator("table.agenda thead").inner_text()
    axe_check(page)

    form = page.locator("form.webinar-register__form")
    form.get_by_label("Full name").fill("Wanjiru Kamau")
    form.get_by_label("E-mail address").fill("wanjiru.kamau@example.org")
    form.get_by_label("Organisation", exact=True).fill("National Industrial Training Authority")
    form.get_by_label("Type of organisation").select_option("training")
    form.get_by_label("Country").select_option(label="Kenya")
    form.get_by_label("Job title").fill("Assessment officer")
    form.get_by_label("French").check()  # the organiser's own question: interpretation
    form.get_by_label("I agree that the organisers").check()
    form.get_by_role("button", name="Register").click()

    page.wait_for_url(re.compile(r"/webinars/registration/[\w-]+/(#register)?$"))
    assert page.get_by_text("your place is confirmed").is_visible()
    axe_check(page)

    confirmation = mail.outbox[-1]
    assert confirmation.to == ["wanjiru.kamau@example.org"]
    assert "METHOD:REQUEST" in confirmation.attachments[0][1]
    link = re.search(r"https?://\S+/webinars/registration/[\w-]+/", confirmation.body).group(0)

    page.goto(urlparse(link).path)  # the manage link from the e-mail, on this server
    assert page.get_by_role("heading", name="Recognising the skills of migrant workers").count()
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Calendar file (.ics)").click()
    calendar = Calendar.from_ical(Path(download_info.value.path()).read_text())
    event = calendar.walk("VEVENT")[0]
    registration = Registration.objects.get(email="wanjiru.kamau@example.org")
    assert calendar["METHOD"] == "PUBLISH"
    assert str(event["SUMMARY"]) == "Recognising the skills of migrant workers"
    assert f"/webinars/join/{registration.token}/" in str(event["LOCATION"])
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Africa/Johannesburg"]

    page.locator("summary", has_text="Cancel my registration").click()  # asks first
    page.get_by_role("button", name="Yes, cancel my registration").click()
    page.wait_for_load_state()
    assert page.get_by_text("This registration is cancelled.").is_visible()
    axe_check(page)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert "METHOD:CANCEL" in mail.outbox[-1].attachments[0][1]
