"""Fixtures for the reports app: a consultation with generated responses, officials, runs."""

from typing import Any

import pytest

from consult.demo.generator import responses_generate
from consult.reports.models import ReportRun
from consult.reports.services import report_run_execute, report_run_start

FAST_ANALYSIS = {"max_discovered": 4}


def generate_and_start(
    consultation: Any, user: Any, *, count: int, seed: int, language: str
) -> Any:
    """Generate ``count`` responses and start a quick run for the worker (sent after commit)."""
    responses_generate(consultation=consultation, count=count, seed=seed)
    return report_run_start(
        consultation=consultation,
        user=user,
        language=language,
        parameters={"analysis": FAST_ANALYSIS},
    )


@pytest.fixture
def answered(consultation: Any) -> Any:
    """The factory consultation with 120 generated responses (both languages, form letters)."""
    responses_generate(consultation=consultation, count=120, seed=7)
    return consultation


@pytest.fixture
def run_report(django_capture_on_commit_callbacks: Any) -> Any:
    """Start a run and carry it out in this process (what the worker does). Topic discovery
    tries at most four topics unless told otherwise, which keeps each run under a second."""

    def run(consultation: Any, user: Any, language: str = "en", **parameters: Any) -> ReportRun:
        parameters.setdefault("analysis", FAST_ANALYSIS)
        with django_capture_on_commit_callbacks(execute=False):
            started = report_run_start(
                consultation=consultation, user=user, language=language, parameters=parameters
            )
        finished = report_run_execute(run_id=started.pk)
        assert finished is not None
        return finished

    return run


@pytest.fixture
def quick_render(monkeypatch: Any) -> None:
    """Render only the JSON and CSV files (the real renderers; PDF takes seconds per run)."""
    from consult.reports import renderers

    def render_some(content: dict[str, Any], *, coded_rows: Any) -> dict[str, tuple[str, bytes]]:
        names = renderers.file_names(content)
        rows = list(coded_rows)
        return {
            "json": (
                names["json"],
                renderers.render_json(content, coded_responses_count=len(rows)),
            ),
            "csv": (names["csv"], renderers.render_csv(rows)),
        }

    monkeypatch.setattr(renderers, "render_all", render_some)
