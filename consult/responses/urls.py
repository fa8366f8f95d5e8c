from django.urls import path

from .views import public

app_name = "responses"

urlpatterns = [
    path("consultations/<slug:slug>/respond/", public.respond, name="respond"),
    path("r/<str:token>/", public.manage, name="manage"),
    path("r/<str:token>/edit/", public.edit, name="edit"),
    path("r/<str:token>/receipt/", public.receipt, name="receipt"),
    path("r/<str:token>/withdraw/", public.withdraw, name="withdraw"),
    path("verify/<str:token>/", public.verify_email, name="verify_email"),
]
