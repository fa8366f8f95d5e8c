"""A theme both languages raise is quoted in both, its main language first, each quote with its
language; a theme in one language is quoted as before."""

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from consult.analysis.themes.assign import ThemeDraft, ThemeTable
from consult.analysis.themes.summaries import summarise_themes
from consult.analysis.types import AnalysisParams

ENGLISH = [
    "Cameras at the station record everyone who passes.",
    "The station cameras should delete footage within a day.",
    "Nobody asked us before the station cameras went up.",
    "Station cameras will not stop crime, they move it elsewhere.",
    "Put up signs so people know the station has cameras.",
]
JAPANESE = [
    "駅のカメラが通行人を全員撮影しています。",
    "駅のカメラの映像は一日で消去すべきです。",
    "駅にカメラを付ける前に説明がありませんでした。",
]


def _summaries(texts, languages, params=AnalysisParams()):  # noqa: B008
    n = len(texts)
    rng = np.random.default_rng(0)
    docs = normalize(sp.csr_matrix(rng.random((n, 12)).astype(np.float32)))
    table = ThemeTable(
        (ThemeDraft("stations", "Station cameras", "", "discovered"),),
        np.ones((n, 1), dtype=np.float32),
    )
    return summarise_themes(
        table,
        indptr=np.arange(n + 1, dtype=np.int64),
        index=np.zeros(n, dtype=np.int32),
        stance=np.zeros(n, dtype=np.int64),
        group_of=np.arange(n, dtype=np.int64),
        unique_texts=texts,
        representative=np.arange(n, dtype=np.int64),
        docs=docs,
        token_counts=np.full(n, 10, dtype=np.int32),
        params=params,
        languages=languages,
    )


def test_a_theme_both_languages_raise_is_quoted_in_each_main_language_first():
    texts = ENGLISH + JAPANESE
    languages = ["en"] * len(ENGLISH) + ["ja"] * len(JAPANESE)
    (theme,) = _summaries(texts, languages)
    assert [q.language for q in theme.quotes] == ["en"] * 3 + ["ja"] * 3
    for quote in theme.quotes:
        assert (quote.language == "ja") == (quote.text in JAPANESE)
        assert texts[quote.comment_index] == quote.text


def test_too_few_comments_in_the_second_language_are_quoted_with_the_rest():
    texts = ENGLISH * 2 + JAPANESE[:1]  # 1 Japanese text of 11: under a fifth
    languages = ["en"] * 10 + ["ja"]
    (theme,) = _summaries(texts, languages)
    assert len(theme.quotes) == 3
    assert {q.language for q in theme.quotes} <= {"en", "ja"}
    # As the code before languages were read: one group, the same quotes.
    (before,) = _summaries(texts, None)
    assert [q.comment_index for q in theme.quotes] == [q.comment_index for q in before.quotes]
    assert {q.language for q in before.quotes} == {"other"}


def test_comments_in_neither_language_stay_quotable_with_the_main_group():
    korean = ["역 카메라 영상은 하루만 보관해야 합니다."]
    texts = ENGLISH + JAPANESE + korean
    languages = ["en"] * len(ENGLISH) + ["ja"] * len(JAPANESE) + ["other"]
    params = AnalysisParams(quotes_per_theme=10)
    (theme,) = _summaries(texts, languages, params)
    quoted = {q.text: q.language for q in theme.quotes}
    assert quoted[korean[0]] == "other"
    assert [q.language for q in theme.quotes][: len(ENGLISH) + 1].count("ja") == 0
