from django.urls import path

from . import views
from .moderation import views as moderation_views
from .network import views as network_views

app_name = "members"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("me/", views.dashboard, name="dashboard"),
    path("me/profile/", views.profile_edit, name="profile_edit"),
    path("me/export/", views.export_data, name="export"),
    path("me/delete/", views.account_delete, name="delete"),
    path("<int:pk>/", views.detail, name="detail"),
    path("network/", network_views.network, name="network"),
    path("<int:pk>/report/", moderation_views.report_member, name="report"),
    path("<int:pk>/connect/", network_views.connect, name="connect"),
    path("<int:pk>/disconnect/", network_views.disconnect, name="disconnect"),
    path("<int:pk>/follow/", network_views.follow, name="follow"),
    path("<int:pk>/unfollow/", network_views.unfollow, name="unfollow"),
    path("<int:pk>/block/", network_views.block, name="block"),
    path("<int:pk>/unblock/", network_views.unblock, name="unblock"),
    path("requests/<int:pk>/<slug:answer>/", network_views.request_answer, name="request_answer"),
]
