from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from .v1 import authoring, bulk, campaigns, official, reports, submit

app_name = "api"

v1 = [
    path("consultations/", authoring.ConsultationCollection.as_view(), name="consultation-list"),
    path(
        "consultations/<slug:slug>/",
        authoring.ConsultationResource.as_view(),
        name="consultation-detail",
    ),
    path(
        "consultations/<slug:slug>/document",
        authoring.ConsultationDocument.as_view(),
        name="consultation-document",
    ),
    path(
        "consultations/<slug:slug>/revisions",
        authoring.ConsultationRevisions.as_view(),
        name="consultation-revisions",
    ),
    path(
        "consultations/<slug:slug>/revisions/<int:number>",
        authoring.ConsultationRevisionDocument.as_view(),
        name="consultation-revision",
    ),
    path(
        "consultations/<slug:slug>/transitions/",
        authoring.ConsultationTransition.as_view(),
        name="consultation-transition",
    ),
    # GET (list) and POST (submit) share this path: the first pattern serves both methods.
    path(
        "consultations/<slug:slug>/responses/",
        official.ResponseCollection.as_view(),
        name="response-list",
    ),
    path(
        "consultations/<slug:slug>/responses/",
        submit.SubmitResponse.as_view(),
        name="response-submit",
    ),
    path(
        "consultations/<slug:slug>/responses/bulk",
        bulk.BulkImportResponses.as_view(),
        name="response-bulk",
    ),
    path(
        "consultations/<slug:slug>/responses/bulk/template",
        bulk.BulkImportTemplate.as_view(),
        name="response-bulk-template",
    ),
    path(
        "consultations/<slug:slug>/responses/export",
        official.ResponseExport.as_view(),
        name="response-export",
    ),
    path(
        "consultations/<slug:slug>/reports/",
        reports.ReportCollection.as_view(),
        name="report-list",
    ),
    path(
        "consultations/<slug:slug>/reports/<int:run_id>/",
        reports.ReportResource.as_view(),
        name="report-detail",
    ),
    path(
        "consultations/<slug:slug>/reports/<int:run_id>/cancel",
        reports.ReportCancel.as_view(),
        name="report-cancel",
    ),
    path(
        "consultations/<slug:slug>/reports/<int:run_id>/download/<str:fmt>",
        reports.ReportDownload.as_view(),
        name="report-download",
    ),
    path(
        "campaigns/<slug:slug>/supporters/bulk",
        campaigns.BulkCampaignSupporters.as_view(),
        name="campaign-supporters-bulk",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
]
