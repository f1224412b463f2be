import zoneinfo
from urllib.parse import unquote

from django.conf import settings
from django.utils import timezone

from .timezones import is_valid_zone

TIMEZONE_COOKIE = "portal_tz"


def viewer_timezone_name(request) -> str:
    """The viewer's zone: the profile's, else the browser's (cookie), else UTC."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        profile_zone = getattr(getattr(user, "profile", None), "timezone", "")
        if is_valid_zone(profile_zone):
            return profile_zone
    cookie_zone = unquote(request.COOKIES.get(TIMEZONE_COOKIE, ""))
    if is_valid_zone(cookie_zone):
        return cookie_zone
    return "UTC"


class TimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.viewer_timezone = viewer_timezone_name(request)
        timezone.activate(zoneinfo.ZoneInfo(request.viewer_timezone))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy, which Django 5.2 does not set itself.

    Wagtail's admin still relies on inline scripts in places, so it gets a policy that
    allows them; every public page gets the strict one.
    """

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.CONTENT_SECURITY_POLICY
        if request.path.startswith(self.ADMIN_PREFIXES):
            policy = policy.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
            policy = policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
