"""The site search's resource results: one query per kind of related row, not per hit."""

import pytest
from django.urls import reverse

from tests.factories.resources import library, resource

pytestmark = pytest.mark.django_db


def search_queries(client, rows: int) -> int:
    shelf = library()
    for number in range(rows):
        resource(title=f"Welding standards study {number}", themes=["recognition-portability"],
                 countries=["SN"], languages=["en", "fr"], parent=shelf)
    client.get(reverse("search:index"), {"q": "welding"})  # the lookups a server keeps warm
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("search:index"), {"q": "welding"})
    assert "Welding standards study 0" in response.content.decode()
    return len(captured)


def test_resource_hits_cost_the_same_queries_as_one(client):
    one = search_queries(client, 1)
    twelve = search_queries(client, 11)
    assert twelve == one
