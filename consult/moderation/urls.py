from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("report-misattribution/", views.report_misattribution, name="report_misattribution"),
    path("staff/moderation/<slug:slug>/", views.queue, name="queue"),
    path("staff/moderation/<slug:slug>/items/<int:pk>/", views.item, name="item"),
    path("staff/moderation/<slug:slug>/decisions.csv", views.export, name="export"),
    path("staff/moderation/<slug:slug>/misattribution/", views.reports, name="reports"),
    path(
        "staff/moderation/<slug:slug>/misattribution/<int:pk>/",
        views.report_detail,
        name="report",
    ),
]
