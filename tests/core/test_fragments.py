"""Kept parts of pages (portal/core/fragments.py, pageroutes.py, the {% fragment %} tag):
rendered once per generation and audience, never stale after a change a visitor could see,
never one person's state shown to another, never a draft."""

import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.middleware.csrf import get_token
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from portal.core.models import Theme
from tests.factories.forum import established, topic
from tests.factories.members import member
from tests.factories.resources import home_page, library, resource
from tests.factories.webinars import WebinarFactory
from tests.webinars.test_registration_views import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    """As `make run` has it for members and for pages rendered on a miss: whole pages not
    kept, their costly parts kept."""
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


class Counter:
    def __init__(self):
        self.calls = 0

    def __str__(self):
        self.calls += 1
        return f"rendered {self.calls}"


def render(source: str, *, zone: str = "UTC", **context) -> str:
    request = RequestFactory().get("/")
    request.viewer_timezone = zone
    template = Template("{% load portal_tags %}" + source)
    return template.render(Context({"request": request, **context}))


# --- the tag -------------------------------------------------------------------------------

def test_a_fragment_renders_once_then_comes_from_the_cache(fragments_on):
    counter = Counter()
    source = '{% fragment "card" 7 %}{{ counter }}{% endfragment %}'

    assert render(source, counter=counter) == "rendered 1"
    assert render(source, counter=counter) == "rendered 1"
    assert counter.calls == 1


def test_any_change_a_visitor_could_see_renders_it_again(fragments_on):
    counter = Counter()
    source = '{% fragment "card" 7 %}{{ counter }}{% endfragment %}'
    render(source, counter=counter)

    Theme.objects.create(name="Kept fragments test theme", slug="kept-fragments-test")

    assert render(source, counter=counter) == "rendered 2"


def test_parts_language_and_time_zone_each_keep_their_own_version(fragments_on):
    counter = Counter()
    source = '{% fragment "card" number %}{{ counter }}{% endfragment %}'
    render(source, counter=counter, number=1)
    render(source, counter=counter, number=2)
    render(source, counter=counter, number=1, zone="Africa/Nairobi")
    with translation.override("fr"):
        render(source, counter=counter, number=1)

    assert counter.calls == 4
    assert render(source, counter=counter, number=2) == "rendered 2"


def test_a_fragment_with_a_form_token_is_never_kept(fragments_on):
    request = RequestFactory().get("/")
    request.viewer_timezone = "UTC"
    token = get_token(request)
    template = Template('{% load portal_tags %}{% fragment "form" %}{% csrf_token %}'
                        '{% endfragment %}')

    first = template.render(Context({"request": request, "csrf_token": token}))
    other = template.render(Context({"request": request, "csrf_token": "another-token"}))

    assert token in first and "another-token" in other


def test_a_preview_is_never_kept_nor_served_from_the_cache(fragments_on):
    counter = Counter()
    source = '{% fragment "card" 7 %}{{ counter }}{% endfragment %}'
    render(source, counter=counter)

    assert render(source, counter=counter, preview=True) == "rendered 2"
    assert render(source, counter=counter) == "rendered 1"


def test_with_fragments_off_every_render_is_fresh(settings):
    settings.FRAGMENT_CACHE_ENABLED = False
    counter = Counter()
    source = '{% fragment "card" 7 %}{{ counter }}{% endfragment %}'
    render(source, counter=counter)

    assert render(source, counter=counter) == "rendered 2"


# --- where an address leads ------------------------------------------------------------------

def test_a_remembered_route_follows_unpublishing_and_renaming(fragments_on):
    home_page()
    shelf = library()
    guide = resource(title="Guide to skills recognition", parent=shelf)
    client = Client()
    assert client.get(guide.url).status_code == 200
    assert client.get(guide.url).status_code == 200

    old_url = guide.url
    guide.slug = "recognition-guide"
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(guide.url).status_code == 200

    guide.unpublish()
    assert client.get(guide.url).status_code == 404


def test_a_remembered_route_still_checks_who_may_see_the_page(fragments_on):
    home_page()
    shelf = library()
    guide = resource(title="Guide to skills recognition", parent=shelf)
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    reader = member()

    for _attempt in range(2):
        assert Client().get(guide.url).status_code == 302
    signed_in = Client()
    signed_in.force_login(reader)
    assert signed_in.get(guide.url).status_code == 200
    assert Client().get(guide.url).status_code == 302


# --- pages built from kept parts ------------------------------------------------------------

def test_library_results_are_kept_per_audience_and_follow_publishing(fragments_on):
    from portal.resources.enums import Access

    home_page()
    shelf = library()
    resource(title="Country study of Cameroon", parent=shelf)
    resource(title="Zanzibar recruitment handbook", access=Access.MEMBERS, parent=shelf)
    reader = Client()
    reader.force_login(member())

    for _attempt in range(2):
        assert "Zanzibar recruitment handbook" in reader.get(shelf.url).content.decode()
        assert "Zanzibar" not in Client().get(shelf.url).content.decode()

    resource(title="Country study of Ghana", parent=shelf)
    assert "Country study of Ghana" in Client().get(shelf.url).content.decode()
    assert "Country study of Ghana" in reader.get(shelf.url).content.decode()


def test_library_facet_links_are_kept_per_address(fragments_on):
    home_page()
    shelf = library()
    resource(title="Country study of Cameroon", countries=["CM"], parent=shelf)
    resource(title="Country study of Ghana", countries=["GH"], parent=shelf)
    client = Client()

    plain = client.get(shelf.url).content.decode()
    filtered = client.get(shelf.url + "?country=GH").content.decode()

    assert 'href="?country=GH"' in plain
    assert "Country study of Cameroon" not in filtered
    assert re.search(r'href="\?"[^>]*aria-current="true"', filtered)


def test_home_sections_are_kept_per_audience(fragments_on):
    from django.contrib.auth.models import Group

    from tests.factories.forum import category

    home_page()
    staff_room = Group.objects.create(name="Labour attachés")
    restricted = category(name="Attachés", slug="attaches", read_group=staff_room)
    insider, outsider = established(), established()
    insider.groups.add(staff_room)
    topic(title="Portable pensions for migrant workers")
    topic(title="Bilateral agreement drafts", cat=restricted, author=insider)
    clients = {}
    for name, user in (("insider", insider), ("outsider", outsider), ("visitor", None)):
        clients[name] = Client()
        if user is not None:
            clients[name].force_login(user)

    for _attempt in range(2):
        pages = {name: client.get("/").content.decode() for name, client in clients.items()}
        assert all("Portable pensions" in page for page in pages.values())
        assert "Bilateral agreement drafts" in pages["insider"]
        assert "Bilateral agreement drafts" not in pages["outsider"]
        assert "Bilateral agreement drafts" not in pages["visitor"]


def test_webinar_places_left_follow_each_registration(fragments_on):
    webinar = WebinarFactory(capacity=10)
    visitor = Client()
    assert "10 places left" in visitor.get(webinar.get_absolute_url()).content.decode()

    visitor.post(f"/webinars/{webinar.slug}/register/", form_data())

    assert "9 places left" in Client().get(webinar.get_absolute_url()).content.decode()


def test_webinar_form_kept_empty_is_not_the_members_and_errors_are_never_kept(fragments_on):
    webinar = WebinarFactory()
    visitor_page = Client().get(webinar.get_absolute_url()).content.decode()
    signed_in = Client()
    signed_in.force_login(member())
    member_page = signed_in.get(webinar.get_absolute_url()).content.decode()
    assert 'name="organisation"' in visitor_page
    assert 'name="organisation"' not in member_page

    refused = Client().post(f"/webinars/{webinar.slug}/register/",
                            form_data(organisation="", name="Wanjiru Kamau"))
    assert refused.status_code == 400
    assert "Wanjiru Kamau" in refused.content.decode()
    assert "Wanjiru Kamau" not in Client().get(webinar.get_absolute_url()).content.decode()


def test_a_value_that_cannot_be_kept_is_still_served(fragments_on):
    from portal.core.fragments import cached_value

    def unpicklable():
        return lambda: "made each time"

    first = cached_value("unpicklable", (), unpicklable)
    again = cached_value("unpicklable", (), unpicklable)

    assert first() == again() == "made each time"
    assert first is not again


def test_a_webinar_taken_offline_is_gone_at_once(fragments_on):
    webinar = WebinarFactory()
    for _attempt in range(2):
        assert Client().get(webinar.get_absolute_url()).status_code == 200

    webinar.live = False
    webinar.save()

    assert Client().get(webinar.get_absolute_url()).status_code == 404


def test_forum_posts_kept_for_visitors_follow_replies_and_members_get_their_own(fragments_on):
    from portal.forum import services

    discussed = topic(title="Portable pensions for migrant workers", replies=1)
    for _attempt in range(2):
        assert "Reply 1" in Client().get(discussed.get_absolute_url()).content.decode()

    services.post_create(author=established(), topic=discussed, body="A later answer",
                         check_rate=False)
    assert "A later answer" in Client().get(discussed.get_absolute_url()).content.decode()

    reader = Client()
    reader.force_login(established())
    page = reader.get(discussed.get_absolute_url()).content.decode()
    assert "A later answer" in page and 'name="csrfmiddlewaretoken"' in page


def test_pages_rendered_again_with_their_parts_kept_ask_the_database_little(
        fragments_on, django_assert_max_num_queries):
    """What a visitor's page costs after it expired, or at a new address for the same
    content: only the checks that cannot be kept (a forum topic's existence and page)."""
    from tests.factories.goodpractices import call as open_call
    from tests.factories.goodpractices import practice

    home_page()
    shelf = library()
    study = resource(title="Country study of Cameroon", countries=["CM"], parent=shelf)
    webinar = WebinarFactory()
    discussed = topic(title="Portable pensions for migrant workers", replies=2)
    done = practice(title="Skills passport for returning migrants")
    opened = open_call()
    addresses = {"/": 0, shelf.url: 0, study.url: 0, "/webinars/": 0,
                 webinar.get_absolute_url(): 0, "/search/?q=skills": 0, "/members/": 0,
                 "/forum/latest/": 0, discussed.get_absolute_url(): 2, done.url: 0,
                 opened.url: 0}
    client = Client()
    for address, allowed in addresses.items():
        assert client.get(address).status_code == 200, address
        with django_assert_max_num_queries(allowed):
            assert client.get(address).status_code == 200, address


def test_writes_that_send_no_signal_drop_kept_parts_too(fragments_on):
    """QuerySet.update() (a waiting list promotion, a soft-deleted post) saves no model."""
    from portal.forum.models import Topic
    from portal.webinars.enums import RegistrationStatus
    from portal.webinars.models import Registration
    from tests.factories.webinars import RegistrationFactory

    discussed = topic(title="Portable pensions for migrant workers")
    reader = Client()
    reader.force_login(established())
    assert "Portable pensions" in reader.get(discussed.get_absolute_url()).content.decode()
    Topic.objects.filter(pk=discussed.pk).update(title="Pensions that travel with workers")
    assert "Pensions that travel" in reader.get(discussed.get_absolute_url()).content.decode()

    webinar = WebinarFactory(capacity=10)
    waiting = RegistrationFactory(webinar=webinar, status=RegistrationStatus.WAITLISTED)
    assert "10 places left" in Client().get(webinar.get_absolute_url()).content.decode()
    Registration.objects.filter(pk=waiting.pk).update(status=RegistrationStatus.CONFIRMED)
    assert "9 places left" in Client().get(webinar.get_absolute_url()).content.decode()


def test_private_writes_leave_the_generation_alone(fragments_on):
    from portal.core import pagecache
    from portal.forum.models import Topic, TopicUser

    discussed = topic(title="Portable pensions for migrant workers")
    reader = established()
    TopicUser.objects.create(user=reader, topic=discussed)
    before = pagecache.generation().current()

    TopicUser.objects.filter(user=reader).update(last_read_number=1)
    assert pagecache.generation().current() == before

    Topic.objects.filter(pk=discussed.pk).update(is_pinned=True)
    assert pagecache.generation().current() != before


# --- parts that name the areas they are read from ---------------------------------------------

def test_a_part_naming_its_areas_survives_writes_elsewhere(fragments_on):
    from portal.core.fragments import register_area_set

    register_area_set("test-taxonomy", lambda: ("core",))
    counter = Counter()
    source = '{% fragment "card" 7 depends="test-taxonomy" %}{{ counter }}{% endfragment %}'
    render(source, counter=counter)

    topic(title="Portable pensions for migrant workers")  # the forum: another area
    assert render(source, counter=counter) == "rendered 1"

    Theme.objects.create(name="Kept fragments test theme", slug="kept-fragments-test")
    assert render(source, counter=counter) == "rendered 2"


def test_a_part_naming_an_unknown_set_is_an_error_not_a_stale_page(fragments_on):
    with pytest.raises(ValueError, match="register_area_set"):
        render('{% fragment "card" depends="no-such-set" %}x{% endfragment %}')


def test_library_parts_and_routes_stay_kept_through_registrations(
        fragments_on, django_assert_max_num_queries):
    """A burst of registrations drops the webinar's places left, not the library."""
    home_page()
    shelf = library()
    resource(title="Country study of Cameroon", countries=["CM"], parent=shelf)
    webinar = WebinarFactory(capacity=10)
    client = Client()
    client.get(shelf.url)
    client.get(webinar.get_absolute_url())

    Client().post(f"/webinars/{webinar.slug}/register/", form_data())

    with django_assert_max_num_queries(0):
        assert "Country study of Cameroon" in client.get(shelf.url).content.decode()
    assert "9 places left" in client.get(webinar.get_absolute_url()).content.decode()

    resource(title="Country study of Ghana", countries=["GH"], parent=shelf)
    assert "Country study of Ghana" in client.get(shelf.url).content.decode()
    ghana_only = client.get(shelf.url + "?country=GH").content.decode()
    assert "Country study of Ghana" in ghana_only
    assert "Country study of Cameroon" not in ghana_only


def test_a_taxonomy_change_reaches_the_kept_library_facets(fragments_on):
    from portal.core.models import Country

    home_page()
    shelf = library()
    resource(title="Country study of Cameroon", countries=["CM"], parent=shelf)
    client = Client()
    assert "Cameroon" in client.get(shelf.url).content.decode()

    Country.objects.filter(iso_code="CM").update(name="Republic of Cameroon")

    assert "Republic of Cameroon" in client.get(shelf.url).content.decode()



def test_forum_and_home_parts_stay_kept_through_registrations_and_follow_replies(
        fragments_on, django_assert_max_num_queries):
    from portal.forum.services import post_create

    home_page()
    discussed = topic(title="Portable pensions for migrant workers")
    resource(title="Country study of Cameroon")
    webinar = WebinarFactory(capacity=10)
    visitor = Client()
    for address in ("/", "/forum/latest/", discussed.get_absolute_url()):
        visitor.get(address)
    with django_assert_max_num_queries(0):
        visitor.get("/forum/latest/")

    Client().post(f"/webinars/{webinar.slug}/register/", form_data())

    with django_assert_max_num_queries(0):
        assert "Portable pensions" in visitor.get("/forum/latest/").content.decode()
    home = visitor.get("/").content.decode()
    assert "Portable pensions" in home and "Country study of Cameroon" in home

    post_create(topic=discussed, author=established(), body="A reply about pension portability.")
    assert "pension portability" in visitor.get(discussed.get_absolute_url()).content.decode()


def test_practice_and_call_pages_stay_kept_through_registrations_and_follow_publishing(
        fragments_on, django_assert_max_num_queries):
    from tests.factories.goodpractices import call as open_call
    from tests.factories.goodpractices import practice

    home_page()
    done = practice(title="Skills passport for returning migrants")
    opened = open_call()
    webinar = WebinarFactory(capacity=10)
    visitor = Client()
    for address in (done.url, opened.url, done.get_parent().url):
        visitor.get(address)

    Client().post(f"/webinars/{webinar.slug}/register/", form_data())

    for address in (done.url, opened.url, done.get_parent().url):
        with django_assert_max_num_queries(0):
            assert visitor.get(address).status_code == 200, address

    practice(title="Recognition of prior learning in Ghana")
    index = visitor.get(done.get_parent().url).content.decode()
    assert "Recognition of prior learning in Ghana" in index


def test_content_parts_stay_kept_through_registrations_and_follow_content_changes(
        fragments_on, django_assert_max_num_queries):
    """The search, the webinar listing and pages, a resource and the member directory read
    no registration: a burst of them leaves their parts kept, places left still follow."""
    home_page()
    study = resource(title="Country study of Cameroon")
    webinar = WebinarFactory(capacity=10, title="Portable pensions for migrant workers")
    visitor = Client()
    signed_in = Client()
    signed_in.force_login(member())
    kept = ["/webinars/", "/search/?q=Cameroon", "/search/?q=pensions", study.url]
    for address in kept:
        visitor.get(address)
    signed_in.get("/members/")
    with CaptureQueriesContext(connection) as warm:  # the session, the member, their badges
        signed_in.get("/members/")
    warm_queries = len(warm)
    visitor.get(webinar.get_absolute_url())

    Client().post(f"/webinars/{webinar.slug}/register/", form_data())

    for address in kept:
        with django_assert_max_num_queries(0):
            assert visitor.get(address).status_code == 200, address
    with django_assert_max_num_queries(warm_queries):
        assert signed_in.get("/members/").status_code == 200
    with django_assert_max_num_queries(1):  # the places left, counted again
        page = visitor.get(webinar.get_absolute_url()).content.decode()
    assert "9 places left" in page and "Portable pensions" in page

    resource(title="Country study of Ghana")
    assert "Country study of Ghana" in visitor.get("/search/?q=country").content.decode()


class KeptByAnEarlierRelease:
    """Stands for a class a release moved or removed after values holding it were kept."""


def test_a_kept_value_that_no_longer_loads_is_built_again(fragments_on, monkeypatch):
    import sys

    from portal.core.fragments import cached_value

    cached_value("moved", (1,), KeptByAnEarlierRelease)
    monkeypatch.delattr(sys.modules[__name__], "KeptByAnEarlierRelease")

    assert cached_value("moved", (1,), lambda: "built again") == "built again"
    assert cached_value("moved", (1,), lambda: "not asked") == "built again"
