"""One site-search scenario run on each supported search backend: the content is built,
then each query goes through the search page and its titles (in order) and notices are
returned for the test to check, with the page's query count at two sizes of the results.

Run as a module (``python -m tests.search.scenario``) it migrates the configured database,
runs the scenario and prints ``RESULT <json>``: the PostgreSQL test does so in a
subprocess pointed at its throwaway cluster.
"""

import json

QUERIES = ["Kenya", "RPL", "labor migration", "Burkina Faso Mali", "Yaounde", "Yaoundé",
           "Kenia", "dialogue social", "partnership", "recognise skills",
           "apprentiseships", "seasonal work"]


def build() -> None:
    from portal.core.models import Theme
    from tests.factories.resources import resource
    from tests.factories.webinars import WebinarFactory

    resource(title="Kenya: skills partnerships in Kenya",
             summary="Kenya and its partners: how Kenya recognises skills.", languages=["en"])
    resource(title="A long survey of the region",
             summary="Many countries, with a short mention of Kenya among others.",
             body=[("rich_text", "<p>" + "Countries compare training systems. " * 60 + "</p>")],
             languages=["en"])
    resource(title="Recognising the skills of returnees", summary="Skills recognised at home.",
             languages=["en"])
    resource(title="Recognition of prior learning in practice",
             summary="Assessing what workers learnt on the job.", languages=["en"])
    resource(title="On-the-job schemes", summary="What employers offer.",
             body=[("rich_text", "<p>Employers run apprenticeships abroad.</p>")],
             languages=["en"])  # "apprenticeships" only in the body: no spelling knows it
    resource(title="Labour migration governance", summary="Who decides what.", languages=["en"])
    resource(title="Country study of Burkina Faso", summary="Skills in Burkina Faso.",
             languages=["fr"])
    resource(title="Country study of Mali", summary="Skills in Mali.", languages=["fr"])
    resource(title="Workshop report: Yaoundé", summary="Held in Cameroon.", languages=["en"])
    resource(title="Rapport d'atelier : Yaoundé", summary="Tenu au Cameroun.",
             languages=["fr"])
    webinar = WebinarFactory(title="Tripartite talks", summary="Employers and unions meet.")
    webinar.themes.set([Theme.objects.get(slug="social-dialogue")])
    webinar.save()
    webinar.save_revision().publish()
    # A public webinar gets a forum discussion that repeats its title and summary in a few
    # lines (see portal.webinars.discussion).
    seasonal = WebinarFactory(title="Seasonal work in the Pacific", summary=(
        "How seasonal work schemes recruit, train and bring workers home."))
    seasonal.save_revision().publish()


def _page(client, query: str):
    from django.urls import reverse

    response = client.get(reverse("search:index"), {"q": query})
    assert response.status_code == 200, response.status_code
    return response


def run() -> dict:
    from django.test import Client

    client = Client()
    results = {}
    for query in QUERIES:
        response = _page(client, query)
        outcome = response.context["outcome"]
        page = response.content.decode()
        results[query] = {
            "titles": [hit.info.title for hit in response.context["results"].object_list],
            "areas": [hit.area.key for hit in response.context["results"].object_list],
            "scores": [hit.score for hit in response.context["results"].object_list],
            "corrected_from": outcome.corrected_from, "any_word": outcome.any_word,
            "expansions": outcome.expansions,
            "notices": {
                "corrected": "Showing results for" in page,
                "expansions": "Including:" in page,
                "any_word": "results with only some of them are shown too" in page,
            },
        }
    return results


#: Synonyms ("RPL") and the any-word fallback ("Mombasa" is in none of the RPL texts).
COUNTED_QUERY = "RPL Mombasa"


def query_counts(sizes=(2, 8)) -> dict[int, dict]:
    """The search page's queries for ``COUNTED_QUERY`` with ``size`` more matching objects."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tests.factories.resources import resource

    client = Client()
    made, counts = 0, {}
    for size in sizes:
        while made < size:
            resource(title=f"Planning in Mombasa, part {made}", summary="Port city plans.",
                     languages=["en"])
            made += 1
        _page(client, COUNTED_QUERY)  # synonyms and the spelling vocabulary cached
        with CaptureQueriesContext(connection) as queries:
            response = _page(client, COUNTED_QUERY)
        counts[size] = {"queries": len(queries.captured_queries),
                        "hits": response.context["results"].paginator.count}
    return counts


if __name__ == "__main__":
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    build()
    print("RESULT " + json.dumps({"vendor": connection.vendor, "results": run(),
                                  "counts": query_counts()}))
