from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from .v1 import authoring, bulk, submit

app_name = "api"

v1 = [
    path("consultations/", authoring.ConsultationCollection.as_view(), name="consultation-list"),
    path(
        "consultations/<slug:slug>/",
        authoring.ConsultationResource.as_view(),
        name="consultation-detail",
    ),
    path(
        "consultations/<slug:slug>/transitions/",
        authoring.ConsultationTransition.as_view(),
        name="consultation-transition",
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
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
