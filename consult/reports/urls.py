"""Staff report pages, included under /staff/<slug>/reports/ (namespace ``staff:reports``)."""

from django.urls import path

from .views import campaigns, review, runs

app_name = "reports"

urlpatterns = [
    path("", runs.run_list, name="runs"),
    path("start/", runs.run_start, name="start"),
    path("<int:run_id>/", runs.run_detail, name="run"),
    path("<int:run_id>/progress/", runs.run_progress, name="progress"),
    path("<int:run_id>/cancel/", runs.run_cancel, name="cancel"),
    path("<int:run_id>/report/", runs.report_view, name="view"),
    path("<int:run_id>/report.html", runs.report_html, name="html"),
    path("<int:run_id>/download/<str:fmt>/", runs.artifact_download, name="download"),
    path("campaigns/", campaigns.undeclared_list, name="campaigns"),
    path(
        "campaigns/<int:cluster_id>/decide/",
        campaigns.undeclared_decide,
        name="campaign-decide",
    ),
    path("review/", review.review, name="review"),
    path("review/add/", review.theme_add, name="theme-add"),
    path("review/sample/", review.sample, name="sample"),
    path("review/themes/<int:theme_id>/", review.theme_detail, name="theme"),
    path(
        "review/themes/<int:theme_id>/<slug:action>/",
        review.theme_action,
        name="theme-action",
    ),
]
