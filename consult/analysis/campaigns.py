"""Campaigns in the near-duplicate clusters: declared ones, undeclared ones, automation signals.

A *declared* campaign is one an organisation registered; its supporters' comments carry its id.
Every other near-duplicate cluster of at least ``min_size`` comments is an *undeclared* campaign
— unless most of its comments are one declared campaign's supporters, in which case it is that
campaign's letter (its other members are counted as the campaign's ``copies``).

Each undeclared cluster gets a stable ``key`` (a hash of its canonical text's normalised form) so
officials' decisions survive the next run, and automation signals (`Signal`): each a score in
[0, 1], whether it fired, and one evidence line an official can check:

- ``burst``: many of the cluster's submissions within a short window, compared with the
  consultation's average rate;
- ``one_network``: a large share of the members from one network (hashed /24 or /48 prefix);
- ``identical_timing``: near-constant gaps between submissions, or many in the same second;
- ``disposable_email``: email domains of throwaway-mailbox services (``data/
  disposable_domains.txt``, curated, shipped with the package);
- ``names``: sequential names (taro1, taro2, …), keyboard mash (asdfgh, qwerty), or one name
  many times.

Plain library: numbers, strings and numpy in, frozen dataclasses out; no Django.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

from consult.analysis.text import normalize

__all__ = [
    "CampaignDetection",
    "DeclaredCampaign",
    "MemberInfo",
    "Signal",
    "SignalThresholds",
    "UndeclaredCampaign",
    "automation_signals",
    "cluster_key",
    "detect_campaigns",
    "disposable_domains",
    "is_disposable",
    "name_flags",
]

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Signal:
    """One automation signal of a cluster: ``code``, a score in [0, 1], whether it crossed its
    threshold, and a one-line evidence an official can check (English; the code is stable)."""

    code: str
    score: float
    fired: bool
    evidence: str


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """What is known about one comment's submission; every field may be missing.

    ``submitted_at`` in seconds (any epoch); ``network``: an opaque hash of the network prefix;
    ``email_domain``: the domain only (never the address); ``name``: as the respondent typed it.
    """

    submitted_at: float | None = None
    network: str | None = None
    email_domain: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class SignalThresholds:
    """When each signal fires. Defaults are general-purpose, not fitted to one consultation."""

    burst_window_s: float = 600.0
    burst_min: int = 10  # submissions in the window, at least
    burst_factor: float = 2.0  # the cluster alone, times the whole consultation's average
    network_share: float = 0.5
    network_min: int = 5
    timing_cv: float = 0.1  # coefficient of variation of gaps below this: constant rhythm
    timing_same_gap: float = 0.5  # share of gaps equal to the most common gap (to the second)
    timing_same_second: float = 0.3  # share of members sharing their second with another
    timing_min: int = 6
    disposable_share: float = 0.3
    disposable_min: int = 3
    names_share: float = 0.3
    names_min: int = 3


@dataclass(frozen=True, slots=True)
class DeclaredCampaign:
    """A declared campaign as the comments show it: ``supporters`` carry its id; ``copies`` are
    undeclared comments in clusters that are mostly its supporters (indices ascending)."""

    campaign_id: str
    supporters: IntArray
    copies: IntArray

    @property
    def size(self) -> int:
        """Supporters and copies."""
        return len(self.supporters) + len(self.copies)


@dataclass(frozen=True, slots=True)
class UndeclaredCampaign:
    """A near-duplicate cluster of at least ``min_size`` comments no declared campaign claims.

    ``members``: its comments without a declared campaign (ascending); ``key``: stable across runs
    (`cluster_key` of the canonical text); ``first_at``/``last_at``: earliest and latest known
    submission time (None when no member has one).
    """

    cluster_id: int
    key: str
    members: IntArray
    canonical_index: int
    canonical_text: str
    first_at: float | None
    last_at: float | None
    signals: tuple[Signal, ...] = ()

    @property
    def size(self) -> int:
        """Number of members."""
        return len(self.members)

    @property
    def fired(self) -> tuple[Signal, ...]:
        """The signals that crossed their threshold."""
        return tuple(s for s in self.signals if s.fired)


@dataclass(frozen=True, slots=True)
class CampaignDetection:
    """Declared campaigns (by id, in order of first appearance) and undeclared ones (largest
    first, ties by cluster id); ``min_size``: the size an undeclared cluster needed."""

    declared: tuple[DeclaredCampaign, ...]
    undeclared: tuple[UndeclaredCampaign, ...]
    min_size: int
    stats: dict[str, float] = field(default_factory=dict)


def cluster_key(text: str) -> str:
    """A stable key for a cluster with canonical ``text``: 32 hex digits of the BLAKE2b hash of
    its normalised form (case, width and spacing do not change it)."""
    digest = hashlib.blake2b(normalize(text).encode("utf-8", "surrogatepass"), digest_size=16)
    return digest.hexdigest()


def detect_campaigns(
    *,
    cluster_of: Sequence[int] | npt.NDArray[np.integer],
    canonical_indices: Sequence[int] | npt.NDArray[np.integer],
    texts: Sequence[str],
    declared: Sequence[str | None],
    members: Sequence[MemberInfo] | None = None,
    min_size: int = 10,
    min_share: float = 0.0005,
    declared_majority: float = 0.5,
    thresholds: SignalThresholds = SignalThresholds(),
) -> CampaignDetection:
    """Declared and undeclared campaigns of one set of comments.

    ``cluster_of[i]``: comment ``i``'s near-duplicate cluster (as `find_duplicates` or
    `AnalysisResult.group_of` give it); ``canonical_indices[c]``: cluster ``c``'s canonical
    comment; ``declared[i]``: the declared campaign id of comment ``i`` or None. A cluster whose
    declared members are more than ``declared_majority`` of it, all of one campaign being the
    most, belongs to that campaign. An undeclared cluster needs ``min_size`` members and at
    least ``min_share`` of all comments: chance near-duplicates of common short opinions grow
    with the number of comments, campaigns with the reach of their organisers. ``members`` (aligned with the comments) feeds the signals
    and the first/last times. Raises ValueError for misaligned inputs or a bad parameter.
    """
    labels = np.asarray(cluster_of, dtype=np.int64)
    n = len(labels)
    canon = np.asarray(canonical_indices, dtype=np.int64)
    if len(texts) != n or len(declared) != n or (members is not None and len(members) != n):
        raise ValueError("cluster_of, texts, declared and members must have one entry per comment")
    if min_size < 2:
        raise ValueError("min_size must be at least 2")
    if not 0.0 <= declared_majority < 1.0:
        raise ValueError("declared_majority must be in [0, 1)")
    if not 0.0 <= min_share < 1.0:
        raise ValueError("min_share must be in [0, 1)")
    floor = max(min_size, math.ceil(min_share * n))
    if n and (labels.min() < 0 or labels.max() >= len(canon)):
        raise ValueError("cluster_of refers to a cluster without a canonical comment")

    campaign_ids: list[str] = []
    code_of: dict[str, int] = {}
    codes = np.full(n, -1, dtype=np.int64)
    for i, campaign in enumerate(declared):
        if campaign is not None and campaign != "":
            code = code_of.get(campaign)
            if code is None:
                code = code_of[campaign] = len(campaign_ids)
                campaign_ids.append(campaign)
            codes[i] = code

    times = _times(members, n)
    base_rate = _base_rate(times)
    sizes = np.bincount(labels, minlength=len(canon)) if n else np.zeros(len(canon), np.int64)
    order = np.argsort(labels, kind="stable")
    offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    copies: dict[int, list[IntArray]] = {}
    undeclared: list[UndeclaredCampaign] = []
    for cluster in np.flatnonzero(sizes >= 2):
        rows = order[offsets[cluster] : offsets[cluster + 1]]
        row_codes = codes[rows]
        claimed = row_codes >= 0
        free = rows[~claimed]
        if claimed.any():
            counts = np.bincount(row_codes[claimed])
            owner = int(np.argmax(counts))
            if claimed.sum() > declared_majority * len(rows):
                copies.setdefault(owner, []).append(free)
                continue
        if len(free) < floor:
            continue
        canonical = int(canon[cluster])
        if codes[canonical] >= 0:  # the canonical copy is a supporter's: take the free one
            canonical = int(free[0])
        known = times[free]
        known = known[~np.isnan(known)]
        undeclared.append(
            UndeclaredCampaign(
                cluster_id=int(cluster),
                key=cluster_key(texts[canonical]),
                members=np.sort(free),
                canonical_index=canonical,
                canonical_text=texts[canonical],
                first_at=float(known.min()) if known.size else None,
                last_at=float(known.max()) if known.size else None,
                signals=automation_signals(
                    [members[int(i)] for i in free] if members is not None else [],
                    base_rate=base_rate,
                    thresholds=thresholds,
                ),
            )
        )
    undeclared.sort(key=lambda c: (-c.size, c.cluster_id))
    declared_out = tuple(
        DeclaredCampaign(
            campaign_id=campaign,
            supporters=np.flatnonzero(codes == code).astype(np.int64),
            copies=np.sort(np.concatenate(copies.get(code, [np.zeros(0, np.int64)]))).astype(
                np.int64
            ),
        )
        for code, campaign in enumerate(campaign_ids)
    )
    return CampaignDetection(
        declared=declared_out,
        undeclared=tuple(undeclared),
        min_size=floor,
        stats={
            "n_comments": float(n),
            "n_declared": float(len(declared_out)),
            "n_undeclared": float(len(undeclared)),
            "base_rate_per_hour": round(base_rate * 3600, 4),
        },
    )


def _times(members: Sequence[MemberInfo] | None, n: int) -> npt.NDArray[np.float64]:
    if members is None:
        return np.full(n, np.nan)
    return np.array(
        [np.nan if m.submitted_at is None else float(m.submitted_at) for m in members],
        dtype=np.float64,
    )


def _base_rate(times: npt.NDArray[np.float64]) -> float:
    """The consultation's average submissions per second over its known time span (0 if none)."""
    known = times[~np.isnan(times)]
    if known.size < 2:
        return 0.0
    span = float(known.max() - known.min())
    return known.size / span if span > 0 else 0.0


# Signals ------------------------------------------------------------------------------------


def automation_signals(
    members: Sequence[MemberInfo],
    *,
    base_rate: float,
    thresholds: SignalThresholds = SignalThresholds(),
) -> tuple[Signal, ...]:
    """The five automation signals of one cluster's ``members`` (see the module docstring);
    ``base_rate`` is the consultation's average submissions per second. A signal with no data
    (no times, no networks…) scores 0 and does not fire."""
    times = np.sort(
        np.array([m.submitted_at for m in members if m.submitted_at is not None], dtype=np.float64)
    )
    return (
        _burst(times, base_rate, thresholds),
        _one_network([m.network for m in members if m.network], len(members), thresholds),
        _identical_timing(times, thresholds),
        _disposable([m.email_domain for m in members if m.email_domain], len(members), thresholds),
        _names([m.name for m in members if m.name and m.name.strip()], len(members), thresholds),
    )


def _burst(times: npt.NDArray[np.float64], base_rate: float, t: SignalThresholds) -> Signal:
    if times.size == 0:
        return Signal("burst", 0.0, False, "No submission times.")
    window = t.burst_window_s
    ends = np.searchsorted(times, times + window, side="right")
    counts = ends - np.arange(times.size)
    start = int(np.argmax(counts))
    peak = int(counts[start])
    expected = base_rate * window
    needed = max(t.burst_min, t.burst_factor * expected)
    fired = peak >= needed
    score = min(1.0, peak / needed) if needed else 0.0
    minutes = window / 60
    evidence = (
        f"{peak} of {times.size} submissions within {minutes:g} minutes "
        f"(the consultation averages {expected:.1f} in that time)."
    )
    return Signal("burst", round(score, 4), fired, evidence)


def _one_network(networks: list[str], total: int, t: SignalThresholds) -> Signal:
    if not networks:
        return Signal("one_network", 0.0, False, "No network data.")
    top, count = Counter(networks).most_common(1)[0]
    share = count / total
    fired = count >= t.network_min and share >= t.network_share
    evidence = f"{count} of {total} submissions ({share:.0%}) came from one network ({top[:8]}…)."
    return Signal("one_network", round(share, 4), fired, evidence)


def _identical_timing(times: npt.NDArray[np.float64], t: SignalThresholds) -> Signal:
    if times.size < t.timing_min:
        return Signal("identical_timing", 0.0, False, "Too few submission times to judge.")
    seconds = np.floor(times).astype(np.int64)
    _, inverse, counts = np.unique(seconds, return_inverse=True, return_counts=True)
    same_share = float(np.count_nonzero(counts[inverse] > 1)) / times.size
    gaps = np.diff(times)
    mean = float(gaps.mean())
    cv = float(gaps.std() / mean) if mean > 0 else 0.0
    # The most common gap, to the second: a script's rhythm shows even when other comments
    # (people copying the same letter by hand) are mixed in.
    values, gap_counts = np.unique(np.rint(gaps).astype(np.int64), return_counts=True)
    top = int(np.argmax(gap_counts))
    modal_gap, modal_share = int(values[top]), float(gap_counts[top]) / gaps.size
    regular = mean > 0 and cv < t.timing_cv
    rhythm = modal_gap > 0 and modal_share >= t.timing_same_gap
    score = max(same_share, modal_share if modal_gap > 0 else 0.0, max(0.0, 1.0 - cv) * regular)
    fired = regular or rhythm or same_share >= t.timing_same_second
    if regular:
        evidence = (
            f"Submissions arrived every {mean:.1f} seconds with little variation "
            f"(coefficient of variation {cv:.2f})."
        )
    elif rhythm:
        evidence = (
            f"{int(gap_counts[top])} of {gaps.size} gaps between submissions were "
            f"{modal_gap} seconds."
        )
    else:
        evidence = (
            f"{same_share:.0%} of submissions shared their second with another; the most common "
            f"gap ({modal_gap} s) is {modal_share:.0%} of gaps."
        )
    return Signal("identical_timing", round(min(1.0, score), 4), fired, evidence)


def _disposable(domains: list[str], total: int, t: SignalThresholds) -> Signal:
    if not domains:
        return Signal("disposable_email", 0.0, False, "No email addresses given.")
    hits = Counter(d.lower() for d in domains if is_disposable(d))
    count = sum(hits.values())
    share = count / total
    fired = count >= t.disposable_min and share >= t.disposable_share
    named = ", ".join(domain for domain, _n in hits.most_common(3))
    evidence = f"{count} of {total} submissions ({share:.0%}) used disposable email domains"
    evidence += f" ({named})." if named else "."
    return Signal("disposable_email", round(share, 4), fired, evidence)


def _names(names: list[str], total: int, t: SignalThresholds) -> Signal:
    if not names:
        return Signal("names", 0.0, False, "No names given.")
    sequential, mash, repeated = name_flags(names)
    flagged = sum(1 for i in range(len(names)) if sequential[i] or mash[i] or repeated[i])
    share = flagged / total
    fired = flagged >= t.names_min and share >= t.names_share
    evidence = (
        f"{flagged} of {total} names look generated: {sum(sequential)} numbered in sequence, "
        f"{sum(mash)} keyboard mash, {sum(repeated)} repeating another's."
    )
    return Signal("names", round(share, 4), fired, evidence)


_NUMBERED = re.compile(r"^(.*?)[\s_.-]*(\d{1,6})$")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890")
_VOWELS = set("aeiouy")


def name_flags(names: Sequence[str]) -> tuple[list[bool], list[bool], list[bool]]:
    """Per name: numbered in sequence with others (a shared stem and numbers forming runs of
    three or more consecutive values), keyboard mash, and repeated (the same normalised name at
    least three times and more than 5% of the names)."""
    keys = [normalize(name).replace(" ", "") for name in names]
    stems: dict[str, list[tuple[int, int]]] = {}
    for i, key in enumerate(keys):
        match = _NUMBERED.match(key)
        if match:
            stems.setdefault(match.group(1), []).append((int(match.group(2)), i))
    sequential = [False] * len(names)
    for numbered in stems.values():
        in_run = _in_runs(sorted({value for value, _i in numbered}))
        for value, i in numbered:
            sequential[i] = value in in_run
    mash = [_is_mash(key) for key in keys]
    counts = Counter(keys)
    floor = max(3, 0.05 * len(keys))
    repeated = [counts[key] >= floor for key in keys]
    return sequential, mash, repeated


def _in_runs(values: list[int], *, length: int = 3) -> set[int]:
    """The ``values`` (sorted, distinct) in runs of ``length`` or more consecutive integers."""
    found: set[int] = set()
    run: list[int] = []
    for value in values:
        if run and value != run[-1] + 1:
            if len(run) >= length:
                found.update(run)
            run = []
        run.append(value)
    if len(run) >= length:
        found.update(run)
    return found


def _is_mash(key: str) -> bool:
    """Latin letters with no vowel over 5+ letters, or 4+ letters in keyboard order."""
    letters = "".join(c for c in key if c.isascii() and c.isalpha())
    if len(letters) < 4 or len(letters) < len(key) * 0.8:
        return False
    if len(letters) >= 5 and not (set(letters) & _VOWELS):
        return True
    for row in _KEYBOARD_ROWS:
        for size in range(len(row), 3, -1):
            for start in range(len(row) - size + 1):
                piece = row[start : start + size]
                if piece in letters or piece[::-1] in letters:
                    return True
    return False


@cache
def disposable_domains() -> frozenset[str]:
    """The curated list of disposable email domains shipped with the package."""
    text = (
        resources.files("consult.analysis")
        .joinpath("data/disposable_domains.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def is_disposable(domain: str) -> bool:
    """Whether ``domain`` (or a parent domain of it) is a disposable-mail service."""
    parts = domain.strip().lower().rstrip(".").split(".")
    known = disposable_domains()
    return any(".".join(parts[i:]) in known for i in range(len(parts) - 1))
