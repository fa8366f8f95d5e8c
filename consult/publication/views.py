"""Public pages of a published consultation: its responses, results and open data.

Everything here is a 404 until the consultation's results are published."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.core.cache import cache
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from consult.core.i18n import current_language
from consult.reports.selectors import ArtifactMissing, artifact_open
from consult.reports.services.artifacts import CONTENT_TYPES

from . import conf
from .display import shown_responses
from .forms import CursorForm, PublicFilterForm
from .open_data import Column, data_dictionary, open_data_about, open_data_csv, open_data_json
from .results import ReportUnavailable, published_report_file, published_results
from .selectors import (
    PublicationSummary,
    publication_summary,
    published_chunks,
    published_consultation,
    published_page,
)

# The report is our own HTML but quotes what the public wrote: shown sandboxed, as for officials.
REPORT_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"
OPEN_DATA_CACHE = "public, max-age=300"
R = TypeVar("R", HttpResponse, StreamingHttpResponse, JsonResponse)


def _consultation(slug: str) -> Any:
    consultation = published_consultation(slug)
    if consultation is None:
        raise Http404
    return consultation


def _form_errors(form: forms.Form) -> list[dict[str, str]]:
    """The form's errors in the API's error shape."""
    return [
        {
            "path": "" if name == "__all__" else name,
            "code": error["code"] or "invalid",
            "message": error["message"],
        }
        for name, errors in form.errors.get_json_data().items()
        for error in errors
    ]


def _summary(consultation: Any) -> PublicationSummary:
    """The page's counts, cached briefly: a surge of readers must not recount a million
    responses for each of them."""
    published = consultation.published_at.isoformat() if consultation.published_at else ""
    key = f"publication:summary:{consultation.pk}:{published}"
    summary: PublicationSummary | None = cache.get(key)
    if summary is None:
        summary = publication_summary(consultation)
        cache.set(key, summary, conf.summary_cache_seconds())
    return summary


@require_safe
def responses(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    form = PublicFilterForm(request.GET, consultation=consultation)
    cursor = CursorForm(request.GET)
    context: dict[str, Any] = {
        "consultation": consultation,
        "form": form,
        "summary": _summary(consultation),
        "answer_options": form.answer_options(),
    }
    if not (form.is_valid() and cursor.is_valid()):
        context["cursor_errors"] = cursor.errors.get("__all__", []) + [
            e for name, errs in cursor.errors.items() if name != "__all__" for e in errs
        ]
        return render(request, "publication/responses.html", context, status=400)
    filters = form.filters()
    filtered = any(vars(filters).values())
    page = published_page(
        consultation,
        filters=filters,
        total=None if filtered else context["summary"].responses,
        per_page=conf.responses_per_page(),
        after=cursor.cleaned_data.get("after"),
        before=cursor.cleaned_data.get("before"),
    )
    query = request.GET.copy()
    for name in ("after", "before"):
        query.pop(name, None)
    context.update(
        {
            "page": page,
            "entries": shown_responses(consultation, page.responses),
            "filtered": filtered,
            "query": query.urlencode(),
        }
    )
    return render(request, "publication/responses.html", context)


# Headline figures of email confirmation, when the report has them (shown as totals only).
VERIFICATION_FIGURES = (
    ("verified", gettext_lazy("Confirmed an email address")),
    ("unverified", gettext_lazy("Gave an email address not confirmed")),
)


def _breakdowns(headline: dict[str, Any]) -> list[dict[str, Any]]:
    """The headline's breakdowns the public page shows (cells already suppressed by the
    report where small)."""
    tables = (
        ("by_kind", gettext_lazy("By respondent type"), gettext_lazy("Respondent")),
        ("by_region", gettext_lazy("By region"), gettext_lazy("Region")),
        ("by_language", gettext_lazy("By language"), gettext_lazy("Language")),
    )
    return [
        {"caption": caption, "heading": heading, "cells": headline.get(key) or []}
        for key, caption, heading in tables
    ]


@require_safe
def results(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _consultation(slug)
    try:
        found = published_results(consultation, language=current_language())
    except ReportUnavailable:
        return _report_unavailable(request, consultation)
    context: dict[str, Any] = {"consultation": consultation, "results": found}
    if found is not None:
        headline = found.content.get("headline") or {}
        email = headline.get("email") or {}
        context.update(
            {
                "headline": headline,
                "breakdowns": _breakdowns(headline),
                "verification": [
                    (label, email[key])
                    for key, label in VERIFICATION_FIGURES
                    if isinstance(email.get(key), int)
                ],
                "questions": [
                    q for q in found.content.get("questions") or [] if q.get("kind") != "free_text"
                ],
                "min_cell": found.min_cell,
            }
        )
    return render(request, "publication/results.html", context)


def _report_unavailable(request: HttpRequest, consultation: Any) -> HttpResponse:
    """503: a report is published but its file cannot be read now (storage lost it, a volume
    not mounted). Readers are told so, not that nothing was published."""
    return render(
        request,
        "publication/results.html",
        {"consultation": consultation, "results": None, "unavailable": True},
        status=503,
    )


@require_safe
@xframe_options_sameorigin
def report_file(request: HttpRequest, slug: str, fmt: str) -> HttpResponse | FileResponse:
    """The public report's HTML (inline, sandboxed) or PDF."""
    consultation = _consultation(slug)
    artifact = published_report_file(consultation, language=current_language(), fmt=fmt)
    if artifact is None:
        raise Http404
    try:
        stored = artifact_open(artifact)
    except ArtifactMissing:
        return _report_unavailable(request, consultation)
    response = FileResponse(
        stored,
        as_attachment=fmt != "html",
        filename=artifact.filename,
        content_type=CONTENT_TYPES[fmt],
    )
    if fmt == "html":
        response["Content-Security-Policy"] = REPORT_CSP
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def open_data(request: HttpRequest, slug: str) -> HttpResponse:
    """The open data's page: licence, downloads and the data dictionary."""
    consultation = _consultation(slug)
    return render(
        request,
        "publication/open_data.html",
        {
            "consultation": consultation,
            "licence": conf.open_data_licence(),
            "columns": _columns_in(current_language(), data_dictionary(consultation)),
        },
    )


def _columns_in(language: str, columns: list[Column]) -> list[dict[str, Any]]:
    return [
        {
            "name": c.name,
            "type": c.type,
            "description": c.description[language],
            "allowed_values": [
                {"value": v["value"], "label": v["label"][language]} for v in c.allowed_values or []
            ],
        }
        for c in columns
    ]


@require_safe
def data_dictionary_json(request: HttpRequest, slug: str) -> JsonResponse:
    consultation = _consultation(slug)
    body = {
        **_about(request, consultation),
        "formats": {
            "csv": {
                "url": request.build_absolute_uri(
                    reverse("publication:responses-csv", args=[slug])
                ),
                "encoding": "UTF-8 with byte-order mark",
                "multi_value_separator": "|",
                "formula_cells": "Text starting with = + - @ (or their full-width forms) is "
                "prefixed with an apostrophe.",
            },
            "json": {
                "url": request.build_absolute_uri(
                    reverse("publication:responses-json", args=[slug])
                ),
                "encoding": "UTF-8",
                "shape": "{consultation, licence, data_dictionary, generated_at, responses: "
                "[{column name: value}]}",
            },
        },
        "columns": [c.as_json() for c in data_dictionary(consultation)],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _open_data_headers(response, request, slug)


def _about(request: HttpRequest, consultation: Any) -> dict[str, Any]:
    return open_data_about(
        consultation,
        licence=conf.open_data_licence(),
        dictionary_url=request.build_absolute_uri(
            reverse("publication:data-dictionary", args=[consultation.slug])
        ),
    )


def _open_data_headers(response: R, request: HttpRequest, slug: str) -> R:
    licence = conf.open_data_licence()
    dictionary = request.build_absolute_uri(reverse("publication:data-dictionary", args=[slug]))
    links = [f'<{dictionary}>; rel="describedby"']
    if licence.url:
        links.insert(0, f'<{licence.url}>; rel="license"')
    response["Link"] = ", ".join(links)
    response["Cache-Control"] = OPEN_DATA_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    consultation = _consultation(slug)
    form = PublicFilterForm(request.GET, consultation=consultation)
    if not form.is_valid():
        return JsonResponse(
            {"errors": _form_errors(form)}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    columns = data_dictionary(consultation)
    chunks = published_chunks(consultation, filters=form.filters(), chunk_size=conf.chunk_size())
    if fmt == "csv":
        stream = open_data_csv(chunks, columns=columns)
        content_type = "text/csv; charset=utf-8"
    else:
        stream = open_data_json(chunks, columns=columns, about=_about(request, consultation))
        content_type = "application/json"
    response = StreamingHttpResponse(stream, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-responses.{fmt}"'
    return _open_data_headers(response, request, slug)


@require_safe
def responses_csv(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    return _export(request, slug, "csv")


@require_safe
def responses_json(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    return _export(request, slug, "json")
