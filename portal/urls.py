from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal.core import views as core_views
from portal.forum.sitemaps import ForumCategorySitemap
from portal.members.notifications import views as notification_views
from portal.webinars.sitemaps import WebinarSeriesSitemap, WebinarSitemap

PUBLIC_MEDIA_FOLDERS = ("images", "original_images", "avatars", "forum")
SITEMAPS = {"pages": PageSitemap, "webinars": WebinarSitemap, "series": WebinarSeriesSitemap,
            "forum": ForumCategorySitemap}

# Every way in goes through allauth's login, which asks for the second factor: the
# Wagtail and Django admin login forms would accept a password alone.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("admin/login/", core_views.admin_login_redirect, name="admin_login_redirect"),
    path("admin/password_reset/", core_views.admin_password_reset_redirect),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("healthz", core_views.health, name="health"),
    # Polled by every open tab: one address for all languages, answered by BellMiddleware.
    path("notifications/count.json", notification_views.bell, name="notifications_bell"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("members/", include("portal.members.urls")),
    path("notifications/", include("portal.members.notifications.urls")),
    path("messages/", include("portal.members.messaging.urls")),
    path("webinars/", include("portal.webinars.urls")),
    path("forum/", include("portal.forum.urls")),
    path("search/", include("portal.search.urls")),
    path("good-practices/", include("portal.goodpractices.urls")),
    path("site-map/", core_views.site_map, {"sitemaps": SITEMAPS}, name="site_map"),
    path("", include("portal.core.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.SERVE_PUBLIC_MEDIA:
    # On one machine the portal hands out uploaded pictures itself: images and photos
    # only. Documents (members-only ones among them) go out solely through the download
    # views, which check access.
    urlpatterns = [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/{folder}/(?P<path>.+)$", serve,
                {"document_root": settings.MEDIA_ROOT / folder})
        for folder in PUBLIC_MEDIA_FOLDERS
    ] + urlpatterns
