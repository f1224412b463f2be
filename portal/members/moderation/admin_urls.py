from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.queue, name="queue"),
    path("<int:pk>/", admin_views.decide, name="decide"),
    path("members/<int:pk>/lift/", admin_views.lift, name="lift"),
    path("members/<int:pk>/lift-silence/", admin_views.lift_silence, name="lift_silence"),
]
