"""The portal's own addresses plus one that fails, for the test of the 500 page."""

from django.urls import path

from portal import urls as portal_urls


def fail(request):
    raise RuntimeError("A fault on the server's side")


urlpatterns = [path("fail/", fail), *portal_urls.urlpatterns]
handler500 = getattr(portal_urls, "handler500", "django.views.defaults.server_error")
