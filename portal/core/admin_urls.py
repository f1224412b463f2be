from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.failed_emails, name="failed_emails"),
    path("<int:pk>/resend/", admin_views.failed_email_resend, name="failed_email_resend"),
    path("<int:pk>/delete/", admin_views.failed_email_delete, name="failed_email_delete"),
]
