"""How far the engine's themes agree with officials': on the responses they corrected, and on
the responses they checked in a section's random sample (an estimate for the whole section,
with a bootstrap interval), which a report states too."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from consult.consultations.models import Consultation
from consult.responses.models import Response

from .models import ThemeEdit

__all__ = [
    "SAMPLE_INTERVAL_MIN",
    "Agreement",
    "SampleAgreement",
    "ThemeShare",
    "agreement_of",
    "check_agreement",
    "checked_samples",
    "latest_checks",
    "sample_shares",
    "wilson_interval",
]

_BOOTSTRAP_DRAWS = 1000
SAMPLE_INTERVAL_MIN = 10  # checked responses before an interval means anything


@dataclass(frozen=True)
class Agreement:
    """How far the engine's themes matched officials', on the responses they corrected or
    checked (micro-averaged over (response, theme) pairs)."""

    units: int
    precision: float
    recall: float
    f1: float
    exact: float  # share of the responses whose theme sets match exactly


def agreement_of(counts: Sequence[int], units: int) -> Agreement:
    """Agreement from (true positives, false positives, false negatives, exact matches)."""
    tp, fp, fn, exact = (int(c) for c in counts)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Agreement(
        units=units,
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        exact=round(exact / units, 3),
    )


@dataclass(frozen=True)
class SampleAgreement:
    """Agreement of the engine with officials on the checked responses of a random sample:
    as the sample is drawn blind to the themes, an estimate of how well the engine did on the
    whole section, with a 95 % interval for F1 (bootstrap over the responses checked)."""

    checked: int
    drawn: int
    agreement: Agreement
    f1_low: float | None  # None below `SAMPLE_INTERVAL_MIN` checked
    f1_high: float | None


def check_agreement(
    checks: Iterable[Mapping[str, Any]], live: Mapping[int, int | None], *, drawn: int
) -> SampleAgreement | None:
    """The agreement of checks (the log's payloads: the engine's themes when checked against
    officials'), themes followed to the live ones through ``live`` (merged → target, deleted →
    None); None without any check."""

    def themes(ids: Iterable[int]) -> set[int]:
        return {t for t in (live.get(i) for i in ids) if t is not None}

    pairs = [(themes(c.get("engine", [])), themes(c.get("after", []))) for c in checks]
    if not pairs:
        return None
    counts = np.array(
        [(len(e & o), len(e - o), len(o - e), e == o) for e, o in pairs], dtype=np.int64
    )
    low = high = None
    if len(pairs) >= SAMPLE_INTERVAL_MIN:
        draws = np.random.default_rng(0).integers(
            0, len(pairs), size=(_BOOTSTRAP_DRAWS, len(pairs))
        )
        sums = counts[draws].sum(axis=1)  # draws x (tp, fp, fn, exact)
        f1s = 2 * sums[:, 0] / np.maximum(2 * sums[:, 0] + sums[:, 1] + sums[:, 2], 1)
        low, high = (round(float(q), 3) for q in np.quantile(f1s, [0.025, 0.975]))
    return SampleAgreement(
        checked=len(pairs),
        drawn=drawn,
        agreement=agreement_of(counts.sum(axis=0), len(pairs)),
        f1_low=low,
        f1_high=high,
    )


@dataclass(frozen=True)
class ThemeShare:
    """How often officials gave a theme to the responses they checked in a random sample: an
    estimate of the theme's share of the whole section, with a 95 % (Wilson) interval."""

    theme_id: int
    checked: int  # responses checked
    count: int  # of them, those officials gave the theme
    share: float
    low: float
    high: float


def wilson_interval(count: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``count / n`` (sound for small samples and
    for shares near 0 or 1, unlike the normal approximation)."""
    if n <= 0:
        return 0.0, 1.0
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_shares(
    checks: Iterable[Mapping[str, Any]], live: Mapping[int, int | None], theme_ids: Iterable[int]
) -> dict[int, ThemeShare]:
    """Each of ``theme_ids``' share among the checked responses (officials' themes, followed
    to the live ones), with its interval; empty without any check."""
    chosen = [
        {t for t in (live.get(i) for i in check.get("after", [])) if t is not None}
        for check in checks
    ]
    if not chosen:
        return {}
    shares = {}
    for theme_id in theme_ids:
        count = sum(theme_id in themes for themes in chosen)
        low, high = wilson_interval(count, len(chosen))
        shares[theme_id] = ThemeShare(
            theme_id=theme_id,
            checked=len(chosen),
            count=count,
            share=round(count / len(chosen), 3),
            low=round(low, 3),
            high=round(high, 3),
        )
    return shares


def latest_checks(consultation: Consultation) -> dict[tuple[str, str], Mapping[str, Any]]:
    """(section, response reference) → the latest check officials recorded of it (its log
    payload), for every response checked in a section's random sample."""
    latest: dict[tuple[str, str], Mapping[str, Any]] = {}
    for payload in (
        ThemeEdit.objects.filter(consultation=consultation, action=ThemeEdit.Action.CHECK)
        .order_by("created_at", "id")
        .values_list("payload", flat=True)
    ):
        section, reference = payload.get("section"), payload.get("response")
        if isinstance(section, str) and isinstance(reference, str):
            latest[(section, reference)] = payload
    return latest


def checked_samples(
    consultation: Consultation, live: Mapping[int, int | None]
) -> dict[str, SampleAgreement]:
    """Per section, the agreement on every response officials checked in its random sample
    (the latest check of each; responses withdrawn since are left out), in section order;
    sections without a check are absent."""
    latest = latest_checks(consultation)
    submitted = set(
        Response.objects.filter(
            consultation=consultation,
            status=Response.Status.SUBMITTED,
            reference__in={reference for _section, reference in latest},
        ).values_list("reference", flat=True)
    )
    by_section: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for (section, reference), payload in latest.items():
        if reference in submitted:
            by_section[section].append(payload)
    found: dict[str, SampleAgreement] = {}
    for section in sorted(by_section):
        agreement = check_agreement(by_section[section], live, drawn=len(by_section[section]))
        if agreement is not None:
            found[section] = agreement
    return found
