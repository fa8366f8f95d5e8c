"""Tests for consult.analysis.abuse: curated words on normalised forms, shouting, link spam."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.analysis.abuse import abuse_words, find_abuse


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(span.kind, text[span.start : span.end]) for span in find_abuse(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("You are a fucking disgrace.", "fucking"),
        ("ｆｕｃｋ this proposal", "ｆｕｃｋ"),  # full-width
        ("FUCK this", "FUCK"),  # case
        ("what a f\u200buck up", "f\u200buck"),  # zero-width space inside
        ("Go  to\nhell with your cameras", "Go  to\nhell"),  # phrase across whitespace
        ("お前なんか死ね。", "死ね"),
        ("この政策はｷﾁｶﾞｲだ", "ｷﾁｶﾞｲ"),  # half-width katakana with a voicing mark
        ("きちがいじみた案", "きちがい"),  # hiragana matches a katakana entry
        ("反対する奴は売国奴だ", "売国奴"),
    ],
)
def test_curated_words_are_found_on_normalised_forms(text, found):
    assert ("abuse", found) in kinds_and_texts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Scunthorpe residents oppose the cameras.",  # a listed word inside another word
        "I assess the proposal as disproportionate.",
        "シネマの前にもカメラを置くのですか。",  # しね inside シネマ is not listed
        "ばかげた案だと思います。強く反対します。",  # strong criticism is not abuse
        "Japanese cameras are accurate.",  # "jap" only as a whole word
        "詳しくは https://example.org/opinion をご覧ください。監視カメラには反対です。",
        "The NHK and the NPA should publish the audit.",
        "",
    ],
)
def test_ordinary_criticism_is_not_flagged(text):
    assert find_abuse(text) == []


def test_shouting_is_a_run_of_capitalised_words():
    text = "Please note: I THINK THIS PROPOSAL IS COMPLETELY OUTRAGEOUS and should go."
    assert kinds_and_texts(text) == [("all_caps", "I THINK THIS PROPOSAL IS COMPLETELY OUTRAGEOUS")]
    assert find_abuse("STOP THE CAMERAS NOW") == []  # short: fewer than 20 letters
    wide = "ＴＨＩＳ ＩＳ ＣＯＭＰＬＥＴＥＬＹ ＵＮＡＣＣＥＰＴＡＢＬＥ ＡＮＤ ＷＲＯＮＧ"
    assert [span.kind for span in find_abuse(wide)] == ["all_caps"]


def test_link_spam_is_many_links_or_mostly_links():
    many = "see https://a.example/1 and https://b.example/2 and www.c.example/3 now"
    assert kinds_and_texts(many) == [
        ("link_spam", "https://a.example/1"),
        ("link_spam", "https://b.example/2"),
        ("link_spam", "www.c.example/3"),
    ]
    assert kinds_and_texts("https://spam.example/buy-now") == [
        ("link_spam", "https://spam.example/buy-now")
    ]
    one = "The audit at https://example.org/report shows the cameras misidentify people often."
    assert find_abuse(one) == []


def test_spans_point_into_the_original_text():
    text = "前置き\u200b\u200bです。ｷﾁｶﾞｲ！ and then a fucking mess"
    for span in find_abuse(text):
        assert 0 <= span.start < span.end <= len(text)
    assert kinds_and_texts(text) == [("abuse", "ｷﾁｶﾞｲ"), ("abuse", "fucking")]


def test_the_lists_are_loaded_normalised():
    english, japanese = abuse_words()
    assert "fuck" in english and "go to hell" in english
    assert "きちがい" in japanese  # listed as キチガイ, folded to hiragana
    assert all(entry == entry.strip() and not entry.startswith("#") for entry in english)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_spans_are_in_range(text):
    for span in find_abuse(text):
        assert 0 <= span.start < span.end <= len(text)
        assert span.kind in {"abuse", "all_caps", "link_spam"}
