from urllib.parse import quote, urlencode

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET, require_http_methods

from .forms import TimezoneForm
from .middleware import TIMEZONE_COOKIE
from .params import local_path
from .site_map import site_map_sections
from .taskqueue import queue_health

CHOSEN_COOKIE = "portal_tz_chosen"
COOKIE_AGE = 365 * 24 * 3600


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /accounts/",
        "Disallow: /members/me/",
        "Disallow: /webinars/registration/",
        "Disallow: /webinars/join/",
        "Disallow: /webinars/feed/",
        "Disallow: /fr/accounts/",
        "Disallow: /fr/members/me/",
        "Disallow: /fr/webinars/registration/",
        "Disallow: /fr/webinars/join/",
        "Disallow: /fr/webinars/feed/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
@never_cache
def health(request):
    """For a load balancer or a monitor: the database answers, and how long the oldest due
    task has waited (a stopped worker or a stuck mail queue shows here)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    tasks = queue_health()
    status = "degraded" if tasks["stuck"] else "ok"
    return JsonResponse({"status": status, "tasks": tasks})


def _to_allauth(request, url_name):
    target = reverse(url_name)
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                                    require_https=request.is_secure()):
        target += "?" + urlencode({"next": next_url})
    return redirect(target)


def admin_login_redirect(request):
    """The Wagtail admin's own login would skip the second factor: send people to ours."""
    if request.user.is_authenticated:
        return redirect("wagtailadmin_home")
    return _to_allauth(request, "account_login")


def admin_password_reset_redirect(request):
    return _to_allauth(request, "account_reset_password")
    return JsonResponse({"status": "ok"})


def _safe_next(request, target: str) -> str:
    return local_path(request, target) or "/"


@never_cache
@require_http_methods(["GET", "POST"])
def timezone_choose(request):
    """Anyone chooses the zone "your time" is shown in; a cookie remembers it. Choosing
    nothing goes back to the device's own zone."""
    target = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    chosen = request.COOKIES.get(CHOSEN_COOKIE) == "1"
    if request.method == "POST":
        form = TimezoneForm(request.POST)
        if form.is_valid():
            response = redirect(target)
            zone = form.cleaned_data["timezone"]
            if zone:
                # URL-encoded like the browser writes it ("/" is not a legal cookie
                # character and would be quoted otherwise).
                response.set_cookie(TIMEZONE_COOKIE, quote(zone, safe=""), max_age=COOKIE_AGE,
                                    samesite="Lax")
                response.set_cookie(CHOSEN_COOKIE, "1", max_age=COOKIE_AGE, samesite="Lax")
            else:
                response.delete_cookie(CHOSEN_COOKIE, samesite="Lax")
            return response
        status = 400
    else:
        form = TimezoneForm(initial={"timezone": request.viewer_timezone if chosen else ""})
        status = 200
    profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
    return render(request, "core/timezone.html", {
        "form": form, "next": target, "profile_zone": getattr(profile, "timezone", ""),
    }, status=status)


@require_GET
def site_map(request, sitemaps: dict):
    """The sitemap for people: every section and its pages, as the visitor may see them."""
    return render(request, "core/site_map.html",
                  {"sections": site_map_sections(request, sitemaps)})
