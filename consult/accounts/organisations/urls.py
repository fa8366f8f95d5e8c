"""Organisation pages, and the platform administrator's verification page (included from
consult/urls.py before `staff/<slug>/`, so staff/organisations/ is not read as a consultation)."""

from django.urls import path

from consult.responses.views import organisation as responses

from . import staff_views, views

app_name = "organisations"

urlpatterns = [
    path("organisations/register/", views.register, name="register"),
    path("organisations/", views.home, name="home"),
    path("organisations/<slug:slug>/", views.detail, name="detail"),
    path("organisations/<slug:slug>/edit/", views.edit, name="edit"),
    path("organisations/<slug:slug>/members/", views.members, name="members"),
    path(
        "organisations/<slug:slug>/members/<int:pk>/role/",
        views.member_change_role,
        name="member-role",
    ),
    path(
        "organisations/<slug:slug>/members/<int:pk>/remove/",
        views.member_remove,
        name="member-remove",
    ),
    path(
        "organisations/<slug:slug>/consultations/<slug:consultation>/respond/",
        responses.respond,
        name="respond",
    ),
    path(
        "organisations/<slug:slug>/responses/<str:reference>/",
        responses.response_page,
        name="response",
    ),
    path(
        "organisations/<slug:slug>/responses/<str:reference>/edit/",
        responses.amend,
        name="amend",
    ),
    path(
        "organisations/<slug:slug>/responses/<str:reference>/attachments/<int:pk>/delete/",
        responses.attachment_delete,
        name="attachment-delete",
    ),
    path("staff/organisations/", staff_views.organisation_list, name="staff-list"),
    path(
        "staff/organisations/<slug:slug>/verify/",
        staff_views.organisation_verify,
        name="staff-verify",
    ),
    path(
        "staff/organisations/<slug:slug>/reject/",
        staff_views.organisation_reject,
        name="staff-reject",
    ),
]
