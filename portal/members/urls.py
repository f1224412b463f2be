from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/export/", views.export_data, name="export"),
    path("me/delete/", views.account_delete, name="delete"),
    path("<int:pk>/", views.detail, name="detail"),
]
