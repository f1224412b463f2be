"""Wagtail's routing, remembered: which site and which page an address leads to.

Finding the page behind an address takes six or seven queries (the site, the locale, a page
per level of the tree) before the page itself renders. The answer depends only on the
address, the host and the language, and changes only when pages or sites change (the
"pages" areas: the page tree and the apps with page models, not webinar registrations nor
forum posts); so it is kept with the other fragments (`fragments.cached_value`) and a
repeat visit to any page skips it, member or visitor. The view restrictions that apply (the
page's and its ancestors') are kept with it; whether the visitor meets them is still checked
on every request, by Wagtail's own hook.
"""

from wagtail.models import Page, Site
from wagtail.views import serve

from .fragments import cached_value


class PageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        host = request._get_raw_host().lower()
        site, route, restrictions = cached_value(
            "page-route", (host, request.get_port(), path), lambda: _find_route(request, path),
            depends="pages")
        request._wagtail_site = site
        request._wagtail_route_for_request = route
        if route is not None:
            # Wagtail's own check of passwords, logins and groups runs on these, unchanged.
            route[0].get_view_restrictions = lambda: restrictions
        return None


def _find_route(request, path: str) -> tuple:
    site = Site.find_for_request(request)
    if site is None:
        return None, None, []
    route = Page.route_for_request(request, path)  # None when nothing is there
    if route is None:
        return site, None, []
    return site, route, list(route[0].get_view_restrictions())
