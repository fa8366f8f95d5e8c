"""Moderation fixtures: moderators and analysts, responses with planted personal data, runs."""

from collections.abc import Callable
from typing import Any

import pytest

from consult.moderation.models import ModerationItem
from consult.moderation.scanning import moderation_scan
from consult.responses.models import Response
from consult.responses.services import response_submit
from tests.conftest import valid_input
from tests.factories import UserFactory

PHONE = "090-1234-5678"
EMAIL = "hanako.suzuki@example.jp"
PLANTED_FREE_TEXT = f"顔認証の導入に反対です。詳しくは {PHONE} までお電話ください。"
PLANTED_COMMENT = f"保存期間が長すぎます。連絡は {EMAIL} へ。"


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """The public form counts reports per address in the cache: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def moderator(consultation: Any) -> Any:
    return UserFactory(department=consultation.department, staff_role="moderator")


@pytest.fixture
def analyst(consultation: Any) -> Any:
    return UserFactory(department=consultation.department, staff_role="analyst")


def submit(
    consultation: Any,
    *,
    free_text: str = "顔認証の誤認識が心配です。",
    comment: str = "72時間は長すぎます。",
    language: str = "ja",
    scan: bool = True,
) -> Response:
    """A submitted response with these texts, scanned as the worker would."""
    data = valid_input(language=language)
    data.answers["comments"] = free_text
    data.comments = {"2": comment}
    response, _created = response_submit(consultation=consultation, data=data)
    if scan:
        moderation_scan(response_id=response.pk)
    return response


@pytest.fixture
def submit_response() -> Callable[..., Response]:
    return submit


@pytest.fixture
def planted(consultation: Any) -> Response:
    """A response whose free-text answer holds a phone number and whose comment an email."""
    return submit(consultation, free_text=PLANTED_FREE_TEXT, comment=PLANTED_COMMENT)


def item_of(response: Response, *, comment: bool = False) -> ModerationItem:
    if comment:
        return ModerationItem.objects.get(clause_comment__response=response)
    return ModerationItem.objects.get(answer__response=response, answer__question__key="comments")


@pytest.fixture
def run_report(django_capture_on_commit_callbacks: Any) -> Any:
    """Start a report run and carry it out here (what the worker does); JSON and CSV only."""
    from consult.reports.services import report_run_execute, report_run_start

    def run(consultation: Any, user: Any, language: str = "en") -> Any:
        with django_capture_on_commit_callbacks(execute=False):
            started = report_run_start(
                consultation=consultation,
                user=user,
                language=language,
                parameters={"analysis": {"max_discovered": 4}},
            )
        finished = report_run_execute(run_id=started.pk)
        assert finished is not None and finished.status == "succeeded", finished.error
        return finished

    return run


@pytest.fixture
def quick_render(monkeypatch: Any) -> None:
    """Render only the JSON and CSV files (PDF takes seconds per run)."""
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
