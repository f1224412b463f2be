from urllib.parse import urlencode

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from .taskqueue import queue_health


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
