from django.urls import path

from . import admin_views

urlpatterns = [
    path("<int:pk>/registrants/", admin_views.registrants, name="registrants"),
]
