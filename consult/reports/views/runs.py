"""Report runs: list and start, detail with a progress bar (htmx polling), cancel, files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from consult.accounts.roles import Right
from consult.consultations.access import consultation_for_staff
from consult.core.i18n import current_language
from consult.privacy.audit import audit_record

from ..downloads import artifact_download_response
from ..forms import StartRunForm
from ..models import ReportArtifact, ReportRun
from ..selectors import (
    ArtifactMissing,
    artifact_for_staff,
    artifact_open,
    run_comparison,
    run_content,
    run_for_staff,
    runs_for_consultation,
)
from ..services import report_run_cancel, report_run_start
from ..services.artifacts import CONTENT_TYPES, VIEW_ACTION
from ..services.runs import active_run

# The in-app report is our own HTML, but it quotes what the public wrote: show it sandboxed.
REPORT_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:"


@login_required
def run_list(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REPORT)
    return render(
        request,
        "reports/runs.html",
        {
            "consultation": consultation,
            "runs": runs_for_consultation(consultation)[:50],
            "active": active_run(consultation),
            "form": StartRunForm(initial={"language": current_language()}),
        },
    )


@login_required
@require_POST
def run_start(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REPORT)
    form = StartRunForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the report's language."))
        return redirect("staff:reports:runs", slug=slug)
    try:
        run = report_run_start(
            consultation=consultation,
            user=request.user,  # type: ignore[arg-type]
            language=form.cleaned_data["language"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("staff:reports:runs", slug=slug)
    messages.success(request, _("The report is being prepared."))
    return redirect("staff:reports:run", slug=slug, run_id=run.pk)


def _run_context(request: HttpRequest, slug: str, run_id: int) -> dict[str, object]:
    consultation = consultation_for_staff(request.user, slug, Right.REPORT)
    run = run_for_staff(consultation, run_id)
    return {"consultation": consultation, "run": run, "artifacts": list(run.artifacts.all())}


@login_required
def run_detail(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    context = _run_context(request, slug, run_id)
    run = context["run"]
    assert isinstance(run, ReportRun)
    previous = (
        runs_for_consultation(run.consultation)
        .filter(status=ReportRun.Status.SUCCEEDED, created_at__lt=run.created_at)
        .first()
    )
    comparison = []
    if run.status == ReportRun.Status.SUCCEEDED and previous is not None:
        comparison = run_comparison(run_content(previous), run_content(run))
    context.update({"previous": previous, "comparison": comparison})
    return render(request, "reports/run_detail.html", context)


@login_required
def run_progress(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """The status block alone, polled every second by htmx while the run is active. When the
    run has ended, the whole page is reloaded once, to show the comparison with the previous
    report beside the files."""
    context = _run_context(request, slug, run_id)
    response = render(request, "reports/_progress.html", context)
    run = context["run"]
    assert isinstance(run, ReportRun)
    if request.headers.get("HX-Request") and not run.is_active:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def run_cancel(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    consultation = consultation_for_staff(request.user, slug, Right.REPORT)
    run = run_for_staff(consultation, run_id)
    try:
        report_run_cancel(run=run, user=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The report was cancelled."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("staff:reports:run", slug=slug, run_id=run.pk)


def _file_missing(request: HttpRequest, slug: str, run: ReportRun) -> HttpResponse:
    """410: the run's file is on record but storage has lost it; another run makes it again."""
    return render(
        request,
        "errors/file_missing.html",
        {
            "message": _(
                "This report's file is no longer stored. Start a new report run to make it "
                "again; the responses and officials' review are unchanged."
            ),
            "back_url": reverse("staff:reports:run", kwargs={"slug": slug, "run_id": run.pk}),
            "back_label": _("Back to the report run"),
        },
        status=410,
    )


@login_required
def artifact_download(request: HttpRequest, slug: str, run_id: int, fmt: str) -> HttpResponseBase:
    """A run's file, only through this view (never a public media URL)."""
    consultation = consultation_for_staff(request.user, slug, Right.REPORT)
    run = run_for_staff(consultation, run_id)
    artifact = artifact_for_staff(run, fmt)
    try:
        stored = artifact_open(artifact)
    except ArtifactMissing:
        return _file_missing(request, slug, run)
    return artifact_download_response(
        request, consultation=consultation, run=run, artifact=artifact, stored=stored
    )


@login_required
@xframe_options_sameorigin
def report_html(request: HttpRequest, slug: str, run_id: int) -> HttpResponseBase:
    """The HTML report inline (for the frame on the report page), sandboxed."""
    consultation = consultation_for_staff(request.user, slug, Right.REPORT)
    run = run_for_staff(consultation, run_id)
    artifact = artifact_for_staff(run, ReportArtifact.Format.HTML)
    try:
        stored = artifact_open(artifact)
    except ArtifactMissing:
        return _file_missing(request, slug, run)
    audit_record(
        user=request.user,
        action=VIEW_ACTION,
        objects=[run],
        request=request,
        consultation=consultation,
    )
    response = FileResponse(stored, content_type=CONTENT_TYPES["html"])
    response["Content-Security-Policy"] = REPORT_CSP
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def report_view(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    context = _run_context(request, slug, run_id)
    run = context["run"]
    assert isinstance(run, ReportRun)
    artifact_for_staff(run, ReportArtifact.Format.HTML)
    return render(request, "reports/report_view.html", context)
