from django.conf import settings

from .navigation import nav_items


def portal(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "viewer_timezone": getattr(request, "viewer_timezone", "UTC"),
        "nav_items": nav_items(request),
    }
