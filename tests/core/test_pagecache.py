"""The shared page cache: who gets a kept page, what each visitor gets of their own, and
every change that must reach visitors at once, with the local memory cache and with Redis."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import reverse

from portal.core import pagecache
from portal.core.models import Country, Theme
from tests.factories.forum import established, topic
from tests.factories.members import member
from tests.factories.resources import home_page, library, resource
from tests.factories.webinars import WebinarFactory
from tests.webinars.test_registration_views import form_data

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    caches["pages"].clear()
    yield
    caches["pages"].clear()


def cache_state(response) -> str:
    return response.headers.get(pagecache.CACHE_HEADER, "none")


def token_in(response) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)
    return match.group(1).decode() if match else ""


def test_a_visitor_gets_the_page_kept_for_the_one_before(client, page_cache_on):
    home_page()
    first = client.get("/")
    second = Client().get("/")

    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert first.content == second.content
    assert second["Content-Type"].startswith("text/html")


def test_pages_that_did_not_opt_in_are_never_kept(client, page_cache_on):
    client.get("/accounts/login/")
    assert cache_state(client.get("/accounts/login/")) == "none"


def test_a_logged_in_member_neither_fills_nor_reads_the_cache(client, page_cache_on):
    home_page()
    client.force_login(member(display_name="Amina Diallo"))
    assert cache_state(client.get("/")) == "none"
    visitor = Client().get("/")
    assert cache_state(visitor) == "miss"
    assert b"Amina Diallo" not in visitor.content
    assert cache_state(client.get("/")) == "none"


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, page_cache_on):
    home_page()
    client.get("/")
    client.cookies["messages"] = "something to say"
    assert cache_state(client.get("/")) == "none"


def test_each_visitor_gets_their_own_csrf_token_and_can_post_with_it(page_cache_on):
    webinar = WebinarFactory(title="Skills partnerships", capacity=10)
    address = reverse("webinars:detail", args=[webinar.slug])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    page_one, page_two = first.get(address), second.get(address)

    assert (cache_state(page_one), cache_state(page_two)) == ("miss", "hit")
    assert pagecache.CSRF_PLACEHOLDER.encode() not in page_two.content
    assert token_in(page_one) and token_in(page_two) and token_in(page_one) != token_in(page_two)
    assert "csrftoken" in page_two.cookies
    posted = second.post(reverse("webinars:register", args=[webinar.slug]),
                         {**form_data(), "csrfmiddlewaretoken": token_in(page_two)})
    assert posted.status_code == 302


def test_the_time_zone_and_the_language_are_part_of_the_key(page_cache_on):
    webinar = WebinarFactory(title="Skills partnerships")
    address = reverse("webinars:detail", args=[webinar.slug])
    lagos, nairobi = Client(), Client()
    lagos.cookies["portal_tz"] = "Africa/Lagos"
    nairobi.cookies["portal_tz"] = "Africa/Nairobi"

    assert cache_state(lagos.get(address)) == "miss"
    assert cache_state(nairobi.get(address)) == "miss"
    assert cache_state(nairobi.get(address)) == "hit"
    assert cache_state(Client().get("/fr" + address)) == "miss"
    assert cache_state(lagos.get(address)) == "hit"


def test_a_registration_changes_the_places_left_at_once(client, page_cache_on,
                                                        django_capture_on_commit_callbacks):
    webinar = WebinarFactory(title="Skills partnerships", capacity=10)
    address = reverse("webinars:detail", args=[webinar.slug])
    assert "10 places left" in client.get(address).content.decode()
    assert cache_state(client.get(address)) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("webinars:register", args=[webinar.slug]), form_data())

    again = Client().get(address)
    assert cache_state(again) == "miss"
    assert "9 places left" in again.content.decode()


def test_publishing_and_unpublishing_a_resource_reach_the_listing(client, page_cache_on):
    shelf = library()
    resource(title="Country study of Cameroon")
    assert "Country study of Cameroon" in client.get(shelf.url).content.decode()
    assert cache_state(client.get(shelf.url)) == "hit"

    newcomer = resource(title="Guide to skills recognition")
    listing = client.get(shelf.url)
    assert cache_state(listing) == "miss"
    assert "Guide to skills recognition" in listing.content.decode()

    newcomer.unpublish()
    assert "Guide to skills recognition" not in client.get(shelf.url).content.decode()


def test_a_renamed_theme_and_a_new_forum_reply_reach_visitors(client, page_cache_on):
    from portal.forum import services as forum_services

    conversation = topic(author=established(), title="Recognising welders' skills")
    address = conversation.get_absolute_url()
    client.get(address)
    assert cache_state(client.get(address)) == "hit"

    forum_services.post_create(topic=conversation, author=established(),
                               body="Senegal and Mauritania agreed on shared standards.")
    fresh = client.get(address)
    assert cache_state(fresh) == "miss"
    assert "shared standards" in fresh.content.decode()

    theme = Theme.objects.first()
    client.get(address)
    theme.name = "A renamed theme"
    theme.save()
    assert cache_state(client.get(address)) == "miss"


def test_private_writes_leave_the_cache_alone(client, page_cache_on):
    home_page()
    client.get("/")
    from portal.members.notifications.models import NotificationPreference

    user = member()
    caches["pages"].set("marker", 1)
    before = pagecache.generation().current()
    NotificationPreference.objects.filter(user=user).delete()
    assert pagecache.generation().current() == before
    assert pagecache.changes_what_visitors_see(Country)
    assert not pagecache.changes_what_visitors_see(NotificationPreference)


def test_another_process_invalidates_the_local_memory_copies(client, page_cache_on):
    home_page()
    client.get("/")
    assert cache_state(client.get("/")) == "hit"

    code = ("import django; django.setup(); from portal.core import pagecache; "
            "pagecache.generation().bump()")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test",
           "PORTAL_TEST_VAR_DIR": str(settings.VAR_DIR)}
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, timeout=120)

    assert cache_state(client.get("/")) == "miss"


# --- Redis: the cache every machine shares ------------------------------------------------

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("Redis is needed for this test: sudo apt-get install redis-server")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", str(folder)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def redis_pages(settings, redis_server):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_server, "KEY_PREFIX": "pages"}}
    caches["pages"].clear()
    yield redis_server
    caches["pages"].clear()


def test_with_redis_machines_share_pages_and_generation(client, redis_pages):
    import redis

    shelf = library()
    resource(title="Country study of Cameroon")
    assert cache_state(client.get(shelf.url)) == "miss"
    assert cache_state(Client().get(shelf.url)) == "hit"
    raw = redis.Redis.from_url(redis_pages)
    assert raw.keys("pages:*pagecache:generation*")
    kept = [key for key in raw.keys("pages:*pagecache:*") if b"generation" not in key]
    assert kept

    # Another machine, with its own connection, starts a new generation: this machine's
    # next visitor gets a fresh page.
    other_machine = RedisCache(redis_pages, {"KEY_PREFIX": "pages"})
    pagecache.CacheGeneration(other_machine).bump()
    assert cache_state(client.get(shelf.url)) == "miss"

    resource(title="Guide to skills recognition")
    listing = client.get(shelf.url)
    assert cache_state(listing) == "miss"
    assert "Guide to skills recognition" in listing.content.decode()


def test_with_redis_machines_share_kept_parts_and_drop_them_together(redis_pages, settings):
    import redis

    settings.PAGE_CACHE_ENABLED = False  # members: parts kept, whole pages never
    shelf = library()
    resource(title="Country study of Cameroon", parent=shelf)
    reader = Client()
    reader.force_login(member())
    assert "Country study of Cameroon" in reader.get(shelf.url).content.decode()
    raw = redis.Redis.from_url(redis_pages)
    kept = set(raw.keys("pages:*fragment:*library-results*"))
    assert kept
    reader.get(shelf.url)
    assert set(raw.keys("pages:*fragment:*library-results*")) == kept  # used, not remade

    # Another machine changes a resource: the parts kept before are not used again.
    other_machine = RedisCache(redis_pages, {"KEY_PREFIX": "pages"})
    pagecache.CacheGeneration(other_machine, f"{pagecache.GENERATION_KEY}:resources").bump()
    reader.get(shelf.url)
    assert set(raw.keys("pages:*fragment:*library-results*")) - kept

    resource(title="Guide to skills recognition", parent=shelf)
    assert "Guide to skills recognition" in reader.get(shelf.url).content.decode()


def test_facets_are_counted_once_per_generation_for_members_too(page_cache_on):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from portal.resources.listing import resource_listing
    from portal.resources.selectors import ResourceFilters

    def listed():
        with CaptureQueriesContext(connection) as captured:
            listing = resource_listing(user=reader, filters=ResourceFilters())
            list(listing.page)
        return listing, len(captured)

    shelf = library()
    resource(title="Country study of Cameroon", countries=["CM"], parent=shelf)
    reader = member()
    first, counted = listed()
    again, counted_again = listed()
    # The six facets, in two statements (type, region and year share one; themes, countries
    # and languages another), not asked again.
    assert counted_again <= counted - 2
    assert [facet.options for facet in again.facets.values()] == \
        [facet.options for facet in first.facets.values()]

    resource(title="Country study of Ghana", countries=["GH"], parent=shelf)
    fresh, _ = listed()
    countries = {option.value: option.count for option in fresh.facets["country"].options}
    assert countries.get("GH") == 1 and countries.get("CM") == 1


def test_area_generations_are_shared_through_redis_too(settings, redis_pages):
    from portal.core import pagecache

    settings.FRAGMENT_CACHE_ENABLED = True
    library_token = pagecache.areas_generation(("resources", "core"))
    pagecache.invalidate(("forum",))
    assert pagecache.areas_generation(("resources", "core")) == library_token
    pagecache.invalidate(("resources",))
    assert pagecache.areas_generation(("resources", "core")) != library_token
    library_token = pagecache.areas_generation(("resources", "core"))
    pagecache.invalidate()  # a change of unknown reach
    assert pagecache.areas_generation(("resources", "core")) != library_token


def test_a_request_reads_each_generation_once_and_forgets_it_after_its_own_writes(settings):
    settings.FRAGMENT_CACHE_ENABLED = True
    with pagecache.generations_read_once():
        first = pagecache.areas_generation(("resources",))
        pagecache.generation("resources").bump()  # another process, mid-request
        assert pagecache.areas_generation(("resources",)) == first
        pagecache.invalidate(("resources",))  # this request's own write
        assert pagecache.areas_generation(("resources",)) != first
    outside = pagecache.areas_generation(("resources",))
    pagecache.generation("resources").bump()
    assert pagecache.areas_generation(("resources",)) != outside
