
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.core.fragments import lazy_entries
from portal.core.pagecache import public_page

from .selectors import FACETS, add_excerpts, describe_hits, site_search
from .selectors import autocomplete as autocomplete_hits

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200


@public_page
@require_GET
def search(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    selected = {name: request.GET.get(name, "") for name in FACETS}
    as_typed = request.GET.get("as_typed") == "1"

    def results() -> dict:
        outcome = site_search(query=query, user=request.user, selected=selected,
                              as_typed=as_typed)
        page = Paginator(outcome.hits, PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = describe_hits(list(page.object_list), request.user,
                                         locale_id=outcome.locale_id)
        add_excerpts(outcome, page.object_list)
        facet_titles = {
            "type": _("Content type"),
            "theme": _("Theme"),
            "country": _("Country"),
            "year": _("Year"),
        }
        facets = [(name, facet_titles[name], outcome.facets.get(name, [])) for name in FACETS]
        return {"outcome": outcome, "searched": outcome.query, "results": page, "facets": facets}

    # The search runs only when the page's kept fragment (per address and audience) is
    # missing; the query shown is the one typed, even when results are for a correction.
    context = lazy_entries(results, ("outcome", "searched", "results", "facets"))
    context.update({
        "query": " ".join(query.split()),
        "selected": {name: value for name, value in selected.items() if value},
    })
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    query = request.GET.get("q", "")[:MAX_QUERY_LENGTH]
    return JsonResponse({"results": autocomplete_hits(query=query, user=request.user)})
