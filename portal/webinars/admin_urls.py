from django.urls import path

from . import admin_views

urlpatterns = [
    path("<int:pk>/registrants/", admin_views.registrants, name="registrants"),
    path("<int:pk>/registrants/attendance/", admin_views.attendance, name="attendance"),
    path("<int:pk>/registrants/<int:registration_id>/promote/", admin_views.promote,
         name="promote"),
    path("<int:pk>/registrants/export.csv", admin_views.export_csv, name="export_csv"),
    path("<int:pk>/registrants/export.xlsx", admin_views.export_xlsx, name="export_xlsx"),
    path("<int:pk>/attendance-import/", admin_views.attendance_import, name="attendance_import"),
    path("<int:pk>/message/", admin_views.message, name="message"),
    path("<int:pk>/reports/", admin_views.reports, name="reports"),
]
