from django.urls import path

from . import views

app_name = "webinars"

urlpatterns = [
    path("", views.index, name="index"),
    path("calendar.ics", views.all_feed, name="feed"),
    path("calendar/<int:year>.ics", views.year_feed, name="year_feed"),
    path("series/<slug:slug>/", views.series_detail, name="series"),
    path("series/<slug:slug>/calendar.ics", views.series_feed, name="series_feed"),
    path("feed/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("me/feed/reset/", views.feed_token_reset, name="feed_token_reset"),
    path("registration/<str:token>/", views.manage, name="manage"),
    path("registration/<str:token>/cancel/", views.cancel, name="cancel"),
    path("registration/<str:token>/stop-mail/", views.stop_mail, name="stop_mail"),
    path("registration/<str:token>/calendar.ics", views.registration_calendar,
         name="registration_ics"),
    path("join/<str:token>/", views.join, name="join"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/calendar.ics", views.webinar_calendar, name="calendar"),
]
