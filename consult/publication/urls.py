"""Public pages of published consultations, beside the consultation's own page."""

from django.urls import path

from . import views

app_name = "publication"

urlpatterns = [
    path("consultations/<slug:slug>/responses/", views.responses, name="responses"),
    path("consultations/<slug:slug>/results/", views.results, name="results"),
    path(
        "consultations/<slug:slug>/results/report.<str:fmt>",
        views.report_file,
        name="report-file",
    ),
    path("consultations/<slug:slug>/open-data/", views.open_data, name="open-data"),
    path(
        "consultations/<slug:slug>/open-data/data-dictionary.json",
        views.data_dictionary_json,
        name="data-dictionary",
    ),
    path(
        "consultations/<slug:slug>/open-data/responses.csv",
        views.responses_csv,
        name="responses-csv",
    ),
    path(
        "consultations/<slug:slug>/open-data/responses.json",
        views.responses_json,
        name="responses-json",
    ),
]
