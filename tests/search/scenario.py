"""One site-search scenario run on each database-backed search backend: the content is
built, then each query's titles (in order) and notices are returned for the test to check.

Run as a module (``python -m tests.search.scenario``) it migrates the configured database,
runs the scenario and prints ``RESULT <json>``: the PostgreSQL test does so in a
subprocess pointed at its throwaway cluster.
"""

import json

QUERIES = ["Kenya", "RPL", "labor migration", "Burkina Faso Mali", "Yaounde", "Yaoundé",
           "Kenia", "dialogue social"]


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
    resource(title="Recognition of prior learning in practice",
             summary="Assessing what workers learnt on the job.", languages=["en"])
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


def run() -> dict:
    from django.contrib.auth.models import AnonymousUser

    from portal.search.selectors import site_search

    results = {}
    for query in QUERIES:
        outcome = site_search(query=query, user=AnonymousUser())
        results[query] = {
            "titles": [hit.info.title for hit in outcome.hits],
            "scores": [hit.score for hit in outcome.hits],
            "corrected_from": outcome.corrected_from, "any_word": outcome.any_word,
            "expansions": outcome.expansions,
        }
    return results


if __name__ == "__main__":
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)
    build()
    print("RESULT " + json.dumps({"vendor": connection.vendor, "results": run()}))
