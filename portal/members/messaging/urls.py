from django.urls import path

from ..moderation.views import report_message_view
from . import views

app_name = "conversations"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("message/<int:pk>/report/", report_message_view, name="report"),
]
