"""Campaigns in the report: declared ones and the undeclared ones officials did not dismiss.

Counting principle: identical opinions are reported with their count but are not weighed as
separate arguments. So each campaign appears once — with its number of supporters, its
template's position and themes, and the themes of what supporters added in their own words
(those additions analysed like any other comment) — and the headline shows individual
responses, campaign responses and organisations separately.

Inputs, all in the snapshot (so the input hash covers them): per section the analysis result
(near-duplicate groups), and in ``header["review"]["campaigns"]`` (`consult.reports.
campaigns.campaign_inputs`) the declared campaigns with their supporters' response ids,
officials' decisions on undeclared campaigns, and the email verification counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from consult.analysis.campaigns import UndeclaredCampaign, detect_campaigns
from consult.analysis.dedup import template_additions
from consult.analysis.pipeline import analyse
from consult.analysis.text import normalize
from consult.analysis.types import STANCES, AnalysisParams, AnalysisResult, CommentIn

from ..sections import section_label, stance_counts
from ..snapshot import Snapshot
from .base import Base, ThemeInfo

__all__ = [
    "ADDITIONS_MAX",
    "MIN_SHARE",
    "CampaignsPart",
    "Decision",
    "campaign_review",
    "decision_for",
    "declared_by_row",
    "section_detections",
]

MIN_SHARE = 0.0005  # an undeclared campaign is at least this share of a section's comments
ADDITIONS_MAX = 20_000  # own-words additions analysed per section (a seeded sample beyond)
ADDITION_THEMES = 5
MATCH_OVERLAP = 0.5


@dataclass(frozen=True)
class Decision:
    """An official's decision on an undeclared campaign, as the snapshot holds it."""

    section: str
    key: str
    action: str  # "confirm" | "merge" | "dismiss"
    campaign: str | None
    response_ids: frozenset[int] = field(default_factory=frozenset)


def campaign_review(snapshot: Snapshot) -> dict[str, Any]:
    """The snapshot's campaign inputs (empty parts when the snapshot has none)."""
    review = snapshot.header.get("review") or {}
    found = review.get("campaigns") or {}
    return {
        "declared": list(found.get("declared") or []),
        "decisions": list(found.get("decisions") or []),
        "email": dict(found.get("email") or {}),
    }


def declared_by_row(snapshot: Snapshot) -> list[str | None]:
    """Per response row, the id of the declared campaign it supports (None if none)."""
    row_of = {rid: row for row, rid in enumerate(snapshot.ids)}
    out: list[str | None] = [None] * snapshot.n
    for campaign in campaign_review(snapshot)["declared"]:
        for rid in campaign.get("responses") or ():
            row = row_of.get(int(rid))
            if row is not None:
                out[row] = str(campaign["id"])
    return out


def section_detections(
    snapshot: Snapshot,
    results: Mapping[str, AnalysisResult],
    *,
    min_size: int,
    declared: Sequence[str | None] | None = None,
) -> dict[str, Any]:
    """Per section, `detect_campaigns` on its near-duplicate groups (comment indices are the
    section's, ``snapshot.units[section].rows`` maps them to response rows)."""
    by_row = declared if declared is not None else declared_by_row(snapshot)
    out = {}
    for section, result in results.items():
        rows = snapshot.units[section].rows
        canonical = np.zeros(int(result.group_of.max(initial=-1)) + 1, dtype=np.int64)
        # Groups of two or more carry their canonical comment; a singleton is its own.
        canonical[result.group_of] = np.arange(len(result.group_of))
        for group in result.groups:
            canonical[group.group_id] = group.canonical_index
        out[section] = detect_campaigns(
            cluster_of=result.group_of,
            canonical_indices=canonical,
            texts=snapshot.units[section].texts,
            declared=[by_row[row] for row in rows],
            min_size=min_size,
            min_share=MIN_SHARE,
        )
    return out


def decision_for(
    decisions: Sequence[Decision], *, section: str, key: str, response_ids: set[int]
) -> Decision | None:
    """The decision on a cluster: the one with its key in its section, else the one sharing
    most of its member responses (at least half of the smaller set)."""
    best: Decision | None = None
    best_overlap = 0.0
    for decision in decisions:
        if decision.section != section:
            continue
        if decision.key == key:
            return decision
        if decision.response_ids and response_ids:
            shared = len(decision.response_ids & response_ids)
            overlap = shared / min(len(decision.response_ids), len(response_ids))
            if overlap >= MATCH_OVERLAP and overlap > best_overlap:
                best, best_overlap = decision, overlap
    return best


@dataclass
class _Entry:
    id: str
    declared: bool
    status: str
    title: str = ""
    organisation: str = ""
    rows: set[int] = field(default_factory=set)
    supporters: int = 0
    # Per section: the member comment indices and the canonical comment index.
    members: dict[str, list[int]] = field(default_factory=dict)
    canonical: dict[str, int] = field(default_factory=dict)
    key: str = ""


class CampaignsPart(Base):
    """The campaigns section and the membership the headline counts."""

    _entries_cache: list[_Entry] | None = None

    def _decisions(self) -> list[Decision]:
        return [
            Decision(
                section=str(d["section"]),
                key=str(d["key"]),
                action=str(d["action"]),
                campaign=None if d.get("campaign") is None else str(d["campaign"]),
                response_ids=frozenset(int(r) for r in d.get("response_ids") or ()),
            )
            for d in campaign_review(self.s)["decisions"]
        ]

    def campaign_entries(self) -> list[_Entry]:
        """Every campaign once: declared (with copies and merged clusters), then undeclared
        ones not dismissed (confirmed or awaiting review), one entry across sections."""
        if self._entries_cache is not None:
            return self._entries_cache
        review = campaign_review(self.s)
        by_row = declared_by_row(self.s)
        declared: dict[str, _Entry] = {}
        for campaign in review["declared"]:
            title = self.text(campaign, "title") or str(campaign.get("slug") or "")
            declared[str(campaign["id"])] = _Entry(
                id=f"campaign:{campaign.get('slug') or campaign['id']}",
                declared=True,
                status="declared",
                title=title,
                organisation=str(campaign.get("organisation") or ""),
            )
        for row, campaign_id in enumerate(by_row):
            if campaign_id is not None and campaign_id in declared:
                declared[campaign_id].rows.add(row)
                declared[campaign_id].supporters += 1
        decisions = self._decisions()
        detections = section_detections(
            self.s, self.results, min_size=self.campaign_min_size, declared=by_row
        )
        undeclared: list[_Entry] = []
        for section, detection in detections.items():
            rows = self.s.units[section].rows
            for found in detection.declared:
                entry = declared.get(found.campaign_id)
                if entry is None:
                    continue
                members = [*found.supporters.tolist(), *found.copies.tolist()]
                entry.members[section] = members
                entry.rows.update(rows[i] for i in found.copies.tolist())
            for cluster in detection.undeclared:
                self._place(section, cluster, rows, decisions, declared, undeclared)
        for entry in declared.values():
            for section, members in entry.members.items():
                entry.canonical[section] = self._most_common(section, members)
        entries = [e for e in declared.values() if e.rows] + undeclared
        entries.sort(key=lambda e: (-len(e.rows), e.id))
        self._entries_cache = entries
        return entries

    def _place(
        self,
        section: str,
        cluster: UndeclaredCampaign,
        rows: Sequence[int],
        decisions: Sequence[Decision],
        declared: dict[str, _Entry],
        undeclared: list[_Entry],
    ) -> None:
        members = cluster.members.tolist()
        member_rows = {rows[i] for i in members}
        response_ids = {self.s.ids[r] for r in member_rows}
        decision = decision_for(
            decisions, section=section, key=cluster.key, response_ids=response_ids
        )
        if decision is not None and decision.action == "dismiss":
            return
        if decision is not None and decision.action == "merge":
            target = declared.get(decision.campaign or "")
            if target is not None:
                target.rows.update(member_rows)
                target.members.setdefault(section, []).extend(members)
                return
        status = (
            "confirmed" if decision is not None and decision.action == "confirm" else "unreviewed"
        )
        for entry in undeclared:  # the same letter answering several questions: once
            shared = len(entry.rows & member_rows)
            if section not in entry.members and shared >= MATCH_OVERLAP * len(member_rows):
                entry.rows.update(member_rows)
                entry.members[section] = members
                entry.canonical[section] = cluster.canonical_index
                if status == "confirmed":
                    entry.status = status
                return
        undeclared.append(
            _Entry(
                id=f"{section}#{cluster.key[:12]}",
                declared=False,
                status=status,
                rows=member_rows,
                members={section: members},
                canonical={section: cluster.canonical_index},
                key=cluster.key,
            )
        )

    def _most_common(self, section: str, members: Sequence[int]) -> int:
        result = self.results[section]
        counts = Counter(int(result.group_of[i]) for i in members)
        group = counts.most_common(1)[0][0]
        for candidate in result.groups:
            if candidate.group_id == group:
                return candidate.canonical_index
        return int(members[0])

    def campaign_rows(self) -> np.ndarray:
        """Per response row: whether it is counted in a campaign."""
        inside = np.zeros(self.s.n, dtype=bool)
        for entry in self.campaign_entries():
            inside[list(entry.rows)] = True
        return inside

    def campaigns(self) -> list[dict[str, Any]]:
        entries = self.campaign_entries()
        additions = self._addition_themes(entries)
        out = []
        for number, entry in enumerate(entries):
            main = max(entry.members, key=lambda s: (len(entry.members[s]), s), default=None)
            item: dict[str, Any] = {
                "id": entry.id,
                "kind": "declared" if entry.declared else "undeclared",
                "declared": entry.declared,
                "status": entry.status,
                "title": entry.title,
                "organisation": entry.organisation,
                "size": len(entry.rows),
                "supporters": len(entry.rows),
                "linked_supporters": entry.supporters,
                "section": main or "",
                "section_label": section_label(self.s.header, main, self.lang) if main else "",
                "sections": sorted(entry.members),
                "canonical_text": "",
                "first_at": None,
                "last_at": None,
                "stance": dict.fromkeys(STANCES, 0),
                "template_stance": None,
                "themes": [],
                "own_words": 0,
                "addition_themes": additions.get(number, []),
            }
            times = sorted(t for t in (self.s.submitted_at[r] for r in entry.rows) if t)
            item["first_at"], item["last_at"] = (times[0], times[-1]) if times else (None, None)
            if main is not None:
                result = self.results[main]
                members = np.asarray(sorted(set(entry.members[main])), dtype=np.int64)
                canonical = entry.canonical[main]
                item["canonical_text"] = self.redact(self.s.units[main].texts[canonical])
                item["stance"] = stance_counts(result.stance[members])
                item["template_stance"] = result.stance_of(canonical)
                item["themes"] = self._theme_labels(main, result, canonical)
                item["own_words"] = self._own_words_count(main, entry)
            out.append(item)
        return out

    def _theme_labels(
        self, section: str, result: AnalysisResult, index: int
    ) -> list[dict[str, str]]:
        infos: Sequence[ThemeInfo] = self.themes.get(section, ())
        keys = {t.key: i for i, t in enumerate(result.themes)}
        out = []
        for key, _confidence in result.themes_of(index):
            i = keys[key]
            label = infos[i].label if i < len(infos) else result.themes[i].label
            out.append({"key": infos[i].key if i < len(infos) else key, "label": label})
        return out

    def _additions(self, section: str, entry: _Entry) -> list[str]:
        units = self.s.units[section]
        template = units.texts[entry.canonical[section]]
        base = normalize(template)
        seen: dict[str, str] = {}  # copies of one wording are compared once
        found = (
            seen[text]
            if text in seen
            else seen.setdefault(text, template_additions(template, text))
            for text in (units.texts[i] for i in entry.members[section])
        )
        # Ten characters at least (not a typo), and not the template's own words moved around.
        return [text for text in found if len(text.strip()) >= 10 and normalize(text) not in base]

    def _own_words_count(self, section: str, entry: _Entry) -> int:
        cached = getattr(self, "_own_words", {})
        return int(cached.get((entry.id, section), 0))

    def _addition_themes(self, entries: Sequence[_Entry]) -> dict[int, list[dict[str, Any]]]:
        """Per entry: the themes of what its supporters added in their own words — one engine
        run per section over all campaigns' additions there (a seeded sample beyond
        ``ADDITIONS_MAX``)."""
        self._own_words: dict[tuple[str, str], int] = {}
        pooled: dict[str, list[tuple[int, str]]] = {}
        for number, entry in enumerate(entries):
            for section in entry.members:
                texts = self._additions(section, entry)
                self._own_words[(entry.id, section)] = len(texts)
                pooled.setdefault(section, []).extend((number, t) for t in texts)
        out: dict[int, Counter[str]] = {}
        labels: dict[str, str] = {}
        for section, items in sorted(pooled.items()):
            if len(items) < 3:
                continue
            if len(items) > ADDITIONS_MAX:
                rng = np.random.default_rng(self.run.seed)
                chosen = np.sort(rng.choice(len(items), ADDITIONS_MAX, replace=False))
                items = [items[int(i)] for i in chosen]
            result = analyse(
                [CommentIn(text=text) for _n, text in items],
                seed=self.run.seed,
                params=AnalysisParams(stance_classifier=False, quotes_per_theme=0),
            )
            for position, (number, _text) in enumerate(items):
                for key, _confidence in result.themes_of(position):
                    theme = result.themes[[t.key for t in result.themes].index(key)]
                    if theme.source == "other":
                        continue
                    labels[f"{section}|{key}"] = theme.label_in(self.lang)[0]
                    out.setdefault(number, Counter())[f"{section}|{key}"] += 1
        return {
            number: [
                {"label": labels[k], "count": n} for k, n in counts.most_common(ADDITION_THEMES)
            ]
            for number, counts in out.items()
        }

    def email_counts(self) -> dict[str, int]:
        """Submitted responses with a verified email, an unverified one, and none."""
        email = campaign_review(self.s)["email"]
        return {k: int(email.get(k, 0)) for k in ("verified", "unverified", "none")}

    def campaign_headline(self) -> dict[str, Any]:
        """Headline figures: individual responses, campaign responses and organisations apart,
        and verified / unverified email counts."""
        inside = self.campaign_rows()
        organisation = np.array([k == "organisation" for k in self.s.kind], dtype=bool)
        return {
            "campaigns": len(self.campaign_entries()),
            "campaign_responses": int(inside.sum()),
            "individual_responses": int((~inside & ~organisation).sum()),
            "organisation_responses": int((~inside & organisation).sum()),
            "email": self.email_counts(),
        }

    def campaign_methodology(self) -> str:
        return _(
            "Campaigns: identical opinions are reported with their count but are not weighed "
            "as separate arguments. Each campaign — declared by an organisation, or a group of "
            "at least %(n)s near-identical comments that officials confirmed or have not yet "
            "reviewed — appears once, with its number of supporters, its template's position "
            "and themes, and the themes of what supporters added in their own words, analysed "
            "like any other comment. Groups officials dismissed are counted as individual "
            "responses. The headline counts individual responses, campaign responses and "
            "organisations separately."
        ) % {"n": self.campaign_min_size}
