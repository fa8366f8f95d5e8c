"""Coded responses' texts are redacted by helper processes, or here when a helper fails."""

import sys

import pytest

from consult.analysis.pii import redact
from consult.reports import redaction

TEXTS = [
    "連絡は taro.yamada@example.jp までお願いします。",
    "My phone number is 090-1234-5678.",
    "監視カメラの増設には反対です。",
    "Contact: Alex Morgan, alex.morgan@example.org",
] * 3


@pytest.fixture(autouse=True)
def always_use_helpers(monkeypatch):
    monkeypatch.setattr(redaction, "IN_PROCESS_BELOW", 0)


def test_helpers_redact_every_distinct_text_like_the_library():
    job = redaction.Redactions(TEXTS, processes=2)
    assert len(job.helpers) == 2  # two helper processes, two shards
    done = job.results()
    assert done == {text: redact(text) for text in set(TEXTS)}
    assert "example.jp" not in done[TEXTS[0]] and "5678" not in done[TEXTS[1]]
    assert job.folder is None  # files removed


def test_a_failing_helper_means_redacting_here_not_skipping(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/bin/false")
    job = redaction.Redactions(TEXTS, processes=1)
    done = job.results()
    assert done == {text: redact(text) for text in set(TEXTS)}


def test_no_helpers_when_told_so():
    job = redaction.Redactions(TEXTS, processes=0)
    assert not job.helpers
    assert job.results()[TEXTS[1]] == redact(TEXTS[1])


def test_texts_the_moderation_scan_found_clean_are_not_redacted_again():
    clean = TEXTS[2]
    job = redaction.Redactions(TEXTS, processes=1, unchanged={clean})
    assert clean not in job.texts and len(job.texts) == 3  # only the others go to a helper
    done = job.results()
    assert done == {text: redact(text) for text in set(TEXTS)}
    assert done[clean] == clean
