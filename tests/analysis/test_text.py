"""Tests for consult.analysis.text: normalisation, language detection, tokenisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from consult.analysis.text import (
    detect_language,
    ngrams,
    normalize,
    phrases,
    replace_surrogates,
    tokenize,
    tokenize_many,
)
from consult.analysis.text.english import lemmatize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ｈｅｌｌｏ　ＷＯＲＬＤ１２３", "hello world123"),
        ("ｺﾝﾋﾟｭｰﾀ", "コンピュータ"),
        ("コンピュ-タ", "コンピュータ"),
        ("ユ－ザ", "ユーザ"),
        ("すごーーーい", "すごーい"),
        ("いすゞ", "いすず"),
        ("こゝろ", "こころ"),
        ("a\u200bb\u202ec\u2066d", "abcd"),
        ("x\ud800y", "xy"),
        ("葛\U000e0100城", "葛城"),
        ("  line one\n\n\tline two  ", "line one line two"),
        ("A—B − C", "a-b - c"),
        ("東京\u3000都", "東京 都"),
        ("", ""),
    ],
)
def test_normalize_examples(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_keeps_kanji_iteration_mark() -> None:
    assert normalize("人々") == "人々"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("顔認証カメラの設置に反対します。", "ja"),
        ("AIの規制に賛成です", "ja"),
        ("I oppose 顔認証 in stations and public spaces", "en"),
        ("Facial recognition must be regulated.", "en"),
        ("ＡＩ ｒｅｇｕｌａｔｉｏｎ", "en"),
        ("2024-05-01 12:00 !!!", "other"),
        ("😀🎉", "other"),
        ("", "other"),
        ("Привет, мир", "other"),
        ("한국어 텍스트입니다", "other"),
        ("我们反对在车站使用人脸识别技术，这会侵犯隐私。", "other"),
        ("我們反對在車站使用人臉識別技術，這會侵犯隱私。", "other"),
        ("这个问题很重要吗？", "other"),
        ("顔認証反対", "ja"),
        ("個人情報保護法第十七条違反", "ja"),
        ("東京都千代田区長見進動開車書問題現門", "ja"),  # kanji Japanese shares with Chinese
        ("私は顔認証の導入に反対です。这个 (Chinese word) を引用します。", "ja"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("policies", "policy"),
        ("cameras", "camera"),
        ("watches", "watch"),
        ("collected", "collect"),
        ("stored", "store"),
        ("planning", "plan"),
        ("making", "make"),
        ("using", "use"),
        ("provided", "provide"),
        ("analysis", "analysis"),
        ("process", "process"),
        ("news", "news"),
    ],
)
def test_lemmatize(word: str, lemma: str) -> None:
    assert lemmatize(word) == lemma


def test_tokenize_english_drops_stop_words_and_folds_forms() -> None:
    tokens = tokenize("I don't think the police's cameras should be storing our faces in 2024!")
    assert tokens == ["police", "camera", "store", "face"]


def test_tokenize_japanese_keeps_compounds_and_content_words() -> None:
    tokens = tokenize("顔認証システムの導入には反対です。個人情報が漏れるのが心配です。")
    assert tokens == ["顔認証システム", "導入", "反対", "個人情報", "漏れる", "心配"]


def test_tokenize_japanese_drops_stop_words_numbers_and_names() -> None:
    tokens = tokenize("山田さんは3ヶ月前からそれをすることにしている。監視カメラは問題だ。")
    assert "山田" not in tokens
    assert not any(token.isdigit() for token in tokens)
    for stop in ("する", "為る", "こと", "事", "それ", "其れ", "居る"):
        assert stop not in tokens
    assert "監視カメラ" in tokens
    assert "問題" in tokens


def test_tokenize_mixed_routes_each_script_run() -> None:
    tokens = tokenize("顔認証システムはprivacy violationだと思います。Cameras in stations.")
    assert tokens == ["顔認証システム", "privacy", "violation", "camera", "station"]


def test_tokenize_language_en_skips_japanese() -> None:
    assert tokenize("cameras 顔認証", language="en") == ["camera"]


def test_tokenize_long_japanese_text_is_chunked() -> None:
    text = "監視カメラの設置に反対します。" * 5_000
    tokens = tokenize(text)
    assert tokens.count("監視カメラ") == 5_000


def test_tokenize_many_matches_tokenize_and_returns_fresh_lists() -> None:
    texts = ["Cameras in stations.", "顔認証に反対", "Cameras in stations.", ""]
    batched = tokenize_many(texts)
    assert batched == [tokenize(text) for text in texts]
    batched[0].append("changed")
    assert batched[2] == ["camera", "station"]


def test_tokenize_many_rejects_mismatched_hints() -> None:
    with pytest.raises(ValueError, match="one entry per text"):
        tokenize_many(["a", "b"], languages=["en"])


def test_ngrams_and_phrases() -> None:
    assert ngrams(["a", "b", "c"], 2) == [("a", "b"), ("b", "c")]
    assert phrases(tokenize("facial recognition cameras")) == [
        "facial recognition",
        "recognition camera",
    ]
    assert phrases(["監視カメラ", "設置"]) == ["監視カメラ設置"]


unicode_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()),
    max_size=200,
)


@given(unicode_text)
def test_text_functions_never_raise(text: str) -> None:
    normalized = normalize(text)
    assert normalize(normalized) == normalized
    assert detect_language(text) in ("ja", "en", "other")
    assert all(token for token in tokenize(text))


@given(st.lists(unicode_text, max_size=5))
def test_tokenize_many_equals_tokenize(texts: list[str]) -> None:
    assert tokenize_many(texts) == [tokenize(text) for text in texts]


def test_replace_surrogates_keeps_every_offset() -> None:
    assert replace_surrogates("a\ud800b\udfff") == "a\ufffdb\ufffd"
    assert replace_surrogates("顔認証😀") == "顔認証😀"  # a whole pair is one character
    assert replace_surrogates("plain ascii") == "plain ascii"


@given(unicode_text)
def test_replace_surrogates_gives_encodable_text(text: str) -> None:
    replaced = replace_surrogates(text)
    assert len(replaced) == len(text)
    replaced.encode("utf-8")


def test_one_megabyte_strings_do_not_raise() -> None:
    mixed = ("監視カメラ😀\u200b e\u0301 \u202eRTL עברית " * 40_000)[:1_000_000]
    assert normalize(mixed)
    assert detect_language(mixed) in ("ja", "en", "other")
    assert tokenize(mixed)


@pytest.mark.parametrize("text", ["ア\u200b-タ", "e\u200b\u0301", "ー\u200bー", "Ａ\u202e\u3000Ｂ"])
def test_normalize_is_idempotent_across_deleted_characters(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
