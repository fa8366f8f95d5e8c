from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog

from consult.consultations.views import private as consultations_private
from consult.responses.views import staff as responses_staff

staff_urls: list[URLPattern | URLResolver] = [
    path("", consultations_private.dashboard, name="dashboard"),
    path("<slug:slug>/", responses_staff.consultation_overview, name="consultation"),
    path("<slug:slug>/transition/", consultations_private.transition, name="transition"),
    path(
        "<slug:slug>/responses/<str:reference>/",
        responses_staff.response_detail,
        name="response",
    ),
    path("<slug:slug>/reports/", include("consult.reports.urls")),
]
staff_patterns = (staff_urls, "staff")

urlpatterns = [
    # First: the API takes the most requests, and Django tries the patterns in order.
    path("api/", include("consult.api.urls")),
    path("", include("consult.privacy.urls")),  # before staff/<slug>/: it holds staff/audit/
    path("", include("consult.moderation.urls")),  # before staff/<slug>/: staff/moderation/
    path("", include("consult.consultations.urls")),
    path("", include("consult.responses.urls")),
    path("", include("consult.accounts.organisations.urls")),  # holds staff/organisations/
    path("", include("consult.campaigns.urls")),
    path("", include("consult.publication.urls")),
    path("staff/", include(staff_patterns)),
    path("accounts/", include("consult.accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]

handler400 = "consult.core.views.bad_request"
handler403 = "consult.core.views.permission_denied"
handler404 = "consult.core.views.page_not_found"
handler500 = "consult.core.views.server_error"
