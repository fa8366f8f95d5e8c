from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from .v1 import public, submit

app_name = "api"

v1 = [
    path("consultations/", public.ConsultationList.as_view(), name="consultation-list"),
    path(
        "consultations/<slug:slug>/",
        public.ConsultationDetail.as_view(),
        name="consultation-detail",
    ),
    path(
        "consultations/<slug:slug>/responses/",
        submit.SubmitResponse.as_view(),
        name="response-submit",
    ),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
