from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("time-zone/", views.timezone_choose, name="timezone"),
]
