import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from portal.resources.enums import Access, ResourceType, SortOrder
from portal.resources.facets import resource_facets
from portal.resources.listing import resource_listing
from portal.resources.selectors import (
    ResourceFilters,
    resource_related,
    resources_filter,
    resources_latest,
    resources_sort,
    resources_visible_to,
    with_download_totals,
)
from portal.resources.services import document_download_record
from tests.factories.members import member
from tests.factories.resources import document, resource

pytestmark = pytest.mark.django_db
VISITOR = AnonymousUser()


def filters(query: str) -> ResourceFilters:
    return ResourceFilters.from_querydict(QueryDict(query))


def counts(facet) -> dict:
    return {option.value: option.count for option in facet.options}


@pytest.fixture
def trio():
    a = resource(title="A", themes=["governance"], countries=["SN"],
                 resource_type=ResourceType.REPORT, publication_date=datetime.date(2019, 9, 11),
                 languages=["en"])
    b = resource(title="B", themes=["governance"], countries=["GH"],
                 resource_type=ResourceType.POLICY_BRIEF,
                 publication_date=datetime.date(2020, 3, 1), languages=["en", "fr"])
    c = resource(title="C", themes=["guidance"], countries=["SN", "CM"],
                 resource_type=ResourceType.REPORT, publication_date=datetime.date(2020, 6, 1),
                 languages=["fr"])
    return a, b, c


def titles(queryset) -> list[str]:
    return sorted(page.title for page in queryset)


@pytest.mark.parametrize("query", ["", "theme=governance", "country=SN&language=fr",
                                   "type=report", "region=west&year=2020"])
def test_type_region_and_year_counts_in_one_pass_equal_three_passes(trio, query):
    from portal.resources import facets

    base = resources_visible_to(VISITOR)
    chosen = filters(query)
    one_pass = facets._column_counts(base, chosen)
    separate = [facets._column_counts_for(resources_filter(base, chosen, exclude=key), key)
                for key in ("type", "region", "year")]
    assert dict(one_pass[0]) == {row["resource_type"]: row["n"] for row in separate[0]}
    assert {region: n for region, n in one_pass[1].items() if n} == {
        key.removeprefix("region_"): n for key, n in separate[1][0].items() if n}
    assert dict(one_pass[2]) == {row["year"]: row["n"] for row in separate[2]}
    if not query:
        assert dict(one_pass[0]) == {ResourceType.REPORT: 2, ResourceType.POLICY_BRIEF: 1}
        assert dict(one_pass[2]) == {2019: 1, 2020: 2}


def test_filters_combine_facets_with_and_values_with_or(trio):
    base = resources_visible_to(VISITOR)
    assert titles(resources_filter(base, filters("theme=governance"))) == ["A", "B"]
    assert titles(resources_filter(base, filters("theme=governance&country=SN"))) == ["A"]
    assert titles(resources_filter(base, filters("country=SN&country=GH"))) == ["A", "B", "C"]
    assert titles(resources_filter(base, filters("year=2020&type=report"))) == ["C"]
    assert titles(resources_filter(base, filters("language=fr"))) == ["B", "C"]


def test_facet_counts_apply_every_other_filter(trio):
    facets = resource_facets(resources_visible_to(VISITOR), filters("theme=governance&country=SN"))
    # Theme counts ignore the theme filter but keep country=SN: A (governance), C (guidance).
    assert counts(facets["theme"]) == {"governance": 1, "guidance": 1}
    # Country counts ignore the country filter but keep theme=governance: A (SN), B (GH).
    assert counts(facets["country"]) == {"SN": 1, "GH": 1}
    # Other facets apply both filters: only A.
    assert counts(facets["type"]) == {"report": 1}
    assert counts(facets["year"]) == {"2019": 1}
    assert counts(facets["region"]) == {"west": 1}


def test_facet_counts_without_filters_count_every_resource_once(trio):
    facets = resource_facets(resources_visible_to(VISITOR), filters(""))
    assert counts(facets["theme"]) == {"governance": 2, "guidance": 1}
    assert counts(facets["country"]) == {"SN": 2, "GH": 1, "CM": 1}
    assert counts(facets["region"]) == {"west": 3, "central": 1}
    assert counts(facets["language"]) == {"en": 2, "fr": 2}
    assert counts(facets["year"]) == {"2020": 2, "2019": 1}
    assert counts(facets["type"]) == {"report": 2, "policy_brief": 1}


def test_selected_option_stays_listed_when_other_filters_empty_it(trio):
    facets = resource_facets(resources_visible_to(VISITOR), filters("theme=guidance&type=policy_brief"))
    theme = {option.value: option for option in facets["theme"].options}
    assert theme["guidance"].selected and theme["guidance"].count == 0
    assert facets["theme"].selected_count == 1


def test_region_filter_uses_countries_and_explicit_regions():
    regional = resource(title="Regional", regions=["central"])
    national = resource(title="National", countries=["CM"])
    resource(title="Elsewhere", countries=["KE"])
    base = resources_visible_to(VISITOR)
    assert titles(resources_filter(base, filters("region=central"))) == ["National", "Regional"]
    assert counts(resource_facets(base, filters(""))["region"]) == {"central": 2, "east": 1}
    assert regional.regions == ["central"] and national.regions == ["central"]


def test_invalid_filter_values_are_dropped():
    parsed = filters("type=novel&year=abc&year=20199&region=atlantis&sort=random&theme=Governance")
    assert parsed.types == () and parsed.years == () and parsed.regions == ()
    assert parsed.sort == SortOrder.NEWEST
    assert parsed.themes == ("governance",)


def test_text_query_matches_title_summary_and_authors():
    resource(title="Mobility toolkit")
    resource(title="Other", summary="On the recognition of prior learning.")
    resource(title="Third", authors=["Fatou Ndiaye"])
    base = resources_visible_to(VISITOR)
    assert titles(resources_filter(base, filters("q=toolkit"))) == ["Mobility toolkit"]
    assert titles(resources_filter(base, filters("q=prior+learning"))) == ["Other"]
    assert titles(resources_filter(base, filters("q=ndiaye"))) == ["Third"]


def test_sorting_by_newest_title_and_downloads():
    popular_doc, other_doc = document(), document()
    old = resource(title="Zebra", publication_date=datetime.date(2018, 1, 1),
                   documents=[popular_doc])
    resource(title="Alpha", publication_date=datetime.date(2022, 1, 1), documents=[other_doc])
    resource(title="Middle", publication_date=datetime.date(2020, 1, 1))
    for _ in range(3):
        document_download_record(document=popular_doc)
    document_download_record(document=other_doc)
    base = with_download_totals(resources_visible_to(VISITOR))
    assert [p.title for p in resources_sort(base, SortOrder.NEWEST)] == ["Alpha", "Middle", "Zebra"]
    assert [p.title for p in resources_sort(base, SortOrder.TITLE)] == ["Alpha", "Middle", "Zebra"]
    by_downloads = list(resources_sort(base, SortOrder.DOWNLOADS))
    assert [p.title for p in by_downloads] == ["Zebra", "Alpha", "Middle"]
    assert by_downloads[0].downloads == 3 and by_downloads[0] == old


def test_download_totals_add_up_the_documents_of_a_resource():
    first, second = document(), document()
    page = resource(documents=[first, second])
    document_download_record(document=first)
    document_download_record(document=second)
    document_download_record(document=second)
    assert with_download_totals(resources_visible_to(VISITOR)).get(pk=page.pk).downloads == 3


def test_listing_paginates_twenty_per_page():
    for number in range(23):
        resource(title=f"R{number:02d}")
    listing = resource_listing(user=VISITOR, filters=filters(""), page_number=2)
    assert listing.total == 23
    assert len(listing.page.object_list) == 3
    assert resource_listing(user=VISITOR, filters=filters(""), page_number="x").page.number == 1
    assert resource_listing(user=VISITOR, filters=filters(""), page_number=99).page.number == 2


def test_related_resources_prefer_editor_choice_then_shared_themes_and_countries():
    close = resource(title="Close", themes=["governance"], countries=["SN"])
    resource(title="Loose", themes=["governance"])
    resource(title="Unrelated", themes=["guidance"], countries=["KE"])
    page = resource(title="Page", themes=["governance"], countries=["SN"])
    assert [p.title for p in resource_related(page=page, user=VISITOR)] == ["Close", "Loose"]

    chosen = resource(title="Chosen", themes=["guidance"])
    page_with_choice = resource(title="With choice", themes=["governance"], related=[chosen])
    assert [p.title for p in resource_related(page=page_with_choice, user=VISITOR)] == ["Chosen"]
    assert close.pk != page.pk


def test_related_resources_are_chosen_among_the_newest_that_share_anything(monkeypatch):
    """A large library is not scored whole: the best match among the newest few wins,
    and an older one sharing more is passed over."""
    from portal.resources import selectors

    monkeypatch.setattr(selectors, "RELATED_CANDIDATES", 2)
    resource(title="Old and close", themes=["governance"], countries=["SN"],
             publication_date=datetime.date(2018, 1, 1))
    resource(title="New and loose", themes=["governance"], publication_date=datetime.date(2024, 1, 1))
    resource(title="Newer and loose", countries=["SN"], publication_date=datetime.date(2024, 2, 1))
    resource(title="Newest, unrelated", themes=["guidance"], publication_date=datetime.date(2024, 3, 1))
    page = resource(title="Page", themes=["governance"], countries=["SN"],
                    publication_date=datetime.date(2020, 1, 1))
    assert [p.title for p in resource_related(page=page, user=VISITOR)] == [
        "Newer and loose", "New and loose"]
    monkeypatch.setattr(selectors, "RELATED_CANDIDATES", 10)
    assert [p.title for p in resource_related(page=page, user=VISITOR)][0] == "Old and close"


@pytest.mark.parametrize("candidates", [1, 2, 3, 50])
def test_latest_resources_are_right_however_few_of_the_newest_are_looked_at_first(
        monkeypatch, candidates):
    """The newest by date are looked at first; hidden ones among them, or a tie with the
    oldest of them, send the search through the whole library."""
    from portal.resources import selectors

    monkeypatch.setattr(selectors, "LATEST_CANDIDATES", candidates)
    resource(title="Hidden newest", access=Access.MEMBERS, publication_date=datetime.date(2025, 1, 1))
    resource(title="New", publication_date=datetime.date(2024, 6, 1))
    resource(title="Tied A", publication_date=datetime.date(2024, 3, 1))
    resource(title="Tied B", publication_date=datetime.date(2024, 3, 1))
    resource(title="Old", publication_date=datetime.date(2019, 1, 1))

    visitor = [p.title for p in resources_latest(user=VISITOR, limit=3)]
    assert visitor[0] == "New" and set(visitor[1:]) == {"Tied A", "Tied B"}
    assert [p.title for p in resources_latest(user=member(), limit=2)] == [
        "Hidden newest", "New"]


def test_latest_resources_are_newest_first():
    resource(title="Old", publication_date=datetime.date(2019, 1, 1))
    resource(title="New", publication_date=datetime.date(2024, 4, 11))
    assert [p.title for p in resources_latest(user=VISITOR, limit=1)] == ["New"]


def test_member_sees_members_only_resources_in_listing():
    resource(title="Open")
    resource(title="Closed", access=Access.MEMBERS)
    user = member()
    assert titles(resources_visible_to(user)) == ["Closed", "Open"]
    assert titles(resources_visible_to(VISITOR)) == ["Open"]
    assert resource_listing(user=user, filters=filters(""), page_number=1).total == 2


@pytest.mark.parametrize("per_page", [1, 2, 3, 4])
def test_first_page_of_the_library_is_right_however_the_newest_are_looked_at_first(per_page):
    """Page one of the whole library, newest first, is looked for among the newest few by
    date; hidden ones among them, or a tie with the oldest of them, send it through the
    whole library."""
    from portal.resources.selectors import resources_listed_for

    resource(title="Hidden newest", access=Access.MEMBERS, publication_date=datetime.date(2025, 1, 1))
    resource(title="Hidden newer", access=Access.MEMBERS, publication_date=datetime.date(2024, 12, 1))
    resource(title="New", publication_date=datetime.date(2024, 6, 1))
    resource(title="Tied A", publication_date=datetime.date(2024, 3, 1))
    resource(title="Tied B", publication_date=datetime.date(2024, 3, 1))
    resource(title="Draft", live=False, publication_date=datetime.date(2026, 1, 1))
    for number in range(1, 9):
        resource(title=f"Old {number}", publication_date=datetime.date(2019, 1, number))

    taken_from_the_newest = []
    for user in (VISITOR, member()):
        everything = resources_sort(with_download_totals(resources_listed_for(user)),
                                    SortOrder.NEWEST)
        page = resource_listing(user=user, filters=filters(""), per_page=per_page).page
        assert [p.title for p in page.object_list] == [p.title for p in everything[:per_page]]
        taken_from_the_newest.append(isinstance(page.object_list, list))
    # With one or two a page the newest five or ten settle both audiences' first page.
    assert all(taken_from_the_newest) == (per_page <= 2)


def test_first_page_of_the_library_is_not_settled_by_a_tie_with_the_oldest_candidate():
    """Two a page, so the newest ten by date are looked at first. The second resource a
    visitor sees ties with the tenth candidate; one left out shares that date and was
    published later, so it comes first: only the whole library can tell."""
    from portal.resources.selectors import resources_listed_for

    tied_early = resource(title="Tied, published last", live=False,
                          publication_date=datetime.date(2024, 6, 1))
    resource(title="Newest", publication_date=datetime.date(2025, 1, 1))
    for day in range(1, 9):
        resource(title=f"Hidden {day}", access=Access.MEMBERS,
                 publication_date=datetime.date(2024, 12, day))
    resource(title="Tied, published first", publication_date=datetime.date(2024, 6, 1))
    resource(title="Old", publication_date=datetime.date(2019, 1, 1))
    tied_early.save_revision().publish()

    page = resource_listing(user=VISITOR, filters=filters(""), per_page=2).page
    assert [p.title for p in page.object_list] == ["Newest", "Tied, published last"]
    everything = resources_sort(with_download_totals(resources_listed_for(VISITOR)),
                                SortOrder.NEWEST)
    assert [p.title for p in everything[:2]] == ["Newest", "Tied, published last"]
