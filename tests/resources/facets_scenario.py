"""The library's filters and facet counts on whatever database the settings name (run on
PostgreSQL by test_facets_postgres.py); prints JSON after "RESULT "."""

import datetime
import json


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict

    call_command("migrate", verbosity=0, interactive=False)
    from django.contrib.auth.models import AnonymousUser

    from portal.core.models import Country
    from portal.resources.facets import resource_facets
    from portal.resources.selectors import ResourceFilters, resources_filter, resources_visible_to
    from tests.factories.resources import resource

    resource(title="Senegal 2019", countries=["SN"], publication_date=datetime.date(2019, 5, 1))
    resource(title="Kenya 2020", countries=["KE"], regions=["west"],
             publication_date=datetime.date(2020, 1, 1))
    resource(title="Regional 2020", regions=["central"],
             publication_date=datetime.date(2020, 12, 31))
    base = resources_visible_to(AnonymousUser())

    def outcome(query: str) -> dict:
        filters = ResourceFilters.from_querydict(QueryDict(query))
        facets = resource_facets(base, filters)
        return {
            "titles": sorted(page.title for page in resources_filter(base, filters)),
            "years": {option.value: option.count for option in facets["year"].options},
            "regions": {option.value: option.count for option in facets["region"].options},
        }

    before = {"all": outcome(""), "west": outcome("region=west"), "2020": outcome("year=2020")}
    kenya = Country.objects.get(iso_code="KE")
    kenya.region = "north"
    kenya.save()
    print("RESULT " + json.dumps({"vendor": connection.vendor, **before,
                                  "after_move": outcome("region=north")}))


if __name__ == "__main__":
    main()
