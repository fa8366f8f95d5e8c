import copy
import json
from pathlib import Path

import pytest

from consult.consultations.documents import (
    DocumentError,
    consultation_load_document,
    validate_document,
)
from consult.consultations.models import Consultation
from consult.responses.services import response_submit
from tests.conftest import valid_input

pytestmark = pytest.mark.django_db
DOC = json.loads(
    (
        Path(__file__).resolve().parents[2] / "consult/demo/consultations/facial-recognition.json"
    ).read_text()
)


def test_demo_document_is_valid_and_loads_idempotently():
    assert validate_document(DOC) == {}
    c1, created1 = consultation_load_document(document=DOC)
    c2, created2 = consultation_load_document(document=DOC)
    assert created1 and not created2 and c1.pk == c2.pk
    assert c1.sections.count() == len(DOC["sections"])
    assert c1.questions.count() == len(DOC["questions"])
    assert Consultation.objects.count() == 1


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(slug="Not A Slug"), "slug"),
        (lambda d: d["title"].update(en=""), "title.en"),
        (lambda d: d["questions"][0].update(kind="essay"), "questions[0].kind"),
        (
            lambda d: d["questions"].append(copy.deepcopy(d["questions"][0])),
            "questions[{last}].key",
        ),
        (lambda d: d["questions"][0].update(section="99"), "questions[0].section"),
        (lambda d: d.update(extra=1), "extra"),
        (lambda d: d["sections"].clear(), "sections"),
    ],
)
def test_invalid_documents_name_the_field(mutate, path):
    doc = copy.deepcopy(DOC)
    mutate(doc)
    path = path.replace("{last}", str(len(doc["questions"]) - 1))
    errors = validate_document(doc)
    assert path in errors, errors
    with pytest.raises(DocumentError):
        consultation_load_document(document=doc)
    assert Consultation.objects.count() == 0


def test_free_text_needs_a_limit():
    doc = copy.deepcopy(DOC)
    free = next(i for i, q in enumerate(doc["questions"]) if q["kind"] == "free_text")
    doc["questions"][free].pop("max_length")
    assert f"questions[{free}].max_length" in validate_document(doc)


def test_structure_is_frozen_once_responses_exist(consultation):
    doc = {
        "slug": consultation.slug,
        "department": {"code": consultation.department.code},
        "title": {"ja": "新しい題名", "en": "New title"},
        "summary": {"ja": "概要", "en": "Summary"},
        "body": {"ja": "本文", "en": "Body"},
        "notice": {"version": "2026-11-01", "text": {"ja": "通知", "en": "Notice"}},
        "sections": [
            {
                "number": s.number,
                "title": {"ja": s.title_ja, "en": s.title_en},
                "text": {"ja": s.text_ja, "en": s.text_en},
            }
            for s in consultation.sections.all()
        ],
        "questions": [],
    }
    response_submit(consultation=consultation, data=valid_input())
    with pytest.raises(DocumentError):
        consultation_load_document(document=doc)
    consultation.refresh_from_db()
    assert consultation.title_en != "New title"
    assert consultation.questions.count() == 5


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["questions"][0].update(kind=["likert"]), "questions[0].kind"),
        (lambda d: d["questions"][0].update(section={"n": 1}), "questions[0].section"),
        (lambda d: d["department"].update(code="d" * 65), "department.code"),
        (lambda d: d["notice"].update(version="v" * 41), "notice.version"),
        (lambda d: d["title"].update(ja="題\x00名"), "title.ja"),
        (lambda d: d["title"].update(en="bad \ud800"), "title.en"),
    ],
)
def test_hostile_values_are_errors_not_crashes(mutate, path):
    doc = copy.deepcopy(DOC)
    mutate(doc)
    assert path in validate_document(doc)


def test_reserved_slugs_are_refused():
    doc = copy.deepcopy(DOC)
    doc["slug"] = "audit"
    assert "slug" in validate_document(doc)
