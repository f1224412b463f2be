from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


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
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
