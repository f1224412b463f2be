"""Thin views behind the library's routes (served through the index page's sub-routes)."""

import mimetypes

from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from portal.core.fragments import cached_value

from .enums import SortOrder
from .facets import listing_facets
from .feeds import ResourceAtomFeed, ResourceRssFeed
from .listing import resource_listing
from .rules import can_view_members_only
from .selectors import FACET_KEYS, DocumentAccess, ResourceFilters, document_access
from .services import document_download_record


def members_only_response(request, *, status: int = 403):
    """The invitation a visitor sees instead of members-only content (no title, no data)."""
    from .sections import library_url

    response = TemplateResponse(request, "resources/members_only.html",
                                {"next_url": request.get_full_path(),
                                 "library_url": library_url()}, status=status)
    add_never_cache_headers(response)
    return response


def _toggle_url(params, key: str, value: str) -> str:
    params = params.copy()
    params.pop("page", None)
    values = params.getlist(key)
    if value in values:
        values = [existing for existing in values if existing != value]
    else:
        values = [*values, value]
    params.setlist(key, values)
    encoded = urlencode(sorted((k, v) for k, v in params.lists() if v), doseq=True)
    return f"?{encoded}" if encoded else "?"


def _without_url(params, key: str) -> str:
    params = params.copy()
    params.pop("page", None)
    params.pop(key, None)
    encoded = urlencode(sorted(params.lists()), doseq=True)
    return f"?{encoded}" if encoded else "?"


def resource_index(request, *, index_page):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    filters = ResourceFilters.from_querydict(request.GET)
    sees_members_only = can_view_members_only(request.user)
    facets, active_filters = cached_value(
        "library-facet-links", (sees_members_only, request.GET.urlencode()),
        lambda: _facets_with_links(request, filters), depends="library")
    # Queried only when the kept results fragment (per address and audience) is missing.
    listing = SimpleLazyObject(lambda: resource_listing(
        user=request.user, filters=filters, page_number=request.GET.get("page", 1),
        with_facets=False))
    context = index_page.get_context(request)
    context.update({
        "listing": listing,
        "page_obj": SimpleLazyObject(lambda: listing.page),
        "resources": SimpleLazyObject(lambda: listing.page.object_list),
        "later_page": request.GET.get("page", "1") != "1",
        "facets": facets,
        "sees_members_only": sees_members_only,
        "filters": filters,
        "active_filters": active_filters,
        "sort_choices": SortOrder.choices,
        "feed_theme": filters.themes[0] if len(filters.themes) == 1 else "",
        "feed_rss_url": index_page.url + index_page.reverse_subpage("feed_rss"),
        "feed_atom_url": index_page.url + index_page.reverse_subpage("feed_atom"),
    })
    return TemplateResponse(request, index_page.get_template(request), context)


def _facets_with_links(request, filters) -> tuple[list, list]:
    """Each facet option with the address that toggles it, and the filters now active."""
    facets = listing_facets(user=request.user, filters=filters)
    # Links carry canonical values (what the facet shows), so toggling is exact.
    params = request.GET.copy()
    for key in FACET_KEYS:
        params.setlist(key, [str(value) for value in filters.values_for(key)])
    active_filters = []
    for key, facet in facets.items():
        facet.clear_url = _without_url(params, key)
        for option in facet.options:
            option.url = _toggle_url(params, key, option.value)
            if option.selected:
                active_filters.append({"facet": facet.label, "label": option.label,
                                       "url": option.url})
    return list(facets.values()), active_filters


def resource_document_download(request, *, index_page, document_id: int):
    """Serve a library document as an attachment and count the download.

    Visitors asking for a members-only document get the invitation to log in or join;
    documents only in unpublished resources are not found.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        raise Http404(_("No such document."))
    access = document_access(user=request.user, document=document)
    if access is DocumentAccess.MEMBERS_ONLY:
        return members_only_response(request)
    if access is not DocumentAccess.ALLOWED:
        raise Http404(_("No such document."))
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404(_("The file of this document is missing.")) from error
    if request.method == "GET":
        document_download_record(document=document)
    content_type = (mimetypes.guess_type(document.filename)[0]
                    or "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=document.filename,
                            content_type=content_type)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def resource_feed(request, *, index_page, kind: str):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    feed_class = ResourceAtomFeed if kind == "atom" else ResourceRssFeed
    return feed_class(index_page=index_page)(request)
