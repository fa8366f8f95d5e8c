"""`manage.py load_consultation`: one file, a directory, every error with its path, nothing
half-loaded."""

import copy
import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from consult.accounts.models import Department
from consult.consultations.documents import consultation_document
from consult.consultations.models import Consultation
from consult.responses.services import response_submit
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "consult/demo/consultations"
DOC = json.loads((DEMO / "facial-recognition.json").read_text())


def run(*args: Any) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("load_consultation", *[str(a) for a in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_loads_a_file_then_updates_it(tmp_path):
    path = write(tmp_path / "doc.json", DOC)
    out, _err = run(path)
    assert f"Created “{DOC['slug']}” from {path}." in out
    consultation = Consultation.objects.get(slug=DOC["slug"])
    assert consultation.status == "draft"
    assert consultation.questions.count() == len(DOC["questions"])

    changed = copy.deepcopy(DOC)
    changed["title"]["en"] = "Revised title"
    out, _err = run(write(path, changed))
    assert f"Updated “{DOC['slug']}” from {path}." in out
    consultation.refresh_from_db()
    assert consultation.title_en == "Revised title"


def test_loads_every_document_of_a_directory():
    out, _err = run(DEMO)
    assert out.count("Created") == 3
    assert Consultation.objects.count() == 3


def test_invalid_document_prints_every_path_and_loads_nothing(tmp_path):
    good = write(tmp_path / "a.json", DOC)
    bad_doc = copy.deepcopy(DOC)
    bad_doc["slug"] = "another"
    bad_doc["title"]["en"] = ""
    bad_doc["questions"][0]["kind"] = ["likert"]
    bad = write(tmp_path / "b.json", bad_doc)
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="1 of 2"):
        call_command("load_consultation", str(tmp_path), stdout=StringIO(), stderr=err)
    assert f"{bad}: questions[0].kind: Expected a string." in err.getvalue()
    assert str(good) not in err.getvalue()
    assert Consultation.objects.count() == 0

    bad_doc["questions"][0]["kind"] = "likert"
    write(bad, bad_doc)
    with translation.override("en"), pytest.raises(CommandError):
        call_command("load_consultation", str(tmp_path), stdout=StringIO(), stderr=err)
    assert f"{bad}: title.en: This text is required." in err.getvalue()
    assert Consultation.objects.count() == 0


def test_two_files_with_one_slug_are_refused(tmp_path):
    write(tmp_path / "a.json", DOC)
    write(tmp_path / "b.json", DOC)
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("load_consultation", str(tmp_path), stdout=StringIO(), stderr=err)
    assert f"{tmp_path / 'b.json'}: slug:" in err.getvalue()
    assert Consultation.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"slug": ', r"not valid JSON \(line 1, column 10\)"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"slug": NaN}', "NaN is not a number"),
    ],
)
def test_unreadable_files_are_clear_errors(tmp_path, content, message):
    path = tmp_path / "doc.json"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("load_consultation", str(path))


def test_missing_path_and_empty_directory(tmp_path):
    with translation.override("en"), pytest.raises(CommandError, match="No such file"):
        call_command("load_consultation", str(tmp_path / "missing.json"))
    with translation.override("en"), pytest.raises(CommandError, match=r"No \*\.json"):
        call_command("load_consultation", str(tmp_path))


def test_department_option_loads_into_an_existing_department(tmp_path):
    Department.objects.create(code="police", name_ja="警察", name_en="Police")
    run(write(tmp_path / "doc.json", DOC), "--department", "police")
    assert Consultation.objects.get(slug=DOC["slug"]).department.code == "police"
    with translation.override("en"), pytest.raises(CommandError, match="Unknown department"):
        call_command("load_consultation", str(tmp_path / "doc.json"), "--department", "nope")


def test_structure_frozen_by_responses_is_reported_with_its_path(tmp_path, consultation):
    response_submit(consultation=consultation, data=valid_input())
    doc = consultation_document(consultation)
    doc["questions"].pop()
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "load_consultation", str(write(tmp_path / "d.json", doc)), stdout=StringIO(), stderr=err
        )
    assert ": questions: " in err.getvalue()
    assert consultation.questions.count() == 5


def test_the_command_line_exits_non_zero_without_a_traceback(tmp_path):
    path = tmp_path / "doc.json"
    path.write_text('{"slug": "x"}')
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", "load_consultation", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "consult.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ": title: " in result.stderr and "CommandError" in result.stderr


def test_a_dumped_consultation_loads_back_unchanged(tmp_path):
    run(write(tmp_path / "doc.json", DOC))
    dumped = tmp_path / "dumped.json"
    out = StringIO()
    with translation.override("en"):
        call_command("dump_consultation", DOC["slug"], str(dumped), stdout=out)
    assert f"Wrote “{DOC['slug']}” to {dumped}." in out.getvalue()
    document = json.loads(dumped.read_text(encoding="utf-8"))
    consultation = Consultation.objects.get(slug=DOC["slug"])
    assert document == consultation_document(consultation)
    assert document["title"] == DOC["title"] and len(document["questions"]) == len(DOC["questions"])
    before = consultation.updated_at
    out, _err = run(dumped)
    assert f"Updated “{DOC['slug']}”" in out
    assert consultation_document(Consultation.objects.get(slug=DOC["slug"])) == document
    assert Consultation.objects.get(slug=DOC["slug"]).questions.count() == len(DOC["questions"])
    assert before <= Consultation.objects.get(slug=DOC["slug"]).updated_at


def test_dump_to_stdout_and_unknown_slugs(tmp_path):
    run(write(tmp_path / "doc.json", DOC))
    out = StringIO()
    call_command("dump_consultation", DOC["slug"], stdout=out)
    assert json.loads(out.getvalue())["slug"] == DOC["slug"]
    with translation.override("en"), pytest.raises(CommandError, match="No consultation"):
        call_command("dump_consultation", "no-such-consultation")
    with translation.override("en"), pytest.raises(CommandError, match="cannot be written"):
        call_command("dump_consultation", DOC["slug"], str(tmp_path / "missing-dir" / "x.json"))
