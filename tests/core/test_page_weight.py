"""Page weight on the demo content: what a member on a slow connection downloads.

First visit: the page, its style sheets, scripts and pictures, compressed as the server
sends them (gzip), under 100 KB. Repeat visit: the static files have hashed names and a
year-long lifetime, so only the page itself travels, under 25 KB."""

import gzip
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

pytestmark = pytest.mark.django_db

FIRST_VISIT_LIMIT = 100 * 1024
REPEAT_VISIT_LIMIT = 25 * 1024
ASSET = re.compile(rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src|img[^>]+src)="([^"]+)"')


def compressed_size(content: bytes) -> int:
    return len(gzip.compress(content, compresslevel=6))


def asset_size(url: str) -> int:
    path = url.split("?")[0]
    if path.startswith(settings.STATIC_URL):
        found = finders.find(path[len(settings.STATIC_URL):])
        assert found, f"{url} is named by a page but does not exist"
        return compressed_size(Path(found).read_bytes())
    if path.startswith(settings.MEDIA_URL):
        return (Path(settings.MEDIA_ROOT) / path[len(settings.MEDIA_URL):]).stat().st_size
    raise AssertionError(f"{url}: a public page loads something from elsewhere")


def public_pages() -> list[str]:
    from portal.forum.models import Topic
    from portal.goodpractices.models import CallPage, PracticeIndexPage, PracticePage
    from portal.resources.models import ResourceIndexPage, ResourcePage
    from portal.webinars.models import Webinar

    english = {"locale__language_code": "en"}
    webinar = Webinar.objects.filter(live=True, is_members_only=False, **english).first()
    return ["/", "/fr/", "/webinars/", webinar.get_absolute_url(),
            ResourceIndexPage.objects.live().filter(**english).first().url,
            ResourcePage.objects.live().filter(**english).first().url,
            PracticeIndexPage.objects.live().filter(**english).first().url,
            CallPage.objects.live().filter(**english).first().url,
            PracticePage.objects.live().filter(**english).first().url,
            "/forum/", "/forum/latest/", Topic.objects.first().get_absolute_url(),
            "/search/?q=skills", "/members/"]


def test_every_public_page_is_light_on_first_and_repeat_visits(client):
    call_command("load_demo", stdout=io.StringIO())
    report = []
    for address in public_pages():
        response = client.get(address)
        assert response.status_code == 200, address
        assets = {url.decode() for url in ASSET.findall(response.content)}
        page = compressed_size(response.content)
        first = page + sum(asset_size(url) for url in assets)
        report.append(f"{address}: page {page / 1024:.1f} KB, first visit {first / 1024:.1f} KB")
        assert first < FIRST_VISIT_LIMIT, "\n".join(report)
        assert page < REPEAT_VISIT_LIMIT, "\n".join(report)
    print("\n" + "\n".join(report))  # the figures, with pytest -s
