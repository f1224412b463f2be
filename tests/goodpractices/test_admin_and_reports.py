"""Editors list submissions in the Wagtail admin (read-only); members report a submission's
text to the shared moderators' queue."""

import pytest
from django.contrib.auth.models import Group

from portal.goodpractices import services
from portal.goodpractices.enums import SubmissionStatus
from portal.goodpractices.models import ReviewerAssignment, Submission
from portal.members.moderation.models import Report
from tests.factories.goodpractices import call, editor, reviewer, submission
from tests.factories.members import member

pytestmark = pytest.mark.django_db
S = SubmissionStatus
LIST = "/admin/good-practices/submissions/"


def admin_editor():
    user = editor()
    group = Group.objects.get(name="Editors")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def test_editors_list_submissions_filtered_by_call_and_status(client):
    first, second = call(phase="review"), call(phase="review")
    kept = submission(call_page=first, status=S.UNDER_REVIEW, title="Harmonised welding")
    submission(call_page=first, status=S.WITHDRAWN, title="Withdrawn idea")
    submission(call_page=second, status=S.UNDER_REVIEW, title="Other call idea")
    client.force_login(admin_editor())

    html = client.get(LIST).content.decode()
    assert all(title in html for title in ("Harmonised welding", "Withdrawn idea",
                                           "Other call idea"))
    html = client.get(LIST, {"call": first.pk, "status": S.UNDER_REVIEW}).content.decode()
    assert "Harmonised welding" in html
    assert "Withdrawn idea" not in html and "Other call idea" not in html
    assert f"/good-practices/submissions/{kept.pk}/" in html
    assert f"/good-practices/calls/{first.slug}/ranking/" in html
    assert "/admin/good-practices/submissions/new/" not in html


def test_the_listing_links_an_assigned_reviewer_to_the_review_form(client):
    page = call(phase="review")
    sub = submission(call_page=page, status=S.UNDER_REVIEW)
    user = admin_editor()
    user.groups.add(Group.objects.get_or_create(name="Reviewers")[0])
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=user)
    other = submission(call_page=page, status=S.UNDER_REVIEW)
    client.force_login(user)
    html = client.get(LIST).content.decode()
    assert f"/good-practices/review/{sub.pk}/" in html
    assert f"/good-practices/review/{other.pk}/" not in html


def test_the_listing_is_read_only(client):
    sub = submission(call_page=call(phase="review"), title="Kept as it is")
    client.force_login(admin_editor())
    assert client.get(f"{LIST}inspect/{sub.pk}/").status_code == 200
    for address in (f"{LIST}new/", f"{LIST}edit/{sub.pk}/", f"{LIST}delete/{sub.pk}/"):
        assert client.get(address).status_code in (302, 403, 404)
        client.post(address, {"title": "Changed"})
    sub.refresh_from_db()
    assert sub.title == "Kept as it is" and Submission.objects.filter(pk=sub.pk).exists()


def test_members_and_reviewers_without_editor_rights_do_not_see_it(client):
    submission(call_page=call(phase="review"), title="Hidden from them")
    for user in (member(), reviewer()):
        client.force_login(user)
        response = client.get(LIST)
        assert response.status_code in (302, 403)
        assert "Hidden from them" not in response.content.decode()


def test_a_reviewer_reports_a_submission_to_the_shared_queue(client):
    page = call(phase="review")
    sub = submission(call_page=page, status=S.UNDER_REVIEW, title="Spam idea")
    judge = reviewer(organisation="Jury")
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)
    client.force_login(judge)
    detail = client.get(sub.get_absolute_url()).content.decode()
    assert f"/good-practices/submissions/{sub.pk}/report/" in detail
    assert client.get(f"/good-practices/submissions/{sub.pk}/report/").status_code == 200
    response = client.post(f"/good-practices/submissions/{sub.pk}/report/",
                           {"reason": "spam", "details": "Advertising"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.area, report.member, report.reporter, report.target) == (
        "goodpractices", sub.author, judge, sub)
    assert "Spam idea" in report.excerpt and report.url == sub.get_absolute_url()
    client.post(f"/good-practices/submissions/{sub.pk}/report/", {"reason": "spam"})
    assert Report.objects.count() == 1  # the same open report


def test_moderators_see_it_in_the_reports_queue(client):
    from tests.factories.forum import moderator

    page = call(phase="voting")
    sub = submission(call_page=page, status=S.SHORTLISTED, title="Shortlisted spam")
    services.submission_report(reporter=member(), submission=sub, reason="spam")
    client.force_login(moderator())
    html = client.get("/admin/moderation/").content.decode()
    assert "goodpractices" in html


def test_shortlisted_entries_are_reportable_by_any_member_from_the_call_page(client):
    page = call(phase="voting")
    sub = submission(call_page=page, status=S.SHORTLISTED)
    reader = member()
    client.force_login(reader)
    assert f"/good-practices/submissions/{sub.pk}/report/" in client.get(page.url) \
        .content.decode()
    response = client.post(f"/good-practices/submissions/{sub.pk}/report/",
                           {"reason": "inappropriate"})
    assert response.status_code == 302 and response["Location"] == page.url
    assert Report.objects.filter(reporter=reader, target_id=str(sub.pk)).exists()


def test_reports_refused_to_the_team_strangers_and_visitors_and_bad_input(client):
    page = call(phase="review")
    sub = submission(call_page=page, status=S.UNDER_REVIEW)
    address = f"/good-practices/submissions/{sub.pk}/report/"
    assert client.get(address).status_code == 302  # to log in
    client.force_login(sub.author)
    assert client.get(address).status_code == 404
    client.force_login(member())  # cannot read an entry under review
    assert client.post(address, {"reason": "spam"}).status_code == 404
    judge = reviewer(organisation="Jury")
    ReviewerAssignment.objects.create(call=page, submission=sub, reviewer=judge)
    client.force_login(judge)
    response = client.post(address, {"reason": "not-a-reason"})
    assert response.status_code == 400 and 'aria-invalid' in response.content.decode() \
        or response.status_code == 400
    with pytest.raises(services.SubmissionError):
        services.submission_report(reporter=sub.author, submission=sub, reason="spam")
    assert not Report.objects.exists()


def test_the_listing_does_not_grow_in_queries(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = call(phase="review")
    client.force_login(admin_editor())
    submission(call_page=page, status=S.UNDER_REVIEW)
    client.get(LIST)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST).status_code == 200
    with_one = len(captured.captured_queries)
    for _number in range(15):
        submission(call_page=call(phase="review"), status=S.UNDER_REVIEW)
    with django_assert_max_num_queries(with_one):
        assert client.get(LIST).status_code == 200
