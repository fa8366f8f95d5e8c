"""Representative quotes: central, diverse, redacted, trimmed."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from consult.analysis.quotes import mmr_select, representative_quotes, trim_quote


def _rows(vectors):
    return sp.csr_matrix(normalize(np.asarray(vectors, dtype=np.float64)))


def test_mmr_prefers_central_then_diverse():
    rows = _rows([[1, 0, 0], [0.99, 0.05, 0], [0.7, 0.7, 0], [0, 0, 1]])
    strength = np.ones(4)
    assert mmr_select(rows, strength, k=1, diversity=0.0)[0] in (0, 1, 2)
    central_only = mmr_select(rows, strength, k=2, diversity=0.0)
    diverse = mmr_select(rows, strength, k=2, diversity=0.6)
    assert 3 not in central_only  # the outlier is never the most central
    # With diversity, the near-copy of the first pick is not the second pick.
    assert not {0, 1} <= set(diverse)


def test_mmr_handles_empty_and_small_inputs():
    rows = _rows([[1, 0]])
    assert mmr_select(rows[:0], np.zeros(0), k=3, diversity=0.3) == []
    assert mmr_select(rows, np.ones(1), k=3, diversity=0.3) == [0]
    assert mmr_select(rows, np.ones(1), k=0, diversity=0.3) == []


def test_short_texts_are_demoted():
    rows = _rows([[1, 0], [1, 0.01]])
    picked = mmr_select(rows, np.ones(2), k=1, diversity=0.0, lengths=np.array([1, 12]))
    assert picked == [1]


def test_trim_quote_cuts_at_a_boundary():
    text = "word " * 200
    trimmed = trim_quote(text, 50)
    assert len(trimmed) <= 51 and trimmed.endswith("…") and not trimmed.endswith(" …")
    assert trim_quote("  short   text ", 50) == "short text"


def test_quotes_are_redacted_and_point_to_comments():
    texts = ["Contact me at taro.yamada@example.com about the cameras.", "Cameras everywhere."]
    rows = _rows([[1, 0.1], [1, 0]])
    quotes = representative_quotes(texts, rows, np.array([1.0, 0.5]), [17, 42], k=2)
    assert [q.comment_index for q in quotes] == [17, 42]
    assert "taro.yamada@example.com" not in quotes[0].text
    assert "cameras" in quotes[0].text
