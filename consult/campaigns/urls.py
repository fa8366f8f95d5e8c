from django.urls import path

from .views import organisation, public

app_name = "campaigns"

urlpatterns = [
    path("campaigns/<slug:slug>/", public.campaign_page, name="page"),
    path("campaigns/<slug:slug>/respond/", public.campaign_respond, name="respond"),
    path("campaigns/<slug:slug>/manage/", organisation.campaign_edit, name="edit"),
    path(
        "campaigns/<slug:slug>/manage/status/",
        organisation.campaign_transition,
        name="transition",
    ),
    path(
        "campaigns/<slug:slug>/dashboard/",
        organisation.campaign_dashboard_view,
        name="dashboard",
    ),
    path("campaigns/<slug:slug>/export.csv", organisation.campaign_export, name="export"),
    path(
        "organisations/<slug:org_slug>/campaigns/",
        organisation.campaign_list,
        name="list",
    ),
    path(
        "organisations/<slug:org_slug>/campaigns/new/",
        organisation.campaign_new,
        name="new",
    ),
]
