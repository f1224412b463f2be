from django.contrib.auth.models import AnonymousUser

from portal.core import home_sections
from portal.core.home_sections import HomeSection, register_home_section, rendered_sections


def test_home_page_is_the_site_root(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "Skills and labour migration in Africa" in response.content.decode()


def test_home_section_without_items_hides_itself(rf, db, monkeypatch):
    monkeypatch.setattr(home_sections, "_providers", dict(home_sections._providers))
    register_home_section("empty-test", lambda request: HomeSection(
        "empty-test", "Nothing", "includes/pagination.html", []), order=999)
    register_home_section("full-test", lambda request: HomeSection(
        "full-test", "Something", "includes/pagination.html", ["x"]), order=998)
    request = rf.get("/")
    request.user = AnonymousUser()
    request.viewer_timezone = "UTC"
    html = "".join(rendered_sections(request))
    assert "Something" in html
    assert "Nothing" not in html


def test_load_demo_twice_changes_nothing(db):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    users = get_user_model().objects.count()
    call_command("load_demo", verbosity=0)
    assert get_user_model().objects.count() == users >= 4
