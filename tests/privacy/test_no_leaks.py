"""Planted personal data never leaks.

Known personal data (emails, phone numbers, My Numbers, names, addresses, in Japanese and
English) is planted in respondents' details and in the texts of responses among generated ones.
The texts go through moderation as they would in production: scanned, then some redacted by a
moderator, one rejected, the rest left pending. The consultation is published and a report is
run with every renderer. Then every surface a member of the public (or a log reader) meets is
read — public pages in both languages, the public API, the open data, every report file, the
logs, error pages — and none of the planted values may appear. The respondent's own export and
the stored originals (what moderators see) are checked to hold them, so the sweep can fail.
"""

import io
import logging
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from pypdf import PdfReader

from consult.analysis.pii import my_number_is_valid
from consult.consultations.models import Consultation
from consult.consultations.services import (
    consultation_close,
    consultation_mark_analysed,
    consultation_publish,
)
from consult.core.views import bad_request, server_error
from consult.demo.generator import responses_generate
from consult.moderation.models import ModerationItem, ModerationReason
from consult.moderation.scanning import moderation_sweep
from consult.moderation.services import moderation_redact, moderation_reject
from consult.reports.models import ReportArtifact, ReportRun
from consult.reports.services import report_run_execute, report_run_start
from consult.responses.models import Answer, ClauseComment, Response
from consult.responses.services import (
    response_private_token,
    response_submit,
    response_withdraw,
)
from consult.responses.submission import RespondentInput
from tests.conftest import valid_input
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _my_number(body: str) -> str:
    return next(body + d for d in "0123456789" if my_number_is_valid(body + d))


MY_NUMBER_JA = _my_number("12345678901")
MY_NUMBER_EN = _my_number("98765432109")

# Planted in texts: what a respondent might write about themselves or others.
TEXT_PII = {
    "email (ja)": "yamada.taro@example.co.jp",
    "mobile (ja)": "090-1234-5678",
    "landline (ja)": "03-9876-5432",
    "My Number (ja)": MY_NUMBER_JA,
    "address (ja)": "東京都千代田区霞が関1-2-3",
    "name (ja)": "山田太郎",
    "email (en)": "jane.smith@mail.example.org",
    "phone (en)": "(555) 123-4567",
    "My Number (en)": f"{MY_NUMBER_EN[:4]} {MY_NUMBER_EN[4:8]} {MY_NUMBER_EN[8:]}",
    "address (en)": "12 High Street",
    "name (en)": "Oliver Brown",
}
# Planted in respondents' own details (never published, whatever the consent).
DETAIL_PII = {
    "respondent name (ja)": "佐藤花子",
    "respondent email (ja)": "hanako.sato@example.jp",
    "respondent name (en)": "Emily Clarke",
    "respondent email (en)": "emily.clarke@example.com",
    "organisation contact (ja)": "鈴木一郎",
    "organisation email": "office@shimin-kansi.example.org",
}
PLANTED = {**TEXT_PII, **DETAIL_PII}

JA_TEXT = (
    f"顔認証に反対です。山田太郎さんも同じ意見です。連絡は yamada.taro@example.co.jp か "
    f"090-1234-5678 へ。私のマイナンバーは{MY_NUMBER_JA}です。"
)
JA_COMMENT = "東京都千代田区霞が関1-2-3に住んでいます。電話は03-9876-5432です。"
EN_TEXT = (
    "My name is Oliver Brown and I object to the cameras. Write to jane.smith@mail.example.org "
    "or call (555) 123-4567."
)
EN_COMMENT = (
    f"I live at 12 High Street, Oxford. My Individual Number is {TEXT_PII['My Number (en)']}."
)


def _submit(
    consultation: Consultation,
    *,
    language: str,
    consent: str,
    name: str,
    email: str,
    kind: str = "individual",
    organisation_name: str = "",
) -> Response:
    data = valid_input(language=language)
    data.respondent = RespondentInput(
        kind=kind,
        name=name,
        organisation_name=organisation_name,
        region="13",
        age_band="30-39",
        email=email,
        consent=consent,
        notice_accepted=True,
    )
    data.answers["comments"] = JA_TEXT if language == "ja" else EN_TEXT
    data.comments = {"1": JA_COMMENT if language == "ja" else EN_COMMENT, "2": EN_COMMENT}
    response, _created = response_submit(consultation=consultation, data=data)
    return response


def _plant(consultation: Consultation) -> dict[str, Response]:
    """Responses carrying the planted data, under every consent and status."""
    planted = {
        "named (ja)": _submit(
            consultation,
            language="ja",
            consent="named",
            name=DETAIL_PII["respondent name (ja)"],
            email=DETAIL_PII["respondent email (ja)"],
        ),
        "anonymous (en)": _submit(
            consultation,
            language="en",
            consent="anonymous",
            name=DETAIL_PII["respondent name (en)"],
            email=DETAIL_PII["respondent email (en)"],
        ),
        "organisation (ja)": _submit(
            consultation,
            language="ja",
            consent="named",
            kind="organisation",
            organisation_name="市民監視ネットワーク",
            name=DETAIL_PII["organisation contact (ja)"],
            email=DETAIL_PII["organisation email"],
        ),
        "not published (en)": _submit(
            consultation,
            language="en",
            consent="none",
            name=DETAIL_PII["respondent name (en)"],
            email=DETAIL_PII["respondent email (en)"],
        ),
        "withdrawn (ja)": _submit(
            consultation,
            language="ja",
            consent="named",
            name=DETAIL_PII["respondent name (ja)"],
            email=DETAIL_PII["respondent email (ja)"],
        ),
    }
    response_withdraw(response=planted["withdrawn (ja)"])
    return planted


def _moderate(consultation: Consultation, planted: dict[str, Response]) -> None:
    """Scan every text; a moderator redacts every flag of the first two planted responses'
    texts, rejects the organisation's free text and leaves the rest pending."""
    moderation_sweep(consultation_id=consultation.pk)
    moderator = UserFactory(department=consultation.department, staff_role="moderator")
    reason = ModerationReason.objects.filter(active=True).first()
    assert reason is not None
    for key in ("named (ja)", "anonymous (en)", "organisation (ja)"):
        items = ModerationItem.objects.filter(
            answer__response=planted[key]
        ) | ModerationItem.objects.filter(clause_comment__response=planted[key])
        for item in items:
            assert item.status == ModerationItem.Status.PENDING, item.flags  # flagged
            if key == "organisation (ja)" and item.answer_id:
                moderation_reject(item=item, user=moderator, reason=reason)
            elif key != "organisation (ja)" or item.clause_comment_id:
                moderation_redact(item=item, user=moderator, flag_indexes=range(len(item.flags)))


def _run_report(consultation: Consultation, language: str, capture: Any) -> ReportRun:
    official = UserFactory(department=consultation.department)
    with capture(execute=False):
        started = report_run_start(
            consultation=consultation,
            user=official,
            language=language,
            parameters={"analysis": {"max_discovered": 4}},
        )
    run = report_run_execute(run_id=started.pk)
    assert run is not None and run.status == ReportRun.Status.SUCCEEDED, run and run.error
    return run


def _artifact_text(artifact: ReportArtifact) -> str:
    """A report file as text: PDF pages extracted, XLSX parts unzipped, others decoded."""
    with artifact.file.open("rb") as stored:
        data = stored.read()
    if artifact.format == "pdf":
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if artifact.format == "xlsx":
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            return "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    return data.decode("utf-8-sig")


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        data = b"".join(response.streaming_content)
    else:
        data = response.content
    return data.decode("utf-8-sig", "replace")


def _public_surfaces(client: Client, consultation: Consultation) -> Iterator[tuple[str, str]]:
    """(what, text) of every public page, API answer and download, in both languages."""
    slug = consultation.slug
    urls = [
        reverse("consultations:list"),
        reverse("consultations:detail", args=[slug]),
        reverse("publication:responses", args=[slug]),
        reverse("publication:results", args=[slug]),
        reverse("publication:open-data", args=[slug]),
        reverse("publication:data-dictionary", args=[slug]),
        reverse("publication:responses-csv", args=[slug]),
        reverse("publication:responses-json", args=[slug]),
        reverse("publication:report-file", args=[slug, "html"]),
        reverse("publication:report-file", args=[slug, "pdf"]),
        "/api/v1/consultations/",
        f"/api/v1/consultations/{slug}/",
        f"/api/v1/consultations/{slug}/responses/",  # officials only: refused
        f"/api/v1/consultations/{slug}/responses/export",
        f"/api/v1/consultations/{slug}/reports/",
    ]
    filters = [
        {"kind": "individual"},
        {"kind": "organisation"},
        {"region": "13"},
        {"clause": "1"},
        {"clause": "2"},
        {"question": "overall", "answer": "2"},
        {"q": "顔認証"},
        {"q": "object"},
    ]
    for lang in ("ja", "en"):
        for url in urls:
            response = client.get(url, {"lang": lang})
            assert response.status_code in (200, 401, 403, 404), (url, response.status_code)
            if response.status_code == 404:
                assert url.endswith("report.pdf"), url  # only when WeasyPrint is missing
            yield f"{url} ({lang})", _body(response)
        for params in filters:
            for name in ("responses", "responses-csv", "responses-json"):
                url = reverse(f"publication:{name}", args=[slug])
                response = client.get(url, {"lang": lang, **params})
                assert response.status_code == 200, (url, params)
                yield f"{url} {params} ({lang})", _body(response)
        page = client.get(reverse("publication:responses", args=[slug]), {"lang": lang})
        while page.context["page"].older:
            page = client.get(
                reverse("publication:responses", args=[slug]),
                {"lang": lang, "after": page.context["page"].older},
            )
            yield f"responses page after {page.context['page'].older} ({lang})", _body(page)


def _error_pages(client: Client, consultation: Consultation) -> Iterator[tuple[str, str]]:
    slug = consultation.slug
    for lang in ("ja", "en"):
        for url, params in (
            ("/no/such/page/", {}),
            (reverse("publication:responses", args=["no-such-consultation"]), {}),
            (reverse("publication:responses", args=[slug]), {"region": "nowhere"}),
            (reverse("publication:responses", args=[slug]), {"after": "-1"}),
            (reverse("publication:responses-json", args=[slug]), {"question": "x"}),
            (reverse("publication:report-file", args=[slug, "xlsx"]), {}),
            (reverse("responses:manage", args=["not-a-token"]), {}),
            ("/api/v1/consultations/no-such/", {}),
        ):
            response = client.get(url, {"lang": lang, **params})
            assert response.status_code in (400, 404), (url, response.status_code)
            yield f"{url} {params} → {response.status_code} ({lang})", _body(response)
    request = RequestFactory().get("/")
    yield "500 page", server_error(request).content.decode()
    yield "400 page", bad_request(request).content.decode()


def _leaks(surfaces: Iterator[tuple[str, str]]) -> list[str]:
    found = []
    for what, text in surfaces:
        for label, value in PLANTED.items():
            if value in text:
                found.append(f"{label} {value!r} in {what}")
    return found


@pytest.fixture
def swept(consultation, django_capture_on_commit_callbacks, caplog):
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="consult")
    responses_generate(consultation=consultation, count=60, seed=5)
    planted = _plant(consultation)
    _moderate(consultation, planted)
    consultation_close(consultation=consultation)
    consultation_mark_analysed(consultation=consultation)
    consultation_publish(consultation=consultation)
    consultation.refresh_from_db()
    # One report (every format, the PDF included); readers of either language are shown it.
    run = _run_report(consultation, "ja", django_capture_on_commit_callbacks)
    return consultation, planted, [run]


def test_planted_personal_data_reaches_no_public_surface(client, swept, caplog):
    consultation, planted, runs = swept
    # The planted data is really stored (moderators and the respondent can read it) ...
    stored = "\n".join(
        [
            *Answer.objects.filter(response__in=planted.values()).values_list("text", flat=True),
            *ClauseComment.objects.filter(response__in=planted.values()).values_list(
                "text", flat=True
            ),
        ]
    )
    assert all(value in stored for value in TEXT_PII.values())
    own = client.get(
        reverse("privacy:my_data", args=[response_private_token(planted["named (ja)"])]),
        {"format": "json"},
    )
    assert DETAIL_PII["respondent email (ja)"] in own.content.decode()
    assert TEXT_PII["My Number (ja)"] in own.content.decode()
    # ... and the responses carrying it are published, redacted.
    responses_page = _body(
        client.get(reverse("publication:responses", args=[consultation.slug]), {"lang": "en"})
    )
    assert planted["named (ja)"].reference in responses_page
    assert "［電話番号］" in responses_page and "[email]" in responses_page

    report_files = [
        (f"report {run.language} {artifact.format}", _artifact_text(artifact))
        for run in runs
        for artifact in run.artifacts.all()
    ]
    assert {fmt for fmt, _text in report_files} >= {
        f"report ja {fmt}" for fmt in ("json", "html", "csv", "xlsx")
    }
    anonymous = Client()
    leaks = _leaks(
        iter(
            [
                *_public_surfaces(anonymous, consultation),
                *report_files,
                *_error_pages(anonymous, consultation),
                ("logs", caplog.text),
            ]
        )
    )
    assert leaks == []
