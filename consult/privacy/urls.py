from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("r/<str:token>/my-data/", views.my_data, name="my_data"),
    path("r/<str:token>/erase/", views.erase, name="erase"),
    path("staff/audit/", views.audit_log, name="audit"),
]
