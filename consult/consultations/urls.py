from django.urls import path

from .views import public

app_name = "consultations"

urlpatterns = [
    path("", public.consultation_list, name="list"),
    path("consultations/<slug:slug>/", public.consultation_detail, name="detail"),
]
