"""Organiser tools in the admin: registrants, exports, attendance, promotion, messages, charts."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.core.models import Country
from portal.webinars.enums import RegistrationStatus
from portal.webinars.models import Registration
from tests.factories.members import UserFactory, member
from tests.factories.webinars import RegistrationFactory, WebinarFactory
from tests.webinars.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


@pytest.fixture
def webinar():
    webinar = WebinarFactory(title="Skills partnerships", capacity=2)
    kenya, ghana = Country.objects.get(iso_code="KE"), Country.objects.get(iso_code="GH")
    RegistrationFactory(webinar=webinar, name="Acquillyne", email="a@example.org",
                        country=kenya, organisation_type="government", attended=True)
    RegistrationFactory(webinar=webinar, name="Kwame", email="k@example.org", country=ghana,
                        organisation_type="training")
    RegistrationFactory(webinar=webinar, name="Waiting Wanjiru", email="w@example.org",
                        country=kenya, status=RegistrationStatus.WAITLISTED,
                        organisation="=HYPERLINK(\"http://evil\")")
    RegistrationFactory(webinar=webinar, name="Gone", email="g@example.org",
                        status=RegistrationStatus.CANCELLED)
    return webinar


def url(name, webinar, *args):
    return reverse(f"webinars_admin:{name}", args=[webinar.pk, *args])


def test_registrants_page_lists_with_counts_and_filters(client, editor, webinar):
    response = client.get(url("registrants", webinar))

    text = page_text(response)
    assert response.status_code == 200
    assert "Confirmed registrations 2 / 2" in text and "Waiting list 1" in text
    assert "Cancelled registrations 1" in text
    assert all(name in text for name in ("Acquillyne", "Kwame", "Waiting Wanjiru", "Gone"))
    filtered = page_text(client.get(url("registrants", webinar),
                                    {"status": "confirmed", "country": "KE"}))
    assert "Acquillyne" in filtered and "Kwame" not in filtered and "Wanjiru" not in filtered
    by_type = page_text(client.get(url("registrants", webinar),
                                   {"organisation_type": "training"}))
    assert "Kwame" in by_type and "Acquillyne" not in by_type


def test_organiser_tools_need_editor_permission(client, webinar):
    client.force_login(member())

    for name in ("registrants", "reports", "export_csv", "message", "attendance_import"):
        assert client.get(url(name, webinar)).status_code in (302, 403), name


def test_csv_export_follows_filters_and_neutralises_formulas(client, editor, webinar):
    response = client.get(url("export_csv", webinar), {"status": "waitlisted"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "E-mail", "Organisation"]
    assert [row[0] for row in rows[1:]] == ["Waiting Wanjiru"]
    assert rows[1][2].startswith("'=HYPERLINK")


def test_csv_export_speaks_the_organisers_language(client, editor, webinar):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "fr"
    profile.save()
    response = client.get(url("export_csv", webinar))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Nom", "E-mail", "Organisation", "Type d'organisation", "Pays"]


def test_xlsx_export_has_every_registrant(client, editor, webinar):
    response = client.get(url("export_xlsx", webinar))

    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Acquillyne", "Gone", "Kwame", "Waiting Wanjiru"]


def test_mark_attendance_by_hand(client, editor, webinar):
    kwame = Registration.objects.get(name="Kwame")

    response = client.post(url("attendance", webinar),
                           {"registration": [kwame.pk], "action": "attended"})

    assert response.status_code == 302
    kwame.refresh_from_db()
    assert kwame.attended and kwame.attendance_source == "manual"
    client.post(url("attendance", webinar), {"registration": [kwame.pk], "action": "absent"})
    kwame.refresh_from_db()
    assert not kwame.attended


def test_attendance_import_reports_matched_and_unmatched(client, editor, webinar):
    upload = SimpleUploadedFile("attendees.csv", b"Email,Duration\nK@EXAMPLE.org,55\n"
                                b"stranger@example.org,10\n", content_type="text/csv")

    response = client.post(url("attendance_import", webinar), {"file": upload})

    text = page_text(response)
    assert "2 rows read" in text
    assert "1 registrant marked as attended" in text
    assert "1 address did not match a registration" in text
    assert "stranger@example.org" in text
    assert Registration.objects.get(name="Kwame").attended


def test_attendance_import_rejects_binary_files(client, editor, webinar):
    upload = SimpleUploadedFile("photo.csv", b"\x89PNG\x00\x00\x00binary", content_type="text/csv")

    response = client.post(url("attendance_import", webinar), {"file": upload})

    assert response.status_code == 400
    assert "This is not a CSV text file." in page_text(response)


def test_manual_promotion_gives_a_place_and_warns_past_capacity(client, editor, webinar):
    waiting = Registration.objects.get(name="Waiting Wanjiru")

    response = client.post(url("promote", webinar, waiting.pk), follow=True)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED
    assert "exceed the capacity" in page_text(response)
    assert mail.outbox[-1].to == ["w@example.org"]


def test_message_to_registrants_is_sent_and_recorded(client, editor, webinar):
    response = client.post(url("message", webinar), {
        "audience": "confirmed", "subject": "Slides are online", "body": "See you soon."})

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "k@example.org"]
    assert webinar.messages.get().recipient_count == 2
    assert "Slides are online" in page_text(client.get(url("message", webinar)))


def test_message_form_errors_send_nothing(client, editor, webinar):
    response = client.post(url("message", webinar), {"audience": "confirmed", "subject": ""})

    assert response.status_code == 400 and mail.outbox == []


def test_reports_draw_accessible_svg_charts_with_data_tables(client, editor, webinar):
    Registration.objects.filter(name="Kwame").update(
        created_at=timezone.now() - timedelta(days=3))

    response = client.get(url("reports", webinar))

    content = response.content.decode()
    assert content.count('<svg role="img"') == 3
    assert content.count("<title id=") == 3
    assert "Registrations by country. Kenya: 2, Ghana: 1" in content
    assert "Government" in content and "Training provider" in content
    assert "<polyline" in content
    assert content.count("Data table") == 3


def test_registrants_query_count_does_not_grow(client, editor, django_assert_max_num_queries):
    webinar = WebinarFactory()
    for _ in range(3):
        RegistrationFactory(webinar=webinar, user=UserFactory())
    client.get(url("registrants", webinar))
    with django_assert_max_num_queries(40) as small:
        client.get(url("registrants", webinar))
    for _ in range(9):
        RegistrationFactory(webinar=webinar, user=UserFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url("registrants", webinar))


def test_country_chart_names_the_grouped_bar_and_timeline_has_a_legend(client, editor):
    from portal.webinars.charts import horizontal_bars

    chart = horizontal_bars("By country", [(f"Country {n:02d}", 1) for n in range(20)],
                            limit=15)

    assert len(chart.bars) == 15
    assert chart.bars[-1].label == "6 others" and chart.bars[-1].value == 6
    assert "…" not in [bar.label for bar in chart.bars]

    webinar = WebinarFactory()
    RegistrationFactory(webinar=webinar)
    text = page_text(client.get(url("reports", webinar)))
    assert "Running total, up to 1 (line, on its own scale)" in text
