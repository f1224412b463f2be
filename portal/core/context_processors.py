from .branding import site_name
from .navigation import nav_items


def portal(request):
    return {
        "site_name": site_name(),
        "viewer_timezone": getattr(request, "viewer_timezone", "UTC"),
        "nav_items": nav_items(request),
    }
