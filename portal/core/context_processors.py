from django.utils.functional import SimpleLazyObject

from .audience import audience_of
from .branding import site_name
from .navigation import nav_items


def portal(request):
    return {
        "site_name": site_name(),
        "viewer_timezone": getattr(request, "viewer_timezone", "UTC"),
        "nav_items": nav_items(request),
        # For {% fragment %} keys: asked only by templates that keep a part per audience.
        "audience": SimpleLazyObject(lambda: audience_of(getattr(request, "user", None))),
    }
