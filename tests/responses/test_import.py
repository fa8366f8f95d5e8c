"""Bulk import: encodings, CSV and JSON Lines rows, atomic modes, import keys, the command."""

import io
import json
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from consult.core.models import OutboxJob
from consult.responses import import_writer
from consult.responses.import_formats import read_rows
from consult.responses.import_source import (
    ImportFileError,
    ImportTooLarge,
    settle_encoding,
    spool,
)
from consult.responses.imports import ImportSummary, import_key_prefix, responses_import
from consult.responses.models import Answer, ClauseComment, Respondent, Response


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the site's default language is Japanese."""
    from django.utils import translation

    with translation.override("en"):
        yield


pytestmark = pytest.mark.django_db

HEADER = (
    "kind,name,organisation_name,region,age_band,email,consent,notice_accepted,language,"
    "answer:overall,answer:retention,answer:concerns,answer:priorities,answer:comments,"
    "comment:1,comment:2"
)
VALID = "individual,,,13,30-39,,anonymous,true,ja,2,24h,bias|accuracy,warrant|audit,保存は短く,,72時間は長すぎる"
INVALID_LIKERT = "individual,,,13,,,anonymous,true,ja,9,,,,,,"
NO_NOTICE = "individual,,,,,,anonymous,false,,3,,,,,,"


def csv_bytes(*rows: str, encoding: str = "utf-8", header: str = HEADER) -> bytes:
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def run_import(
    consultation,
    body: bytes,
    *,
    fmt: str = "csv",
    charset: str | None = None,
    atomic: str = "batch",
    key: str | None = None,
    batch_size: int = 1000,
    channel: str = "import",
) -> tuple[list[dict], ImportSummary]:
    file = io.BytesIO(body)
    encoding = settle_encoding(file, fmt=fmt, charset=charset, max_line_bytes=100_000)
    rows = read_rows(
        file,
        fmt=fmt,
        encoding=encoding,
        questionnaire=_questionnaire(consultation),
        language="ja",
    )
    summary = ImportSummary()
    results = []
    for result in responses_import(
        consultation=consultation,
        rows=rows,
        channel=channel,
        key_prefix=import_key_prefix("test", key) if key else None,
        atomic=atomic,
        batch_size=batch_size,
    ):
        summary.add(result)
        results.append(result.as_dict())
    return results, summary


def _questionnaire(consultation):
    from consult.consultations.questionnaire import questionnaire_for

    return questionnaire_for(consultation)


@pytest.mark.parametrize(
    ("encoding", "charset"),
    [
        ("utf-8", None),
        ("utf-8-sig", None),
        ("cp932", None),
        ("cp932", "Shift_JIS"),
        ("utf-8", "utf-8"),
    ],
)
def test_mixed_rows_in_each_encoding(consultation, encoding, charset):
    body = csv_bytes(
        VALID, INVALID_LIKERT, VALID.replace("保存は短く", "①㈱～髙"), encoding=encoding
    )
    results, summary = run_import(consultation, body, charset=charset, atomic="row")
    assert [r["status"] for r in results] == ["created", "invalid", "created"]
    assert (summary.rows, summary.created, summary.failed) == (3, 2, 1)
    assert results[1]["errors"][0]["path"] == "answer:overall"
    assert results[1]["line"] == 3
    texts = set(Answer.objects.filter(question__key="comments").values_list("text", flat=True))
    assert texts == {"保存は短く", "①㈱～髙"}
    response = Response.objects.get(reference=results[0]["reference"])
    assert (response.status, response.channel, response.language) == ("submitted", "import", "ja")
    assert response.submitted_at is not None
    assert response.respondent.notice_version == consultation.notice_version
    values = dict(response.answers.values_list("question__key", "value"))
    assert values == {
        "overall": 2,
        "retention": "24h",
        "concerns": ["accuracy", "bias"],
        "priorities": ["warrant", "audit"],
        "comments": "保存は短く",
    }
    assert list(response.clause_comments.values_list("section__number", "text")) == [
        ("2", "72時間は長すぎる")
    ]


def test_detection_prefers_utf8_then_cp932_and_names_the_row_that_does_not_decode():
    assert (
        settle_encoding(io.BytesIO(b"\xef\xbb\xbfa\n"), fmt="csv", charset=None, max_line_bytes=99)
        == "utf-8-sig"
    )
    assert (
        settle_encoding(io.BytesIO("あ\n".encode()), fmt="csv", charset=None, max_line_bytes=99)
        == "utf-8"
    )
    sjis = "kind\nあ\n".encode("cp932")
    assert settle_encoding(io.BytesIO(sjis), fmt="csv", charset=None, max_line_bytes=99) == "cp932"
    broken = "kind\n" + "あ\n" * 5
    body = broken.encode() + b"\xff\xfe\n"
    with pytest.raises(ImportFileError) as exc:
        settle_encoding(io.BytesIO(body), fmt="csv", charset=None, max_line_bytes=99)
    assert exc.value.items[0][1] == "invalid_encoding"
    assert "Row 6 (line 7)" in exc.value.items[0][2] and "UTF-8" in exc.value.items[0][2]


def test_declared_charset_is_honoured_and_checked():
    with pytest.raises(ImportFileError) as exc:
        settle_encoding(
            io.BytesIO("{}\n{}\nあ\n".encode("cp932")),
            fmt="jsonl",
            charset="utf-8",
            max_line_bytes=99,
        )
    assert "Row 3 (line 3)" in exc.value.items[0][2]
    with pytest.raises(ImportFileError) as exc:
        settle_encoding(io.BytesIO(b"a\n"), fmt="csv", charset="latin-1", max_line_bytes=99)
    assert exc.value.items[0][:2] == ("Content-Type", "unsupported_charset")


def test_invalid_utf8_in_a_quoted_multiline_cell_names_its_row(consultation):
    body = (
        csv_bytes(VALID, 'individual,"two\nlines",,,,,anonymous,true,,3,,,,,,').replace(
            b"lines", b"li\xffnes"
        )
        + "あ".encode()
    )
    with pytest.raises(ImportFileError) as exc:
        settle_encoding(io.BytesIO(body), fmt="csv", charset="utf-8", max_line_bytes=999)
    assert "Row 2 (line 4)" in exc.value.items[0][2]


def test_multiline_cells_keep_row_numbers_and_lines(consultation):
    row = 'individual,,,,,,anonymous,true,,3,,,,"first line\nsecond line",,'
    results, _summary = run_import(
        consultation, csv_bytes(row, VALID, INVALID_LIKERT), atomic="row"
    )
    assert [(r["row"], r["line"]) for r in results] == [(1, 2), (2, 4), (3, 5)]
    assert Answer.objects.filter(text="first line\nsecond line").exists()


def test_batch_mode_writes_only_batches_without_invalid_rows(consultation):
    rows = [VALID, VALID, VALID, INVALID_LIKERT, VALID]
    results, summary = run_import(consultation, csv_bytes(*rows), batch_size=2)
    assert [r["status"] for r in results] == [
        "created",
        "created",
        "not_written",
        "invalid",
        "created",
    ]
    assert results[2]["errors"][0]["code"] == "batch_not_written"
    assert "rows 3–4" in results[2]["errors"][0]["message"]
    assert (summary.created, summary.failed) == (3, 2)
    assert Response.objects.count() == Respondent.objects.count() == 3


def test_a_batch_that_cannot_be_written_is_reported_and_nothing_of_it_is_stored(
    consultation, monkeypatch
):
    """A unique violation on every attempt (say, a reference drawn again and again): the
    batch's rows are reported not written, with the advice to send the file again, and the
    batches around it are written."""
    from django.db import IntegrityError

    from consult.responses import imports

    write = imports.responses_write
    calls = []

    def failing_second_batch(**kwargs):
        calls.append(len(kwargs["items"]))
        if len(calls) > 1 and len(calls) <= 1 + imports.WRITE_ATTEMPTS:
            raise IntegrityError("duplicate key value violates unique constraint")
        return write(**kwargs)

    monkeypatch.setattr(imports, "responses_write", failing_second_batch)
    results, summary = run_import(consultation, csv_bytes(VALID, VALID, VALID), batch_size=1)
    assert [r["status"] for r in results] == ["created", "not_written", "created"]
    assert results[1]["errors"] == [
        {
            "path": "",
            "code": "write_failed",
            "message": "This row could not be written; send the file again with the same key.",
        }
    ]
    assert len(calls) == 2 + imports.WRITE_ATTEMPTS
    assert (summary.created, summary.failed) == (2, 1)
    assert Response.objects.count() == Respondent.objects.count() == 2


def test_row_mode_writes_every_valid_row(consultation):
    results, summary = run_import(
        consultation, csv_bytes(VALID, INVALID_LIKERT, NO_NOTICE, VALID), atomic="row", batch_size=2
    )
    assert (summary.rows, summary.created, summary.failed) == (4, 2, 2)
    assert [r["status"] for r in results] == ["created", "invalid", "invalid", "created"]
    assert results[2]["errors"][0]["path"] == "notice_accepted"
    assert Response.objects.count() == 2


@pytest.mark.parametrize(
    ("header", "problems"),
    [
        (HEADER.replace("consent,", ""), [("consent", "required")]),
        (
            HEADER + ",answer:nope,colour",
            [("answer:nope", "unknown_column"), ("colour", "unknown_column")],
        ),
        (HEADER + ",comment:9", [("comment:9", "unknown_column")]),
        (HEADER + ",Kind", [("Kind", "duplicate_column")]),
    ],
)
def test_header_problems_stop_the_import_before_any_row(consultation, header, problems):
    with pytest.raises(ImportFileError) as exc:
        run_import(consultation, csv_bytes("x", header=header))
    assert [item[:2] for item in exc.value.items] == problems
    assert not Response.objects.exists()


def test_formula_cells_are_stored_as_text_and_nul_is_removed(consultation):
    cells = ["individual", '=HYPERLINK("http://x")', "", "", "", "", "named", "1", "en", "+3"]
    cells += ["", "", "", "@SUM(A1:A9)", "-2+3", "a\x00b"]
    results, _summary = run_import(consultation, csv_bytes(",".join(cells)))
    assert results[0]["status"] == "created", results
    response = Response.objects.get()
    assert response.respondent.name == '=HYPERLINK("http://x")'
    assert response.language == "en"
    assert response.answers.get(question__key="comments").value == "@SUM(A1:A9)"
    assert dict(response.clause_comments.values_list("section__number", "text")) == {
        "1": "-2+3",
        "2": "ab",
    }


def test_a_row_with_the_wrong_number_of_cells_is_invalid(consultation):
    results, _summary = run_import(
        consultation, csv_bytes(VALID, "individual,anonymous"), atomic="row"
    )
    assert results[1]["errors"][0]["code"] == "cell_count"


def test_blank_records_are_skipped_but_keep_their_numbers(consultation):
    results, summary = run_import(consultation, csv_bytes("", ",,,,,,,,,,,,,,,", VALID))
    assert [(r["row"], r["status"]) for r in results] == [(3, "created")]
    assert summary.rows == 1


def doc(**overrides) -> dict:
    base = {
        "language": "en",
        "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": True},
        "answers": [
            {"question": "overall", "value": 4},
            {"question": "concerns", "value": ["bias"]},
        ],
        "comments": [{"section": "1", "text": "Too long a retention.\u0000"}],
    }
    base.update(overrides)
    return base


def jsonl(*docs) -> bytes:
    return "".join(
        (d if isinstance(d, str) else json.dumps(d, ensure_ascii=False)) + "\n" for d in docs
    ).encode()


def test_jsonl_rows_with_api_paths(consultation):
    body = jsonl(
        doc(),
        doc(
            answers=[{"question": "overall", "value": 4}, {"question": "concerns", "value": ["x"]}]
        ),
        doc(answers=[{"question": "nope", "value": 1}]),
        doc(colour="red", respondent={"kind": "individual"}),
        '{"respondent": ',
        "[1, 2]",
        doc(answers=[]),
        '{"respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": true, "name": "a\u0000"}, "answers": [{"question": "overall", "value": 1}]}',
        doc(answers=[{"question": "overall", "value": 4}, {"question": "overall", "value": 3}]),
        doc(language="fr", comments=[{"section": 1, "text": "ok"}, {"section": "9", "text": "x"}]),
    )
    results, summary = run_import(consultation, body, fmt="jsonl", atomic="row")
    paths = [[(e["path"], e["code"]) for e in r.get("errors", [])] for r in results]
    assert results[0]["status"] == "created"
    assert paths[1] == [("answers[1].value", "invalid")]
    assert ("answers[0].question", "unknown_question") in paths[2]
    assert sorted(paths[3]) == [
        ("colour", "unknown_field"),
        ("respondent.consent", "required"),
        ("respondent.notice_accepted", "required"),
    ]
    assert paths[4][0][1] == "parse_error" and paths[5][0][1] == "invalid"
    assert paths[6] == [("answers", "required")]
    assert results[7]["status"] == "invalid" and paths[7][0][1] == "parse_error"  # raw NUL
    assert paths[8] == [("answers[1].question", "invalid")]
    assert ("language", "invalid_choice") in paths[9]
    assert (summary.created, summary.failed) == (1, 9)
    comment = ClauseComment.objects.get()
    assert comment.text == "Too long a retention."
    assert Response.objects.get().language == "en"


def test_a_row_with_unknown_fields_also_has_its_values_checked(consultation):
    # Unknown fields the only fault of shape: the values are read too, so the row's result names
    # every problem at once; and a row whose one fault is an unknown field is still refused.
    body = jsonl(
        doc(colour="red", answers=[{"question": "overall", "value": 9, "note": "x"}]),
        doc(colour="red"),
    )
    results, summary = run_import(consultation, body, fmt="jsonl", atomic="row")
    paths = [sorted((e["path"], e["code"]) for e in r.get("errors", [])) for r in results]
    assert paths[0] == [
        ("answers[0].note", "unknown_field"),
        ("answers[0].value", "invalid"),
        ("colour", "unknown_field"),
    ]
    assert paths[1] == [("colour", "unknown_field")]
    assert (summary.created, summary.failed) == (0, 2) and Response.objects.count() == 0


def test_resending_with_the_same_key_replays_and_a_changed_row_conflicts(consultation):
    body = csv_bytes(VALID, VALID.replace("13", "27"), VALID)
    first, _summary = run_import(consultation, body, key="file-2026-11-22")
    assert [r["status"] for r in first] == ["created"] * 3
    again, summary = run_import(consultation, body, key="file-2026-11-22")
    assert [r["status"] for r in again] == ["replayed"] * 3
    assert [r["reference"] for r in again] == [r["reference"] for r in first]
    assert summary.replayed == 3 and Response.objects.count() == 3
    changed = csv_bytes(VALID, VALID.replace("13", "01"), VALID, VALID)
    results, _summary = run_import(consultation, changed, key="file-2026-11-22", atomic="row")
    assert [r["status"] for r in results] == ["replayed", "conflict", "replayed", "created"]
    assert results[1]["errors"][0]["code"] == "idempotency_conflict"
    assert Response.objects.count() == 4
    other_key, _summary = run_import(consultation, body, key="another-file-key")
    assert [r["status"] for r in other_key] == ["created"] * 3


def test_the_same_rows_as_json_lines_replay_a_csv_import(consultation):
    row = "individual,,,13,,,anonymous,true,ja,4,,,,,,"
    run_import(consultation, csv_bytes(row), key="same-content")
    as_json = {
        "language": "ja",
        "respondent": {
            "kind": "individual",
            "region": "13",
            "consent": "anonymous",
            "notice_accepted": True,
        },
        "answers": [{"question": "overall", "value": 4}],
    }
    results, _summary = run_import(consultation, jsonl(as_json), fmt="jsonl", key="same-content")
    assert results[0]["status"] == "replayed"


def test_long_import_keys_still_fit():
    prefix = import_key_prefix("api:t12", "k" * 200)
    assert len(prefix) + 8 <= 200 and prefix == import_key_prefix("api:t12", "k" * 200)
    assert import_key_prefix("api:t12", "short-key") == "api:t12:import:short-key"


def test_a_colliding_reference_is_drawn_again(consultation, monkeypatch):
    run_import(consultation, csv_bytes(VALID))
    taken = Response.objects.get().reference
    real = import_writer.new_references
    calls = []

    def collide_once(count: int) -> list[str]:
        calls.append(count)
        return [taken] * count if len(calls) == 1 else real(count)

    monkeypatch.setattr(import_writer, "new_references", collide_once)
    results, _summary = run_import(consultation, csv_bytes(VALID, VALID), key="retry-key")
    assert [r["status"] for r in results] == ["created", "created"] and len(calls) == 2
    assert Response.objects.count() == Respondent.objects.count() == 3


def test_confirmation_jobs_are_recorded_with_the_rows_and_a_drain_requested_after_commit(
    consultation, django_capture_on_commit_callbacks
):
    with_email = VALID.replace(",30-39,,", ",30-39,someone@example.jp,")
    with django_capture_on_commit_callbacks() as callbacks:
        results, _summary = run_import(consultation, csv_bytes(with_email, VALID, with_email))
    response_ids = set(
        Response.objects.filter(respondent__email="someone@example.jp").values_list("id", flat=True)
    )
    jobs = list(OutboxJob.objects.values_list("task_name", "kwargs", "sent_at"))
    assert len(response_ids) == 2 and len(results) == 3
    assert {(name, kwargs["response_id"]) for name, kwargs, _sent in jobs} == {
        ("responses.send_confirmation", pk) for pk in response_ids
    }
    assert len(callbacks) == 1  # one drain request per batch, not one message per row


def test_spool_refuses_more_than_the_limit_and_empty_bodies():
    with pytest.raises(ImportTooLarge):
        spool(io.BytesIO(b"x" * 1000).read, limit=999)
    with pytest.raises(ImportFileError):
        spool(io.BytesIO(b"").read, limit=999)
    assert spool(io.BytesIO(b"x" * 999).read, limit=999).read() == b"x" * 999


def test_a_line_longer_than_the_row_limit_is_refused():
    with pytest.raises(ImportFileError) as exc:
        settle_encoding(
            io.BytesIO(b"{}\n" + b"x" * 200 + b"\n"), fmt="jsonl", charset=None, max_line_bytes=100
        )
    assert exc.value.items[0][1] == "row_too_long" and "Row 2" in exc.value.items[0][2]


def test_command_imports_a_file_and_reports_errors(consultation, tmp_path: Path):
    path = tmp_path / "paper.csv"
    path.write_bytes(csv_bytes(VALID, INVALID_LIKERT, VALID, encoding="cp932"))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_responses",
            consultation.slug,
            str(path),
            "--atomic",
            "row",
            "--import-key",
            "paper-batch-1",
            stdout=out,
            stderr=err,
        )
    assert exc.value.returncode == 1
    assert "3 rows: 2 created, 0 replayed, 1 failed" in out.getvalue()
    assert "row 2 (line 3) invalid: answer:overall:" in err.getvalue()
    assert set(Response.objects.values_list("channel", "idempotency_key")) == {
        ("import", "cli:import:paper-batch-1:1"),
        ("import", "cli:import:paper-batch-1:3"),
    }
    path.write_bytes(csv_bytes(VALID, "", VALID, encoding="cp932"))
    call_command(
        "import_responses",
        consultation.slug,
        str(path),
        "--import-key",
        "paper-batch-1",
        stdout=out,
        stderr=err,
    )
    assert "2 rows: 0 created, 2 replayed, 0 failed" in out.getvalue()


def test_command_refuses_a_bad_file_before_writing(consultation, tmp_path: Path):
    path = tmp_path / "paper.txt"
    path.write_bytes(csv_bytes(VALID, header=HEADER + ",shoe_size"))
    with pytest.raises(CommandError, match="--format"):
        call_command("import_responses", consultation.slug, str(path))
    with pytest.raises(CommandError, match="shoe_size"):
        call_command("import_responses", consultation.slug, str(path), "--format", "csv")
    assert not Response.objects.exists()


def test_command_writes_the_template_an_official_fills_in(consultation, tmp_path: Path):
    from django.utils import translation

    path = tmp_path / "paper.csv"
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_responses", consultation.slug, str(path), "--template", stdout=out)
    assert "Wrote the columns of “the-consultation”" in out.getvalue()
    header = path.read_bytes().decode("utf-8-sig").rstrip("\r\n")
    assert header.startswith("kind,name,organisation_name,region") and "answer:overall" in header
    values = {"kind": "individual", "consent": "anonymous", "notice_accepted": "true"}
    values |= {"answer:overall": "3", "answer:comments": "紙で届いた意見"}
    path.write_bytes(
        (
            "\ufeff" + header + "\r\n" + ",".join(values.get(c, "") for c in header.split(","))
        ).encode()
    )
    call_command("import_responses", consultation.slug, str(path), stdout=io.StringIO())
    assert Response.objects.get().channel == "import"
    with pytest.raises(CommandError, match="exists already"), translation.override("en"):
        call_command("import_responses", consultation.slug, str(path), "--template")
    assert "紙で届いた意見" in path.read_text(encoding="utf-8-sig")  # not overwritten


def test_overlapped_keeps_order_finishes_on_a_worker_in_the_callers_language_and_raises():
    from django.utils import translation

    from consult.responses.import_pipeline import overlapped

    main = threading.get_ident()

    def finish(batch: list[int]) -> list[tuple[int, bool, str | None]]:
        return [(n, threading.get_ident() != main, translation.get_language()) for n in batch]

    with translation.override("en"):
        out = list(overlapped(iter([[1, 2], [3], [4, 5]]), prepare=list, finish=finish))
    assert out == [(n, True, "en") for n in (1, 2, 3, 4, 5)]

    def fail(batch: list[int]) -> list[int]:
        if batch == [3]:
            raise ValueError("batch 3")
        return batch

    with pytest.raises(ValueError, match="batch 3"):
        list(overlapped(iter([[1], [2], [3], [4]]), prepare=list, finish=fail))


def test_overlapped_writes_two_batches_at_once_and_still_yields_them_in_order():
    from consult.responses.import_pipeline import overlapped

    both_started = threading.Barrier(2, timeout=10)
    threads: dict[int, int] = {}

    def finish(batch: list[int]) -> list[int]:
        threads[batch[0]] = threading.get_ident()
        if batch[0] in (1, 2):
            # Batches 1 and 2 wait for each other: this passes only if they run at once.
            both_started.wait()
            if batch[0] == 1:
                time.sleep(0.05)  # the first batch finishes last
        return batch

    out = list(overlapped(iter([[1], [2], [3], [4], [5]]), prepare=list, finish=finish))
    assert out == [1, 2, 3, 4, 5]
    assert threads[1] != threads[2]
    assert len(set(threads.values())) == 2  # never more than two writers


def test_overlapped_yields_the_batches_before_a_failure_then_raises():
    from consult.responses.import_pipeline import overlapped

    def finish(batch: list[int]) -> list[int]:
        if batch == [2]:
            raise ValueError("batch 2")
        return batch

    seen: list[int] = []
    with pytest.raises(ValueError, match="batch 2"):
        for item in overlapped(iter([[1], [2], [3]]), prepare=list, finish=finish):
            seen.append(item)
    assert seen == [1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("writers", [1, 2, 3])
def test_an_import_outside_a_transaction_writes_batch_by_batch(consultation, settings, writers):
    """On PostgreSQL this runs writes on `API_IMPORT_WRITERS` worker threads (import_pipeline)."""
    settings.API_IMPORT_WRITERS = writers
    rows = [VALID, VALID, INVALID_LIKERT, VALID, VALID]
    results, summary = run_import(consultation, csv_bytes(*rows), batch_size=2, key="outside-1")
    assert [r["status"] for r in results] == [
        "created",
        "created",
        "invalid",
        "not_written",
        "created",
    ]
    assert Response.objects.count() == 3 and summary.failed == 2
    again, _summary = run_import(consultation, csv_bytes(*rows), batch_size=2, key="outside-1")
    assert [r["status"] for r in again] == [
        "replayed",
        "replayed",
        "invalid",
        "not_written",
        "replayed",
    ]


def test_command_checks_its_key_and_the_consultation_state(consultation, tmp_path: Path):
    path = tmp_path / "paper.csv"
    path.write_bytes(csv_bytes(VALID))
    with pytest.raises(CommandError, match="import-key"):
        call_command("import_responses", consultation.slug, str(path), "--import-key", "has space")
    with pytest.raises(CommandError, match="No consultation"):
        call_command("import_responses", "no-such-consultation", str(path))
    consultation.status = "draft"
    consultation.save()
    with pytest.raises(CommandError, match="is Draft"):
        call_command("import_responses", consultation.slug, str(path))
    assert not Response.objects.exists()


def test_command_speaks_one_language_throughout(consultation, tmp_path: Path):
    """In Japanese (the project's language) the command's own words are Japanese too, not only
    the per-row errors they frame."""
    from django.utils import translation

    path = tmp_path / "paper.csv"
    path.write_bytes(csv_bytes(VALID, header=HEADER + ",shoe_size"))
    with translation.override("ja"):
        with pytest.raises(CommandError) as refused:
            call_command("import_responses", consultation.slug, str(path))
        assert str(refused.value).startswith("何も取り込んでいません。")
        assert "shoe_size" in str(refused.value)
        path.write_bytes(csv_bytes(VALID, VALID))
        out = io.StringIO()
        call_command("import_responses", consultation.slug, str(path), stdout=out)
    assert "2行：登録 2件、登録済み 0件、失敗 0件" in out.getvalue()
    assert Response.objects.count() == 2


def test_json_lines_end_at_line_feeds_only(consultation):
    line = json.dumps(doc(comments=[]))
    body = (line + "\r\n" + line.replace('{"language"', '{\r"language"') + "\n").encode()
    results, _summary = run_import(consultation, body, fmt="jsonl")
    assert [(r["row"], r["status"]) for r in results] == [(1, "created"), (2, "created")]


def test_texts_and_times_arrive_unchanged(consultation):
    """Every kind of character survives the batch write (a JSON document on PostgreSQL)."""
    from django.utils import timezone

    text = 'tab\there, back\\slash, "quotes", 改行\n二行目, emoji 🙂, RTL مرحبا, zero\u200bwidth'
    document = {
        "respondent": {
            "kind": "organisation",
            "organisation_name": "市民\\ネット\t",
            "consent": "named",
            "notice_accepted": True,
            "email": "a.b+c@example.jp",
        },
        "answers": [
            {"question": "overall", "value": 5},
            {"question": "retention", "value": "24h"},
            {"question": "concerns", "value": ["privacy"]},
            {"question": "priorities", "value": ["warrant", "audit", "signage"]},
            {"question": "comments", "value": text},
        ],
        "comments": [{"section": "1", "text": text}],
    }
    before = timezone.now()
    results, _summary = run_import(
        consultation, (json.dumps(document, ensure_ascii=False) + "\n").encode(), fmt="jsonl"
    )
    assert results[0]["status"] == "created", results
    response = Response.objects.select_related("respondent").get()
    assert response.respondent.organisation_name == "市民\\ネット"
    assert response.respondent.email == "a.b+c@example.jp"
    comment = response.answers.get(question__key="comments")
    assert comment.value == comment.text == text
    assert response.answers.get(question__key="overall").value == 5
    assert response.clause_comments.get().text == text
    assert before <= response.created_at == response.submitted_at <= timezone.now()
    assert response.respondent.created_at == response.created_at
    job = OutboxJob.objects.get()
    assert (
        job.kwargs == {"response_id": response.pk}
        and job.task_name == "responses.send_confirmation"
    )
