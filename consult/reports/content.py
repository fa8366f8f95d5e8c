"""The report content document (schema version 1, see the reports README section): the one dict
every renderer reads, built from the snapshot, the analysis of each section and the themes.

Privacy rules applied here: breakdowns by respondent attributes go through `suppress_cells`
(the only place counts are hidden); quoted text is the engine's redacted text, and quotes of
respondents who asked not to be published are left out; campaign texts and organisations'
summaries are redacted; no name or email of an individual is read at all (the snapshot has
none). Organisations are listed by name only when they agreed to be published with their name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from consult.analysis.pii import redact
from consult.analysis.types import STANCES, AnalysisResult
from consult.consultations.models import LIKERT_SCALE
from consult.responses.models import Response
from consult.responses.regions import Region

from .sections import KIND_ORDER, kind_labels, section_label, stance_counts, theme_rows
from .snapshot import Snapshot
from .suppression import suppress_cells

SCHEMA_VERSION = 1
ORGANISATION_SUMMARY_CHARS = 400
QUOTES_PER_THEME = 3


@dataclass(frozen=True)
class ThemeInfo:
    """A stored theme, aligned with one theme of a section's analysis result."""

    id: int
    key: str
    label: str
    description: str
    source: str
    reviewed: bool
    government_view: str = ""


@dataclass(frozen=True)
class RunInfo:
    id: int
    started_at: datetime | None
    input_hash: str
    code_version: str
    parameters: dict[str, Any]
    seed: int


def build_content(
    *,
    snapshot: Snapshot,
    results: Mapping[str, AnalysisResult],
    themes: Mapping[str, Sequence[ThemeInfo]],
    run: RunInfo,
    language: str,
    min_cell: int,
    campaign_min_size: int,
) -> dict[str, Any]:
    """The content document of a run (see the module docstring for what is left out)."""
    with translation.override(language):
        return _Builder(
            snapshot, results, themes, run, language, min_cell, campaign_min_size
        ).build()


class _Builder:
    def __init__(
        self,
        snapshot: Snapshot,
        results: Mapping[str, AnalysisResult],
        themes: Mapping[str, Sequence[ThemeInfo]],
        run: RunInfo,
        language: str,
        min_cell: int,
        campaign_min_size: int,
    ) -> None:
        self.s = snapshot
        self.results = results
        self.themes = themes
        self.run = run
        self.lang = language
        self.min_cell = min_cell
        self.campaign_min_size = campaign_min_size
        self.kind_code = np.array(
            [KIND_ORDER.index(k) if k in KIND_ORDER else len(KIND_ORDER) for k in snapshot.kind],
            dtype=np.int8,
        )
        self.generated_at = timezone.now().isoformat()

    def text(self, obj: Mapping[str, Any], field: str) -> str:
        other = "ja" if self.lang == "en" else "en"
        return str(obj.get(f"{field}_{self.lang}") or obj.get(f"{field}_{other}") or "")

    def build(self) -> dict[str, Any]:
        header = self.s.header
        consultation = header["consultation"]
        section_themes = {
            section: theme_rows(
                self.s,
                section,
                result,
                self.themes.get(section, ()),
                kind_code=self.kind_code,
                min_cell=self.min_cell,
                quotes=QUOTES_PER_THEME,
            )
            for section, result in self.results.items()
        }
        return {
            "schema_version": SCHEMA_VERSION,
            "language": self.lang,
            "generated_at": self.generated_at,
            "consultation": {
                "slug": consultation["slug"],
                "title": self.text(consultation, "title"),
                "department": self.text(consultation, "department"),
                "opens_at": consultation["opens_at"],
                "closes_at": consultation["closes_at"],
                "status": consultation["status"],
            },
            "run": {
                "id": self.run.id,
                "started_at": self.run.started_at.isoformat() if self.run.started_at else None,
                "finished_at": None,  # the document is written before the run finishes
                "input_hash": self.run.input_hash,
                "code_version": self.run.code_version,
                "parameters": self.run.parameters,
                "seed": self.run.seed,
            },
            "suppression": {"min_cell": self.min_cell},
            "headline": self.headline(),
            "questions": self.questions(section_themes),
            "clauses": self.clauses(section_themes),
            "campaigns": self.campaigns(),
            "organisations": self.organisations(),
            "egov_table": self.egov_table(section_themes),
            "methodology": self.methodology(),
        }

    # Headline -------------------------------------------------------------------------------

    def breakdown(self, values: Sequence[str], order: Sequence[tuple[str, str]]) -> list[Any]:
        counts: dict[str, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        cells = [(key, label, counts[key]) for key, label in order if counts.get(key)]
        known = {key for key, _label in order}
        cells += [
            (key, key or _("Not given"), n) for key, n in sorted(counts.items()) if key not in known
        ]
        return suppress_cells(cells, min_cell=self.min_cell, total=self.s.n)

    def headline(self) -> dict[str, Any]:
        s = self.s
        unique, campaigns, in_campaigns = self.duplicate_figures()
        labels = kind_labels()
        return {
            "responses": s.n,
            "unique_texts": unique,
            "campaigns": campaigns,
            "campaign_responses": in_campaigns,
            "organisations": sum(k == "organisation" for k in s.kind),
            "individuals": sum(k == "individual" for k in s.kind),
            "by_kind": self.breakdown(s.kind, [(k, labels[k]) for k in KIND_ORDER]),
            "by_region": self.breakdown(
                s.region,
                [(str(v), str(label)) for v, label in Region.choices] + [("", _("Not given"))],
            ),
            "by_language": self.breakdown(
                s.language, [("ja", _("Japanese")), ("en", _("English"))]
            ),
            "by_channel": self.breakdown(
                s.channel, [(str(v), str(label)) for v, label in Response.Channel.choices]
            ),
        }

    def campaign_groups(self) -> list[tuple[str, Any]]:
        return [
            (section, group)
            for section, result in self.results.items()
            for group in result.groups
            if group.size >= self.campaign_min_size or group.template_index is not None
        ]

    def duplicate_figures(self) -> tuple[int, int, int]:
        """Distinct response texts (responses with the same near-duplicate group in every
        section count once), campaigns, and responses in at least one campaign."""
        sections = list(self.results)
        if not sections:
            return 0, 0, 0
        signature = np.full((self.s.n, len(sections)), -1, dtype=np.int64)
        in_campaign = np.zeros(self.s.n, dtype=bool)
        campaign_ids = {(s, g.group_id) for s, g in self.campaign_groups()}
        for column, section in enumerate(sections):
            rows = np.asarray(self.s.units[section].rows, dtype=np.int64)
            group_of = self.results[section].group_of
            signature[rows, column] = group_of
            ids = np.array([g for s, g in campaign_ids if s == section], dtype=np.int64)
            if ids.size:
                in_campaign[rows[np.isin(group_of, ids)]] = True
        with_text = signature[(signature >= 0).any(axis=1)]
        unique = int(np.unique(with_text, axis=0).shape[0]) if with_text.size else 0
        return unique, len(campaign_ids), int(in_campaign.sum())

    # Questions and clauses -------------------------------------------------------------------

    def questions(self, section_themes: Mapping[str, list[dict[str, Any]]]) -> list[Any]:
        out = []
        for spec in self.s.header["questions"]:
            key, kind = spec["key"], spec["kind"]
            section = f"question:{key}"
            item: dict[str, Any] = {
                "key": key,
                "text": self.text(spec, "text"),
                "kind": kind,
                "answered": 0,
                "results": [],
                "themes": [],
            }
            if kind == "free_text":
                item["answered"] = len(self.s.units[section].texts)
                item["themes"] = section_themes.get(section, [])
            else:
                item.update(self.results_of(spec))
            out.append(item)
        return out

    def results_of(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        tally = self.s.tallies.get(spec["key"])
        answered = tally.answered if tally else 0
        if spec["kind"] == "likert":
            options = [(str(v), str(label)) for v, label in LIKERT_SCALE]
        else:
            options = [(c["key"], self.text(c, "label")) for c in spec["choices"]]
        results = []
        for key, label in options:
            count = tally.counts.get(key, 0) if tally else 0
            row: dict[str, Any] = {
                "key": key,
                "label": label,
                "count": count,
                "share": round(count / answered, 4) if answered else 0.0,
                "suppressed": False,
            }
            if spec["kind"] == "ranking":
                ranked = tally.rank_n.get(key, 0) if tally else 0
                row["mean_rank"] = (
                    round(tally.rank_sum[key] / ranked, 2) if tally and ranked else None
                )
            results.append(row)
        return {"answered": answered, "results": results}

    def clauses(self, section_themes: Mapping[str, list[dict[str, Any]]]) -> list[Any]:
        out = []
        for clause in self.s.header["clauses"]:
            section = f"clause:{clause['number']}"
            result = self.results.get(section)
            stance = (
                stance_counts(result.stance) if result is not None else dict.fromkeys(STANCES, 0)
            )
            comments = len(self.s.units[section].texts)
            out.append(
                {
                    "number": clause["number"],
                    "title": self.text(clause, "title"),
                    "comments": comments,
                    "oppose_share": round(stance["oppose"] / comments, 4) if comments else 0.0,
                    "support_share": round(stance["support"] / comments, 4) if comments else 0.0,
                    "themes": section_themes.get(section, []),
                }
            )
        return out

    # Campaigns, organisations, e-Gov table, methodology ---------------------------------------

    def campaigns(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for section, group in self.campaign_groups():
            result = self.results[section]
            rows = np.asarray(self.s.units[section].rows, dtype=np.int64)
            members = np.flatnonzero(result.group_of == group.group_id)
            times = sorted(self.s.submitted_at[int(r)] or "" for r in rows[members])
            out.append(
                {
                    "id": f"{section}#{group.group_id}",
                    "section": section,
                    "section_label": section_label(self.s.header, section, self.lang),
                    "declared": group.template_index is not None,
                    "size": int(group.size),
                    "canonical_text": redact(group.canonical_text),
                    "first_at": times[0] if times else None,
                    "last_at": times[-1] if times else None,
                    "stance": stance_counts(result.stance[members]),
                }
            )
        out.sort(key=lambda c: (-c["size"], c["id"]))
        return out

    def organisations(self) -> list[Any]:
        texts: dict[int, list[str]] = {}
        for section in self.s.sections():
            units = self.s.units[section]
            for row, text in zip(units.rows, units.texts, strict=True):
                if self.s.kind[row] == "organisation" and self.s.consent[row] == "named":
                    texts.setdefault(row, []).append(text)
        out = []
        for row, kind in enumerate(self.s.kind):
            if kind != "organisation" or self.s.consent[row] != "named":
                continue
            body = "\n".join(texts.get(row, []))
            summary = redact(body[: ORGANISATION_SUMMARY_CHARS * 2])[:ORGANISATION_SUMMARY_CHARS]
            out.append(
                {
                    "name": self.s.organisation[row],
                    "reference": self.s.references[row],
                    "summary": summary,
                }
            )
        out.sort(key=lambda o: (o["name"], o["reference"]))
        return out

    def egov_table(self, section_themes: Mapping[str, list[dict[str, Any]]]) -> list[Any]:
        rows: list[dict[str, Any]] = []
        for section in self.s.sections():
            for theme in section_themes.get(section, []):
                if theme["count"] == 0:
                    continue
                summary = theme["label"]
                if theme["description"]:
                    summary = f"{summary} — {theme['description']}"
                rows.append(
                    {
                        "no": len(rows) + 1,
                        "section": section_label(self.s.header, section, self.lang),
                        "theme_key": theme["key"],
                        "summary": summary,
                        "count": theme["count"],
                        "government_view": theme["government_view"],
                    }
                )
        return rows

    def methodology(self) -> dict[str, Any]:
        params = next(iter(self.results.values())).params if self.results else None
        return {
            "steps": [
                _(
                    "Snapshot: the submitted responses were read once; their SHA-256 is the input hash."
                ),
                _(
                    "Each free-text question and each clause was analysed separately: near-identical "
                    "comments were grouped (MinHash), so a form letter counts once as a text and "
                    "its copies as signatures."
                ),
                _(
                    "Themes: officials' reviewed themes were used as a codebook; themes the codebook "
                    "missed were discovered from the comments (TF-IDF and NMF) and labelled with key phrases."
                ),
                _(
                    "Stance: from the respondent's agree/disagree answer when given, otherwise from "
                    "the text."
                ),
                _("Quotes: central and diverse comments, with personal data removed."),
                _(
                    "Privacy: counts below %(n)s in breakdowns by respondent type, region, language "
                    "or channel are shown as “<%(n)s”; respondents who asked not to be published are "
                    "not quoted; organisations are named only with their consent."
                )
                % {"n": self.min_cell},
            ],
            "parameters": {
                **self.run.parameters,
                "engine": dataclasses.asdict(params) if params is not None else {},
                "campaign_min_size": self.campaign_min_size,
            },
            "input_hash": self.run.input_hash,
            "code_version": self.run.code_version,
            "generated_at": self.generated_at,
            "engine_stats": {
                section: {k: float(v) for k, v in result.stats.items()}
                for section, result in self.results.items()
            },
        }
