"""Benchmark: undeclared-campaign detection (consult.analysis.campaigns) and automation signals.

Input, generated and deterministic: organic comments from ``consult.demo.corpus`` (no form
letters), spread over 30 days from many networks; planted *undeclared* campaigns, each a form
letter of the demo topics (Japanese or English) copied with small variants — typos, an added
sentence, two sentences swapped, a dropped closing line — and planted *declared* campaigns whose
supporters carry the campaign id and edited their template in the same ways (one in ten did not
link the campaign). One undeclared campaign is a bot burst: submitted every few seconds from one
network with disposable addresses and numbered names; the others arrive like organic comments.
Planted campaigns are at least twice the size detection requires (``MIN_SIZE`` and ``MIN_SHARE``
of all comments: the demo generator's organic comments, drawn from finite phrase banks, form
chance near-duplicate clusters of up to ~35 at 100,000 comments, which the share-based floor
keeps out).

Measured (wall_s covers near-duplicate grouping and detection): precision and recall of
undeclared-campaign membership — a comment is correctly found when it is in a detected cluster
whose majority is its planted campaign; precision over all comments in detected undeclared
clusters, recall over all planted undeclared comments — the bot campaign's fired signals and
how many other detected clusters fired any signal (should be none).
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from tests.bench.harness import emit, measure

SIZES = (100_000,)
QUICK_SIZES = (5_000,)
DAYS = 30
START = 1_790_000_000.0
MIN_SIZE = 10
MIN_SHARE = 0.0005

_EN_EXTRA = (
    "My family agrees with me on this.",
    "I have lived in this city for twenty years.",
    "Please take this seriously.",
    "Thank you for reading my comment.",
    "I am writing as a parent of two children.",
)
_JA_EXTRA = (
    "家族も同じ意見です。",
    "この町に二十年住んでいます。",
    "どうか真剣に検討してください。",
    "読んでいただきありがとうございます。",
    "二人の子を持つ親として書いています。",
)
_SURNAMES = ("Sato", "Suzuki", "Takahashi", "Tanaka", "Ito", "Smith", "Jones", "Brown", "Lee")
_GIVEN = ("Hanako", "Taro", "Yuki", "Kenji", "Aiko", "John", "Mary", "Emma", "David", "Mei")
_DOMAINS = ("gmail.com", "yahoo.co.jp", "outlook.com", "docomo.ne.jp", "icloud.com")

Corpus = dict[str, Any]


def _sentences(text: str, language: str) -> list[str]:
    if language == "ja":
        parts = [p + "。" for p in text.replace("\n", "").split("。") if p.strip()]
    else:
        parts = [p.strip() + "." for p in text.replace("\n", " ").split(". ") if p.strip()]
        parts = [p[:-1] if p.endswith("..") else p for p in parts]
    return parts or [text]


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 2)
    kind = rng.randrange(3)
    if kind == 0:  # swap two characters
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    if kind == 1:  # drop one
        return text[:i] + text[i + 1 :]
    return text[:i] + text[i] + text[i:]  # double one


def variant(template: str, language: str, rng: random.Random) -> str:
    """A supporter's copy of ``template``: unchanged, or with one or two small edits."""
    if rng.random() < 0.3:
        return template
    parts = _sentences(template, language)
    for edit in rng.sample(range(4), rng.choice((1, 1, 2))):
        if edit == 0 and len(parts) > 2:  # swap two adjacent clauses
            j = rng.randrange(len(parts) - 1)
            parts[j], parts[j + 1] = parts[j + 1], parts[j]
        elif edit == 1:  # an added sentence
            extra = rng.choice(_JA_EXTRA if language == "ja" else _EN_EXTRA)
            parts.insert(rng.randrange(len(parts) + 1), extra)
        elif edit == 2 and len(parts) > 3:  # the closing line dropped
            parts.pop()
        else:  # typos
            j = rng.randrange(len(parts))
            for _ in range(rng.randint(1, 3)):
                parts[j] = _typo(parts[j], rng)
    return ("" if language == "ja" else " ").join(parts)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_GIVEN)}"


def load_corpus(n: int, *, seed: int = 11) -> Corpus:
    """``n`` comments: 80% organic, 12% undeclared campaigns (one a bot burst), 8% declared
    supporters; with per-comment submission data and ground truth."""
    from consult.analysis.campaigns import MemberInfo
    from consult.demo.corpus import TOPICS, form_letter_templates, generate_comments

    rng = random.Random(seed)
    n_undeclared, n_declared = int(n * 0.12), int(n * 0.08)
    n_organic = n - n_undeclared - n_declared
    texts: list[str] = []
    truth: list[int] = []  # planted undeclared campaign id, -1 otherwise
    declared: list[str | None] = []
    members: list[MemberInfo] = []

    def organic_member() -> MemberInfo:
        return MemberInfo(
            submitted_at=START + rng.uniform(0, DAYS * 86400),
            network=f"net-{rng.randrange(200_000)}",
            email_domain=rng.choice(_DOMAINS),
            name=_name(rng),
        )

    shares = [n_organic // len(TOPICS) + (i < n_organic % len(TOPICS)) for i in range(3)]
    for offset, (topic, share) in enumerate(zip(TOPICS, shares, strict=True)):
        for comment in generate_comments(
            topic=topic, n=share, seed=seed + offset, form_letter_share=0.0
        ):
            texts.append(comment.text)
            truth.append(-1)
            declared.append(None)
            members.append(organic_member())

    letters = [
        (topic, language, text)
        for topic in TOPICS
        for language in ("ja", "en")
        for text in form_letter_templates(topic, language)
    ]
    rng.shuffle(letters)
    n_campaigns = max(3, min(60, n_undeclared // 200))
    weights = [1.0 / (rank + 1) for rank in range(n_campaigns)]
    # Planted campaigns are at least twice the size detection needs (see detect_campaigns).
    floor = 2 * max(MIN_SIZE, math.ceil(MIN_SHARE * n))
    sizes = [max(floor, int(n_undeclared * w / sum(weights))) for w in weights]
    bot = n_campaigns // 2
    for campaign, size in enumerate(sizes):
        _topic, language, letter = letters[campaign]
        burst_start = START + rng.uniform(0, (DAYS - 1) * 86400)
        for k in range(size):
            texts.append(variant(letter, language, rng))
            truth.append(campaign)
            declared.append(None)
            if campaign == bot:
                members.append(
                    MemberInfo(
                        submitted_at=burst_start + 2.0 * k,
                        network="net-bot",
                        email_domain=rng.choice(("mailinator.com", "yopmail.com")),
                        name=f"user{k + 1}",
                    )
                )
            else:
                members.append(organic_member())
    n_declared_campaigns = max(2, min(20, n_declared // 400))
    for k in range(n_declared):
        campaign = n_campaigns + k % n_declared_campaigns
        _topic, language, letter = letters[campaign]
        texts.append(variant(letter, language, rng))
        truth.append(-1)
        declared.append(None if rng.random() < 0.1 else f"declared-{campaign}")
        members.append(organic_member())
    order = list(range(len(texts)))
    rng.shuffle(order)
    return {
        "texts": [texts[i] for i in order],
        "truth": np.array([truth[i] for i in order], dtype=np.int64),
        "declared": [declared[i] for i in order],
        "members": [members[i] for i in order],
        "planted": n_campaigns,
        "bot": bot,
    }


def scores(undeclared: Sequence[Any], truth: np.ndarray) -> tuple[float, float, float, int]:
    """Membership precision and recall of the detected clusters against the planted campaigns,
    strict recall (only each planted campaign's largest cluster counts: a campaign split in two
    is shown twice), and how many planted campaigns were found (as the majority of a cluster)."""
    correct = predicted = 0
    largest: dict[int, int] = {}
    for cluster in undeclared:
        planted = truth[cluster.members]
        majority, count = Counter(planted.tolist()).most_common(1)[0]
        predicted += len(planted)
        if majority >= 0:
            correct += count
            largest[majority] = max(largest.get(majority, 0), count)
    total = int(np.count_nonzero(truth >= 0))
    precision = correct / predicted if predicted else 1.0
    recall = correct / total if total else 1.0
    strict = sum(largest.values()) / total if total else 1.0
    return precision, recall, strict, len(largest)


def campaigns_case(
    *, n: int, language: str
) -> tuple[Callable[[], Corpus], Callable[[Corpus], dict[str, Any]]]:
    """Setup and run steps of one measurement."""
    from consult.analysis.campaigns import detect_campaigns
    from consult.analysis.dedup import find_duplicates

    def run(corpus: Corpus) -> dict[str, Any]:
        started = time.perf_counter()
        result = find_duplicates(corpus["texts"])
        dedup_s = time.perf_counter() - started
        detection = detect_campaigns(
            cluster_of=result.cluster_of,
            canonical_indices=result.canonical_indices,
            texts=corpus["texts"],
            declared=corpus["declared"],
            members=corpus["members"],
            min_size=MIN_SIZE,
            min_share=MIN_SHARE,
        )
        wall_s = time.perf_counter() - started
        precision, recall, strict, found = scores(detection.undeclared, corpus["truth"])
        truth = corpus["truth"]
        bot_fired: list[str] = []
        other_alarms = 0
        for cluster in detection.undeclared:
            majority = Counter(truth[cluster.members].tolist()).most_common(1)[0][0]
            fired = [s.code for s in cluster.fired]
            if majority == corpus["bot"]:
                bot_fired = sorted(set(bot_fired) | set(fired))
            elif fired:
                other_alarms += 1
        return {
            "wall_s": round(wall_s, 3),
            "dedup_s": round(dedup_s, 3),
            "detect_s": round(wall_s - dedup_s, 3),
            "clusters_planted": corpus["planted"],
            "clusters_detected": len(detection.undeclared),
            "clusters_found": found,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "recall_strict": round(strict, 4),
            "min_size": detection.min_size,
            "declared_campaigns": len(detection.declared),
            "bot_signals_fired": bot_fired,
            "other_clusters_with_signals": other_alarms,
        }

    return (lambda: load_corpus(n)), run


def main(sizes: Sequence[int]) -> None:
    """One measurement per size; warns when precision or recall is under the 0.95 target."""
    for n in sizes:
        record = measure(
            "tests.bench.bench_campaigns:campaigns_case", bench="campaigns", n=n, language="mixed"
        )
        if "error" in record:
            continue
        if min(record["precision"], record["recall"]) < 0.95:
            emit({"bench": "campaigns", "n": n, "warning": "precision or recall below 0.95"})
