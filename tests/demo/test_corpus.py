"""The demo comment generator: determinism, distributions, ground truth and argument checks."""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from consult.demo.corpus import (
    TOPICS,
    GeneratedComment,
    form_letter_templates,
    generate_comments,
    theme_catalogue,
)
from consult.demo.corpus.compiled import BANKS, compiled, lower_first
from consult.demo.corpus.noise import change_width, pii_sentence, swap_words, typo

DOCUMENTS = Path(__file__).resolve().parents[2] / "consult" / "demo" / "consultations"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
EMAIL = re.compile(r"[\w.]+@[\w.]+")
PHONE = re.compile(r"\d{2,4}[- ]\d{3,4}[- ]\d{4}")
STANCES = {"support", "oppose", "mixed", "unclear"}


def _comments(
    topic: str = "facial-recognition",
    n: int = 2000,
    *,
    seed: int = 7,
    form_letter_share: float = 0.6,
    ja_share: float = 0.5,
    n_templates: int = 30,
    section: str | None = None,
) -> list[GeneratedComment]:
    return list(
        generate_comments(
            topic=topic,
            n=n,
            seed=seed,
            form_letter_share=form_letter_share,
            ja_share=ja_share,
            n_templates=n_templates,
            section=section,
        )
    )


def _trigrams(text: str) -> set[str]:
    return {text[i : i + 3] for i in range(len(text) - 2)}


def _assert_valid(comment: GeneratedComment, topic: str, n_templates: int = 30) -> None:
    catalogue = theme_catalogue(topic)
    assert comment.text.strip()
    assert comment.language in {"ja", "en"}
    assert comment.stance in STANCES
    assert comment.likert is None or 1 <= comment.likert <= 5
    assert 1 <= len(comment.themes) <= 4
    assert len(set(comment.themes)) == len(comment.themes)
    assert set(comment.themes) <= set(catalogue)
    assert comment.section is None or comment.section in BANKS[topic].sections
    assert comment.template_id is None or 0 <= comment.template_id < n_templates
    if comment.language == "ja":
        assert JAPANESE.search(comment.text), comment.text


@pytest.mark.parametrize("topic", TOPICS)
def test_every_topic_yields_valid_comments(topic: str) -> None:
    comments = _comments(topic, 1500)
    assert len(comments) == 1500
    for comment in comments:
        _assert_valid(comment, topic)
    assert {c.language for c in comments} == {"ja", "en"}
    assert {c.stance for c in comments} == STANCES
    themes_seen = {key for c in comments for key in c.themes}
    assert themes_seen == set(theme_catalogue(topic))


@pytest.mark.parametrize("topic", TOPICS)
def test_zero_comments(topic: str) -> None:
    assert list(generate_comments(topic=topic, n=0, seed=1)) == []


def test_same_arguments_give_identical_output() -> None:
    first = _comments(n=500, seed=42, ja_share=0.3, section="4")
    second = _comments(n=500, seed=42, ja_share=0.3, section="4")
    assert first == second
    assert _comments(n=500, seed=43) != _comments(n=500, seed=42)


def test_a_shorter_run_is_a_prefix_of_a_longer_one() -> None:
    assert _comments(n=100, seed=9) == _comments(n=400, seed=9)[:100]


@pytest.mark.parametrize("share", [0.0, 0.25, 0.6, 1.0])
def test_form_letter_share_is_respected(share: float) -> None:
    comments = _comments(n=4000, form_letter_share=share)
    copies = sum(c.template_id is not None for c in comments) / len(comments)
    assert copies == pytest.approx(share, abs=0.03)


@pytest.mark.parametrize("share", [0.0, 0.5, 0.8, 1.0])
def test_language_share_is_respected(share: float) -> None:
    comments = _comments(n=4000, ja_share=share)
    japanese = sum(c.language == "ja" for c in comments) / len(comments)
    assert japanese == pytest.approx(share, abs=0.03)
    for comment in comments:
        if comment.language == "en" and not comment.has_pii:
            assert not JAPANESE.search(comment.text), comment.text


def test_likert_follows_stance() -> None:
    comments = _comments(n=6000)
    means = {
        stance: statistics.mean(c.likert for c in comments if c.stance == stance and c.likert)
        for stance in STANCES
    }
    assert means["support"] > 4.0 > means["mixed"] > 2.0 > means["oppose"]
    assert all(c.likert != 1 for c in comments if c.stance == "support")
    assert all(c.likert != 5 for c in comments if c.stance == "oppose")
    assert 0.05 < sum(c.likert is None for c in comments) / len(comments) < 0.25
    assert Counter(c.stance for c in comments).most_common(1)[0][0] == "oppose"


def test_template_popularity_is_skewed_and_copies_are_edited() -> None:
    comments = _comments(n=6000, form_letter_share=1.0)
    counts = Counter(c.template_id for c in comments)
    assert len(counts) > 15
    ranked = [count for _, count in counts.most_common()]
    assert ranked[0] > 5 * ranked[len(ranked) // 2]
    templates = {lang: form_letter_templates("facial-recognition", lang) for lang in ("ja", "en")}
    copies = [(c, c.template_id) for c in comments if c.template_id is not None]
    assert len(copies) == len(comments)
    exact = sum(c.text == templates[c.language][template_id] for c, template_id in copies)
    assert 0.3 < exact / len(comments) < 0.8
    # Each copy stays closest to its own template: the ground truth dedup should recover.
    grams = {lang: [_trigrams(text) for text in texts] for lang, texts in templates.items()}
    for comment, template_id in copies[:1500]:
        copy = _trigrams(comment.text)
        containment = [len(copy & other) / len(other) for other in grams[comment.language]]
        assert containment[template_id] > 0.6, comment.text
        assert max(containment) == containment[template_id]
    most_popular = counts.most_common(1)[0][0]
    distinct = {c.text for c in comments if c.template_id == most_popular}
    assert len(distinct) > 50


def test_copies_carry_their_campaign_ground_truth() -> None:
    comments = _comments(n=3000, form_letter_share=1.0, n_templates=5)
    assert {c.template_id for c in comments} <= set(range(5))
    by_template: dict[int, set[tuple[str, tuple[str, ...]]]] = {}
    for comment in comments:
        assert comment.template_id is not None
        by_template.setdefault(comment.template_id, set()).add((comment.stance, comment.themes))
    assert all(len(truths) == 1 for truths in by_template.values())


@pytest.mark.parametrize("topic", TOPICS)
def test_form_letter_templates(topic: str) -> None:
    ja, en = form_letter_templates(topic, "ja"), form_letter_templates(topic, "en")
    assert len(ja) == len(en) == 30
    assert len(set(ja)) == len(set(en)) == 30
    for text in ja:
        assert 3 <= len(re.findall("[。？！]", text)) <= 8
    first = generate_comments(topic=topic, n=4000, seed=1, form_letter_share=1.0, ja_share=1.0)
    stances = Counter(c.stance for c in first)
    assert stances["oppose"] > stances["support"] > 0


@pytest.mark.parametrize("topic", TOPICS)
def test_theme_catalogue(topic: str) -> None:
    catalogue = theme_catalogue(topic)
    assert 8 <= len(catalogue) <= 14
    for labels in catalogue.values():
        assert set(labels) == {"ja", "en"}
        assert JAPANESE.search(labels["ja"]) and labels["en"].strip()


@pytest.mark.parametrize("topic", TOPICS)
def test_bank_sections_match_the_consultation_document(topic: str) -> None:
    document = json.loads((DOCUMENTS / f"{topic}.json").read_text(encoding="utf-8"))
    numbers = {section["number"] for section in document["sections"]}
    assert set(BANKS[topic].sections) == numbers
    for number, themes in compiled(topic).section_themes.items():
        assert themes, f"section {number} of {topic} has no theme"


def test_a_given_section_keys_every_comment_and_its_themes() -> None:
    keyed = set(compiled("facial-recognition").section_themes["4"])
    allowed = {compiled("facial-recognition").theme_keys[i] for i in keyed}
    assert allowed == {"retention", "security"}
    comments = _comments(n=1500, section="4")
    assert {c.section for c in comments} == {"4"}
    for comment in comments:
        if comment.template_id is None:
            assert set(comment.themes) <= allowed
        else:
            assert set(comment.themes) & allowed


def test_comments_without_a_section_sometimes_pick_one() -> None:
    comments = _comments(n=3000, form_letter_share=0.0)
    keyed = [c for c in comments if c.section is not None]
    assert 0.2 < len(keyed) / len(comments) < 0.4
    assert all(c.section is None for c in _comments(n=500, form_letter_share=1.0))


def test_planted_pii_is_flagged_and_nothing_else_looks_like_pii() -> None:
    comments = _comments(n=10000)
    flagged = [c for c in comments if c.has_pii]
    assert 0.01 <= len(flagged) / len(comments) <= 0.02
    for comment in comments:
        found = bool(EMAIL.search(comment.text) or PHONE.search(comment.text))
        if not comment.has_pii:
            assert not found, comment.text
    assert sum(bool(EMAIL.search(c.text) or PHONE.search(c.text)) for c in flagged) > 0.5 * len(
        flagged
    )


def test_organic_comments_vary_in_length_and_register() -> None:
    organic = [c for c in _comments(n=4000, form_letter_share=0.0) if c.language == "ja"]
    lengths = sorted(len(c.text) for c in organic)
    assert lengths[0] < 60 and lengths[-1] > 350
    assert any("\n" in c.text for c in organic)
    endings = Counter(re.findall(r"(です|ます|だ|ない)。", "".join(c.text for c in organic)))
    assert endings["です"] and endings["ます"] and endings["だ"] and endings["ない"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"topic": "unknown"}, "unknown topic"),
        ({"n": -1}, "n must be"),
        ({"form_letter_share": 1.5}, "form_letter_share"),
        ({"ja_share": -0.1}, "ja_share"),
        ({"n_templates": 0}, "n_templates"),
        ({"n_templates": 31}, "n_templates"),
        ({"section": "99"}, "no section"),
    ],
)
def test_bad_arguments_are_refused_at_once(options: dict, message: str) -> None:
    arguments: dict = {"topic": "facial-recognition", "n": 10, "seed": 1, **options}
    with pytest.raises(ValueError, match=message):
        generate_comments(**arguments)


def test_bad_arguments_to_the_catalogues_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown topic"):
        theme_catalogue("nope")
    with pytest.raises(ValueError, match="unknown language"):
        form_letter_templates("defence-ai", "fr")


@settings(max_examples=25, deadline=None)
@given(
    topic=st.sampled_from(TOPICS),
    seed=st.integers(min_value=0, max_value=2**63),
    form_letter_share=st.floats(min_value=0.0, max_value=1.0),
    ja_share=st.floats(min_value=0.0, max_value=1.0),
    n_templates=st.integers(min_value=1, max_value=30),
)
def test_any_valid_arguments_give_valid_comments(
    topic: str, seed: int, form_letter_share: float, ja_share: float, n_templates: int
) -> None:
    comments = list(
        generate_comments(
            topic=topic,
            n=60,
            seed=seed,
            form_letter_share=form_letter_share,
            ja_share=ja_share,
            n_templates=n_templates,
        )
    )
    assert len(comments) == 60
    for comment in comments:
        _assert_valid(comment, topic, n_templates)


def test_noise_helpers() -> None:
    bits = iter(range(1, 10_000)).__next__

    def fixed(_: int) -> int:
        return bits()

    assert typo("私は正確な説明を求めます。", "ja", fixed) != "私は正確な説明を求めます。"
    assert typo("the government should explain", "en", fixed) != "the government should explain"
    assert swap_words("I strongly oppose it.", "en", fixed) != "I strongly oppose it."
    assert change_width("精度99.9%", "ja") == "精度９９．９％"
    assert change_width("精度９９．９％", "ja") == "精度99.9%"
    for language in ("ja", "en"):
        sentence = pii_sentence(language, fixed)
        assert (
            EMAIL.search(sentence)
            or PHONE.search(sentence)
            or "さん" in sentence
            or ("Mr " in sentence or "Ms " in sentence)
        )


def test_lower_first_keeps_names_and_the_pronoun() -> None:
    assert lower_first("The draft is vague.") == "the draft is vague."
    assert lower_first("I think so.") == "I think so."
    assert lower_first("AI is a tool.") == "AI is a tool."
    assert lower_first("Japan is going backwards.") == "Japan is going backwards."
    assert lower_first("“Knowingly” is vague.") == "“Knowingly” is vague."
