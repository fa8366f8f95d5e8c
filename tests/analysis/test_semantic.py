"""Semantic matching: the shipped embedder loads offline, embeds any text, and lets codebook
themes reach comments that say the same thing in other words."""

import socket
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.analysis import semantic
from consult.analysis.pipeline import analyse
from consult.analysis.semantic import codebook_similarity, default_embedder
from consult.analysis.types import AnalysisParams, CodebookTheme, CommentIn

CODEBOOK = [
    CodebookTheme(
        "ads", "Ban gambling advertisements", "Advertising for betting should be prohibited"
    ),
    CodebookTheme(
        "treatment",
        "Addiction treatment",
        "More funding for services that help people with gambling addiction",
    ),
    CodebookTheme("sport", "Sports sponsorship", "Football clubs depend on sponsorship money"),
]
# Each says what one theme says, in words the theme does not use.
PARAPHRASES = {
    "Bookmaker commercials on television must be outlawed": "ads",
    "Clinics for compulsive gamblers need more money": "treatment",
    "Stadium shirt deals with bookies keep teams afloat": "sport",
}
PLAIN = [
    "Advertising for betting should be prohibited on TV",
    "Help people with addiction, fund services",
    "Sponsorship money matters for football clubs",
    "I have no opinion",
]


@pytest.fixture(scope="module")
def embedder() -> semantic.Embedder:
    found = default_embedder()
    assert found is not None, "the embedder's package is a dependency: it must be installed"
    return found


def best_theme(result: Any, i: int) -> str:
    """The codebook theme given to comment ``i`` with the highest confidence."""
    keys = {t.key for t in CODEBOOK}
    given = [(key, confidence) for key, confidence in result.themes_of(i) if key in keys]
    return max(given, key=lambda kv: kv[1])[0] if given else ""


def test_the_embedder_loads_from_the_installed_package_without_the_network(monkeypatch):
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the embedder tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    default_embedder.cache_clear()
    try:
        loaded = default_embedder()
        assert loaded is not None
        assert loaded.embed(["a ban on betting adverts"]).shape == (1, 256)
    finally:
        default_embedder.cache_clear()


def test_vectors_are_unit_length_deterministic_and_zero_for_an_empty_text(embedder):
    texts = ["Ban gambling adverts", "顔認証カメラの導入に反対です", "", "x" * 1_000_000]
    first, again = embedder.embed(texts), embedder.embed(texts)
    assert first.dtype == np.float32 and first.shape == (4, 256)
    np.testing.assert_array_equal(first, again)
    norms = np.linalg.norm(first, axis=1)
    np.testing.assert_allclose(norms[[0, 1, 3]], 1.0, rtol=1e-5)
    assert norms[2] == 0.0


def test_a_text_is_embedded_alike_alone_and_in_a_batch(embedder):
    texts = [f"comment number {i} about betting shops" for i in range(3000)]
    batch = embedder.embed(texts)
    np.testing.assert_allclose(embedder.embed([texts[2500]])[0], batch[2500], atol=1e-6)


@pytest.mark.parametrize(
    ("a", "b", "unrelated"),
    [
        (
            "Ban all gambling advertising now",
            "Gambling ads should be prohibited entirely",
            "I like the weather in spring",
        ),
        ("顔認証カメラの導入に反対です", "顔認識カメラは禁止すべきだ", "今日は天気が良い"),
    ],
)
def test_texts_that_mean_the_same_are_closer_than_unrelated_ones(embedder, a, b, unrelated):
    va, vb, vu = embedder.embed([a, b, unrelated])
    assert va @ vb > va @ vu + 0.1


def test_lone_surrogates_embed_as_the_replacement_character(embedder):
    vectors = embedder.embed(["a\ud800b", "プライバシー\udfff", "a\ufffdb"])
    assert np.isfinite(vectors).all()
    np.testing.assert_array_equal(vectors[0], vectors[2])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(st.characters(codec=None, exclude_categories=()), max_size=300), max_size=6)
)
def test_any_text_embeds_to_finite_vectors(texts):
    found = default_embedder()
    assert found is not None
    vectors = found.embed(texts)
    assert vectors.shape == (len(texts), 256)
    assert np.isfinite(vectors).all()


def test_feedback_moves_each_theme_towards_its_closest_comments(embedder):
    texts = list(PARAPHRASES) + PLAIN
    themes = [f"{t.label} {t.description}" for t in CODEBOOK]
    plain = codebook_similarity(embedder, texts, themes, feedback_docs=0)
    fed = codebook_similarity(embedder, texts, themes, feedback_docs=2)
    assert plain.shape == fed.shape == (len(texts), len(CODEBOOK))
    vectors = embedder.embed(texts)
    # Doc vectors are kept in float16: equal to three decimals.
    np.testing.assert_allclose(plain, vectors @ embedder.embed(themes).T, atol=1e-3)
    assert not np.allclose(plain, fed)
    # Each paraphrase is still closest to its own theme after feedback.
    keys = [t.key for t in CODEBOOK]
    assert [keys[int(j)] for j in fed[: len(PARAPHRASES)].argmax(axis=1)] == list(
        PARAPHRASES.values()
    )
    assert codebook_similarity(embedder, [], themes, feedback_docs=3).shape == (0, 3)


def test_codebook_themes_reach_comments_in_other_words_only_with_meaning():
    comments = [CommentIn(t) for t in [*PARAPHRASES, *PLAIN]]
    semantic_run = analyse(comments, codebook=CODEBOOK)
    lexical_run = analyse(comments, codebook=CODEBOOK, params=AnalysisParams(semantic_weight=0))
    expected = list(PARAPHRASES.values())
    assert [best_theme(semantic_run, i) for i in range(3)] == expected
    # Shared words alone miss at least one of them (why the embedder is there).
    assert [best_theme(lexical_run, i) for i in range(3)] != expected
    assert semantic_run.stats["codebook_semantic_weight"] == 0.5
    assert "codebook_semantic_weight" not in lexical_run.stats


def test_without_the_embedder_the_analysis_is_lexical(monkeypatch):
    comments = [CommentIn(t) for t in [*PARAPHRASES, *PLAIN]]
    lexical = analyse(comments, codebook=CODEBOOK, params=AnalysisParams(semantic_weight=0))
    monkeypatch.setattr("consult.analysis.pipeline.default_embedder", lambda: None)
    missing = analyse(comments, codebook=CODEBOOK)
    np.testing.assert_array_equal(missing.theme_index, lexical.theme_index)
    np.testing.assert_array_equal(missing.theme_confidence, lexical.theme_confidence)
