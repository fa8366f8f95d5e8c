"""Declared and undeclared campaigns in near-duplicate clusters, and automation signals."""

from __future__ import annotations

import numpy as np
import pytest

from consult.analysis.campaigns import (
    MemberInfo,
    automation_signals,
    cluster_key,
    detect_campaigns,
    is_disposable,
    name_flags,
)
from consult.analysis.dedup import find_duplicates
from consult.analysis.pipeline import analyse
from consult.analysis.types import AnalysisParams, CommentIn

LETTER = (
    "I oppose the facial recognition rollout in train stations because it records every "
    "passenger without consent and nobody has shown it prevents crime."
)
DECLARED = (
    "We support the copyright exception for machine learning, provided that authors can opt "
    "out and that the training data is documented for the public."
)


def _organic(n: int) -> list[str]:
    topics = ["parks", "buses", "libraries", "schools", "hospitals", "bridges", "taxes"]
    return [
        f"Comment {i}: the {topics[i % 7]} budget of ward {i * 7919 % 1000} needs "
        f"{'more' if i % 2 else 'less'} money, my number is {i * 104729 % 99991}."
        for i in range(n)
    ]


def _corpus() -> tuple[list[str], list[str | None]]:
    texts = _organic(60)
    declared: list[str | None] = [None] * len(texts)
    for i in range(25):  # an undeclared campaign with small variants
        texts.append(LETTER + ("" if i % 3 else " Please reconsider."))
        declared.append(None)
    for i in range(20):  # supporters of a declared campaign, a few copies without the link
        texts.append(DECLARED + (" Thank you." if i % 4 == 0 else ""))
        declared.append("camp-1" if i < 17 else None)
    for _ in range(4):  # a small group below the minimum size
        texts.append("Same short note about parking fees near the station entrance.")
        declared.append(None)
    return texts, declared


def _detect(texts: list[str], declared: list[str | None], **kwargs: object):  # type: ignore[no-untyped-def]
    result = find_duplicates(texts)
    return detect_campaigns(
        cluster_of=result.cluster_of,
        canonical_indices=result.canonical_indices,
        texts=texts,
        declared=declared,
        **kwargs,  # type: ignore[arg-type]
    )


def test_undeclared_campaign_found_with_its_members() -> None:
    texts, declared = _corpus()
    detection = _detect(texts, declared, min_size=10)
    assert len(detection.undeclared) == 1
    found = detection.undeclared[0]
    assert list(found.members) == list(range(60, 85))
    assert found.canonical_text == LETTER  # the most common form
    assert found.key == cluster_key(LETTER)
    assert found.first_at is None and found.last_at is None


def test_cluster_mostly_of_declared_supporters_is_that_campaign() -> None:
    texts, declared = _corpus()
    detection = _detect(texts, declared, min_size=2)
    assert [c.campaign_id for c in detection.declared] == ["camp-1"]
    campaign = detection.declared[0]
    assert list(campaign.supporters) == list(range(85, 102))
    assert list(campaign.copies) == [102, 103, 104]
    keys = {c.canonical_text for c in detection.undeclared}
    assert DECLARED not in keys and DECLARED + " Thank you." not in keys
    # With min_size 2 the group of four is undeclared too.
    assert sorted(c.size for c in detection.undeclared) == [4, 25]


def test_declared_minority_leaves_the_rest_undeclared() -> None:
    texts, declared = _corpus()
    declared = list(declared)
    for i in range(60, 65):  # 5 of 25 copies claim a campaign: a minority
        declared[i] = "camp-2"
    detection = _detect(texts, declared, min_size=10)
    found = detection.undeclared[0]
    assert list(found.members) == list(range(65, 85))
    camp2 = next(c for c in detection.declared if c.campaign_id == "camp-2")
    assert list(camp2.supporters) == list(range(60, 65)) and camp2.copies.size == 0


def test_a_copy_edited_to_the_other_side_is_not_counted_in_the_campaign() -> None:
    flipped = LETTER.replace("I oppose", "I support")
    texts = [*_organic(60), *[LETTER] * 30, flipped, LETTER + " Please reconsider."]
    result = analyse([CommentIn(t) for t in texts], params=AnalysisParams(max_discovered=5))
    # Each group's canonical comment, as the reports app gives it: a singleton is its own.
    canonical = np.zeros(int(result.group_of.max()) + 1, dtype=np.int64)
    canonical[result.group_of] = np.arange(len(texts))
    for group in result.groups:
        canonical[group.group_id] = group.canonical_index
    detection = detect_campaigns(
        cluster_of=result.group_of,
        canonical_indices=canonical,
        texts=texts,
        declared=[None] * len(texts),
        min_size=10,
    )
    assert len(detection.undeclared) == 1
    campaign = detection.undeclared[0]
    assert campaign.canonical_text == LETTER
    assert list(campaign.members) == [*range(60, 90), 91]
    # The campaign's stance is its letter's, and the flipped copy speaks for itself.
    assert {result.stance_of(int(i)) for i in campaign.members} == {"oppose"}
    assert result.stance_of(90) == "support"


def test_cluster_key_ignores_case_width_and_spacing() -> None:
    assert cluster_key("Hello   World") == cluster_key("hello world")
    assert cluster_key("ＡＢＣ") == cluster_key("abc")
    assert cluster_key("hello") != cluster_key("hello!")


def test_bad_inputs_raise() -> None:
    with pytest.raises(ValueError, match="one entry per comment"):
        detect_campaigns(cluster_of=[0, 0], canonical_indices=[0], texts=["a"], declared=[None])
    with pytest.raises(ValueError, match="min_size"):
        detect_campaigns(
            cluster_of=[0], canonical_indices=[0], texts=["a"], declared=[None], min_size=1
        )
    with pytest.raises(ValueError, match="canonical"):
        detect_campaigns(cluster_of=[3], canonical_indices=[0], texts=["a"], declared=[None])


def test_empty_input() -> None:
    detection = detect_campaigns(cluster_of=[], canonical_indices=[], texts=[], declared=[])
    assert detection.declared == () and detection.undeclared == ()


def _bot_burst(n: int = 40) -> list[MemberInfo]:
    start = 1_700_000_000.0
    return [
        MemberInfo(
            submitted_at=start + 3.0 * i,
            network="net-a" if i % 10 else "net-b",
            email_domain="mailinator.com" if i % 2 else "yopmail.com",
            name=f"taro{i + 1}",
        )
        for i in range(n)
    ]


def _organic_members(n: int = 40) -> list[MemberInfo]:
    rng = np.random.default_rng(3)
    times = np.sort(rng.uniform(0, 30 * 86400, n)) + 1_700_000_000.0
    names = ["Sato Hanako", "John Smith", "Tanaka Ichiro", "Mary Jones", "Suzuki Kenji"]
    return [
        MemberInfo(
            submitted_at=float(t),
            network=f"net-{rng.integers(0, 10_000)}",
            email_domain=["gmail.com", "yahoo.co.jp", "example.ac.jp", "outlook.com"][i % 4],
            name=f"{names[i % 5]} {chr(65 + i % 26)}",
        )
        for i, t in enumerate(times)
    ]


def test_bot_burst_fires_every_signal() -> None:
    base_rate = 2000 / (30 * 86400)  # the consultation: 2,000 responses over 30 days
    signals = {s.code: s for s in automation_signals(_bot_burst(), base_rate=base_rate)}
    assert set(signals) == {"burst", "one_network", "identical_timing", "disposable_email", "names"}
    for code, signal in signals.items():
        assert signal.fired, code
        assert 0.0 < signal.score <= 1.0
        assert signal.evidence
    assert signals["burst"].evidence.startswith("40 of 40 submissions within 10 minutes")
    assert "36 of 40" in signals["one_network"].evidence
    assert "every 3.0 seconds" in signals["identical_timing"].evidence
    assert "mailinator.com" in signals["disposable_email"].evidence
    assert "40 numbered in sequence" in signals["names"].evidence


def test_organic_members_fire_no_signal() -> None:
    base_rate = 2000 / (30 * 86400)
    signals = automation_signals(_organic_members(), base_rate=base_rate)
    assert [s.code for s in signals if s.fired] == []


def test_signals_without_data_do_not_fire() -> None:
    signals = automation_signals([MemberInfo()] * 20, base_rate=0.0)
    assert all(not s.fired and s.score == 0.0 for s in signals)


def test_same_second_submissions_fire_identical_timing() -> None:
    members = [MemberInfo(submitted_at=1000.0 + (i // 4) * 97.3 + i * 0.01) for i in range(20)]
    signals = {s.code: s for s in automation_signals(members, base_rate=0.001)}
    assert signals["identical_timing"].fired


def test_detection_attaches_signals_and_times() -> None:
    texts, declared = _corpus()
    members = [MemberInfo(submitted_at=float(i * 3600)) for i in range(len(texts))]
    bots = _bot_burst(25)
    for offset, info in enumerate(bots):
        members[60 + offset] = info
    detection = _detect(texts, declared, members=members)
    found = detection.undeclared[0]
    assert found.first_at == bots[0].submitted_at and found.last_at == bots[-1].submitted_at
    assert {s.code for s in found.fired} >= {"burst", "one_network", "disposable_email"}


def test_name_flags() -> None:
    sequential, mash, repeated = name_flags(
        ["user 7", "user 8", "user 9", "user 20", "qwerty", "bcdfgh", "Lynn Smith", "佐藤花子"]
        + ["Ann"] * 3
    )
    assert sequential == [True, True, True, False, False, False, False, False, False, False, False]
    assert mash[4] and mash[5] and not mash[6] and not mash[7]
    assert repeated[-3:] == [True, True, True] and not any(repeated[:8])


def test_disposable_domains() -> None:
    assert is_disposable("mailinator.com")
    assert is_disposable("X.Mailinator.COM")
    assert not is_disposable("gmail.com")
    assert not is_disposable("com")
