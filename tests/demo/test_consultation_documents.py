"""Structure of the three demo consultation documents (the loader's contract)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

DOCUMENTS = Path(__file__).resolve().parents[2] / "consult" / "demo" / "consultations"
SLUGS = {
    "facial-recognition": "digital-safety",
    "defence-ai": "defence-policy",
    "ai-copyright": "culture-ip",
}
KINDS = {"likert", "single_choice", "multiple_choice", "ranking", "free_text"}
CHOICE_KINDS = {"single_choice", "multiple_choice", "ranking"}
TOP_KEYS = {"slug", "department", "title", "summary", "body", "notice", "sections", "questions"}
QUESTION_KEYS = {"key", "kind", "text", "help_text", "required", "section"}
SECTION_NUMBER = re.compile(r"^\d+(-\d+)*$")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _load(slug: str) -> dict[str, Any]:
    with (DOCUMENTS / f"{slug}.json").open(encoding="utf-8") as handle:
        document: dict[str, Any] = json.load(handle)
    return document


def _assert_text(value: Any, where: str, *, allow_empty: bool = False) -> None:
    assert isinstance(value, dict), where
    assert set(value) == {"ja", "en"}, where
    ja, en = value["ja"], value["en"]
    assert isinstance(ja, str) and isinstance(en, str), where
    if allow_empty and not ja and not en:
        return
    assert ja.strip() and en.strip(), f"{where}: empty translation"
    assert JAPANESE.search(ja), f"{where}: the Japanese text has no Japanese characters"
    assert not JAPANESE.search(en), f"{where}: the English text contains Japanese"


def test_there_is_exactly_one_document_per_topic() -> None:
    assert {path.stem for path in DOCUMENTS.glob("*.json")} == set(SLUGS)


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_document_structure(slug: str) -> None:
    document = _load(slug)
    assert set(document) == TOP_KEYS
    assert document["slug"] == slug
    assert set(document["department"]) == {"code", "name"}
    assert document["department"]["code"] == SLUGS[slug]
    _assert_text(document["department"]["name"], "department.name")
    for field in ("title", "summary", "body"):
        _assert_text(document[field], field)
    assert set(document["notice"]) == {"version", "text"}
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", document["notice"]["version"])
    _assert_text(document["notice"]["text"], "notice.text")


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_sections(slug: str) -> None:
    sections = _load(slug)["sections"]
    assert 4 <= len(sections) <= 8
    numbers = [section["number"] for section in sections]
    assert len(set(numbers)) == len(numbers)
    for section in sections:
        assert set(section) == {"number", "title", "text"}
        assert isinstance(section["number"], str)
        assert SECTION_NUMBER.match(section["number"])
        _assert_text(section["title"], f"section {section['number']} title")
        _assert_text(section["text"], f"section {section['number']} text")


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_questions(slug: str) -> None:
    document = _load(slug)
    numbers = {section["number"] for section in document["sections"]}
    questions = document["questions"]
    assert 6 <= len(questions) <= 12
    keys = [question["key"] for question in questions]
    assert len(set(keys)) == len(keys)
    for question in questions:
        where = f"{slug}:{question['key']}"
        kind = question["kind"]
        assert kind in KINDS, where
        expected = set(QUESTION_KEYS)
        if kind in CHOICE_KINDS:
            expected.add("choices")
        if kind == "free_text":
            expected.add("max_length")
        assert set(question) == expected, where
        assert isinstance(question["required"], bool), where
        assert question["section"] is None or question["section"] in numbers, where
        _assert_text(question["text"], where)
        _assert_text(question["help_text"], f"{where} help_text", allow_empty=True)
        if kind == "free_text":
            assert isinstance(question["max_length"], int), where
            assert 0 < question["max_length"] <= 20000, where
        if kind in CHOICE_KINDS:
            choices = question["choices"]
            choice_keys = [choice["key"] for choice in choices]
            assert len(set(choice_keys)) == len(choice_keys), where
            assert len(choices) >= 2, where
            if kind == "ranking":
                assert 3 <= len(choices) <= 6, where
            for choice in choices:
                assert set(choice) == {"key", "label"}, where
                assert isinstance(choice["key"], str) and choice["key"], where
                _assert_text(choice["label"], f"{where}.{choice['key']}")


@pytest.mark.parametrize("slug", sorted(SLUGS))
def test_required_overall_and_comments_questions(slug: str) -> None:
    questions = {question["key"]: question for question in _load(slug)["questions"]}
    assert questions["overall"]["kind"] == "likert"
    assert questions["overall"]["text"]["en"] == "Overall, do you agree with the proposal?"
    assert questions["comments"]["kind"] == "free_text"
    kinds = {question["kind"] for question in questions.values()}
    assert {"likert", "free_text", "single_choice"} <= kinds
    assert kinds & {"multiple_choice", "ranking"}
