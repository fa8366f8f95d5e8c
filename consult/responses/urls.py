from django.urls import path

from .views import attachments, public

app_name = "responses"

urlpatterns = [
    path("consultations/<slug:slug>/respond/", public.respond, name="respond"),
    path("r/<str:token>/", public.manage, name="manage"),
    path("r/<str:token>/edit/", public.edit, name="edit"),
    path("r/<str:token>/receipt/", public.receipt, name="receipt"),
    path("r/<str:token>/withdraw/", public.withdraw, name="withdraw"),
    path("verify/<str:token>/", public.verify_email, name="verify_email"),
    # Before staff/<slug>/ in consult/urls.py, which includes this module first.
    path(
        "staff/<slug:slug>/responses/<str:reference>/attachments/<int:pk>/",
        attachments.download,
        name="attachment-download",
    ),
]
