"""The report content document (schema version 1, documented in
``consult/reports/renderers/report.schema.json``): the one dict
every renderer reads, built from the snapshot, the analysis of each section and the themes.

Privacy rules applied here: breakdowns by respondent attributes go through `suppress_cells`
(the only place counts are hidden); quoted text is the engine's redacted text of moderated
comments only (see `consult.reports.snapshot.read`), and quotes of respondents who asked not to
be published are left out; the methodology says what moderation held back or set aside;
campaign texts and organisations' summaries are redacted; no name or email of an individual is read at all (the snapshot has
none). Organisations are listed by name only when they agreed to be published with their name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consult.analysis.types import STANCES, AnalysisParams, AnalysisResult
from consult.campaigns.models import CampaignSupport
from consult.consultations.models import LIKERT_SCALE

from ..sections import section_label, stance_counts, theme_rows
from ..snapshot import DOCUMENTS_SECTION, Snapshot
from ..snapshot.read import DOCUMENT_CHARS
from .base import RunInfo, ThemeInfo
from .headline import HeadlinePart

__all__ = ["SCHEMA_VERSION", "RunInfo", "ThemeInfo", "build_content"]

SCHEMA_VERSION = 1
QUOTES_PER_THEME = 3
# What a report states of each section's checked sample (see `adapter.review_inputs`).
CHECK_FIGURES = ("checked", "precision", "recall", "f1", "f1_low", "f1_high", "exact")
WORDING_PATHS_SHOWN = 6


def build_content(
    *,
    snapshot: Snapshot,
    results: Mapping[str, AnalysisResult],
    themes: Mapping[str, Sequence[ThemeInfo]],
    run: RunInfo,
    language: str,
    min_cell: int,
    campaign_min_size: int,
    redacted: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The content document of a run (see the module docstring for what is left out).

    ``redacted`` maps comment texts to their redacted forms when they were computed ahead
    (`consult.reports.redaction`); other texts are redacted here.
    """
    with translation.override(language):
        return _Builder(
            snapshot, results, themes, run, language, min_cell, campaign_min_size, redacted or {}
        ).build()


class _Builder(HeadlinePart):
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
                language=self.lang,
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
            "documents": self.documents(section_themes),
            "egov_table": self.egov_table(section_themes),
            "methodology": self.methodology(),
        }

    # Headline -------------------------------------------------------------------------------

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

    def documents(self, section_themes: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
        """Themes of the documents organisations attached to their own responses (analysed
        like comments, never quoted)."""
        units = self.s.units.get(DOCUMENTS_SECTION)
        return {
            "label": section_label(self.s.header, DOCUMENTS_SECTION, self.lang),
            "responses": len(units.texts) if units is not None else 0,
            "themes": section_themes.get(DOCUMENTS_SECTION, []),
        }

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

    def document_steps(self) -> list[str]:
        units = self.s.units.get(DOCUMENTS_SECTION)
        if units is None or not units.texts:
            return []
        return [
            _(
                "Attached documents: the text of the documents %(n)s organisations attached to "
                "their responses (PDF, DOCX or plain text, up to %(chars)s characters each) was "
                "extracted and analysed as one more section, with personal data replaced by "
                "labels; documents are never quoted."
            )
            % {"n": len(units.texts), "chars": f"{DOCUMENT_CHARS:,}"}
        ]

    def theme_checks(self) -> list[dict[str, Any]]:
        """Per section whose random sample officials checked, the engine's agreement with them
        there (read with the snapshot), in the order the sections were analysed."""
        checks = (self.s.header.get("review") or {}).get("checks") or {}
        order = {section: n for n, section in enumerate(self.results)}
        return [
            {
                "section": section,
                "label": section_label(self.s.header, section, self.lang),
                **{name: figures.get(name) for name in CHECK_FIGURES},
            }
            for section, figures in sorted(
                checks.items(), key=lambda item: (order.get(item[0], len(order)), item[0])
            )
        ]

    def check_step(self, checks: Sequence[Mapping[str, Any]]) -> str:
        if not checks:
            return _(
                "Checking the themes: officials have not checked a random sample of the "
                "responses, so how far the themes agree with a human reading is not measured "
                "for this consultation; the corrections officials made while reviewing are used."
            )
        return _(
            "Checking the themes: officials checked the themes of %(checked)s responses drawn "
            "at random, blind to the themes, in %(sections)s. The table "
            "“Themes checked by officials” gives the agreement of the themes the engine had "
            "given them with the officials' (precision, recall, F1 with a 95%% interval from "
            "ten checked): an estimate for the whole question or clause, before the engine "
            "learned from these checks. The responses checked carry the officials' themes here."
        ) % {
            "checked": f"{sum(int(c.get('checked') or 0) for c in checks):,}",
            "sections": ngettext(
                "%(n)s question or clause", "%(n)s questions or clauses", len(checks)
            )
            % {"n": len(checks)},
        }

    def wording_steps(self) -> list[str]:
        """Each change to the consultation's texts made after responses had arrived."""
        steps = []
        for change in self.s.header.get("wording_changes") or ():
            paths = change["changed"]
            shown = ", ".join(paths[:WORDING_PATHS_SHOWN])
            if len(paths) > WORDING_PATHS_SHOWN:
                shown += " " + _("and %(n)s more") % {"n": len(paths) - WORDING_PATHS_SHOWN}
            steps.append(
                _(
                    "Wording: the consultation's texts were changed on %(at)s, after %(n)s "
                    "responses had been submitted (revision %(number)s: %(paths)s). Responses "
                    "are counted together whatever wording they read; every revision is kept "
                    "and can be read in full."
                )
                % {
                    "at": change["at"],
                    "n": f"{change['responses_before']:,}",
                    "number": change["number"],
                    "paths": shown,
                }
            )
        return steps

    def consent_steps(self) -> list[str]:
        """How the consent of supporters whose responses organisations submitted was recorded."""
        counts: dict[str, int] = dict(self.s.header.get("supporter_consents") or {})
        if not counts:
            return []
        without = counts.pop("none", 0)
        labels = dict(CampaignSupport.ConsentMethod.choices)
        parts = [
            _("%(method)s (%(n)s)") % {"method": str(labels[method]).lower(), "n": f"{n:,}"}
            for method, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            if method in labels
        ]
        steps = []
        total = sum(counts.values())
        if parts:
            steps.append(
                ngettext(
                    "Supporters' consent: %(n)s response was submitted on a supporter's behalf "
                    "(through a campaign or an organisation's API key), with the supporter's "
                    "consent recorded: %(methods)s. A consent the organisation collected itself "
                    "is as the organisation recorded it.",
                    "Supporters' consent: %(n)s responses were submitted on supporters' behalf "
                    "(through campaigns or organisations' API keys), each with the supporter's "
                    "consent recorded: %(methods)s. Each is one supporter's response, counted "
                    "once; a consent the organisation collected itself is as the organisation "
                    "recorded it.",
                    total,
                )
                % {"n": f"{total:,}", "methods": ("、" if self.lang == "ja" else ", ").join(parts)}
            )
        if without:
            steps.append(
                ngettext(
                    "%(n)s response was submitted by an organisation before each had to carry "
                    "the supporter's consent record; it is counted like the rest.",
                    "%(n)s responses were submitted by organisations before each had to carry "
                    "the supporter's consent record; they are counted like the rest.",
                    without,
                )
                % {"n": f"{without:,}"}
            )
        return steps

    def moderation_steps(self) -> list[str]:
        """What moderation changed: texts held or left out, responses set aside and why."""
        summary = self.s.header.get("moderation") or {}
        steps = [
            _(
                "Moderation: every comment was scanned for personal data and abuse; only texts "
                "approved by a moderator (as written or with passages redacted), or approved "
                "automatically because nothing was flagged, are quoted."
            )
        ]
        if summary.get("pending"):
            steps.append(
                _(
                    "%(n)s texts were still awaiting moderation: they were analysed with their "
                    "flagged passages removed and are not quoted."
                )
                % {"n": summary["pending"]}
            )
        if summary.get("rejected"):
            steps.append(
                _("%(n)s texts rejected by moderators were left out.") % {"n": summary["rejected"]}
            )
        if summary.get("set_aside"):
            reasons = "; ".join(
                f"{row['reason']} ({row['count']})" for row in summary.get("set_aside_reasons", [])
            )
            steps.append(
                _(
                    "Set aside: %(n)s responses were left out of every count after reports that "
                    "they were made in someone's name without their consent. Reasons: %(reasons)s"
                )
                % {"n": summary["set_aside"], "reasons": reasons}
            )
        return steps

    @staticmethod
    def theme_methodology(params: AnalysisParams | None) -> str:
        if params is not None and params.semantic_weight > 0:
            return _(
                "Themes: officials' reviewed themes were used as a codebook; each comment was "
                "matched to them by the words it shares with each theme and by meaning (word "
                "embeddings that ship with the software and run offline, weight %(weight)s); "
                "themes the codebook missed were discovered from the comments (TF-IDF and NMF) "
                "and labelled with key phrases."
            ) % {"weight": params.semantic_weight}
        return _(
            "Themes: officials' reviewed themes were used as a codebook; themes the codebook "
            "missed were discovered from the comments (TF-IDF and NMF) and labelled with key phrases."
        )

    def methodology(self) -> dict[str, Any]:
        params = next(iter(self.results.values())).params if self.results else None
        checks = self.theme_checks()
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
                self.theme_methodology(params),
                self.check_step(checks),
                _(
                    "Stance: from the respondent's agree/disagree answer when given, otherwise from "
                    "the text: words of support or opposition, including what the comment says of "
                    "the proposal's own action (such as “ban them” or “a ban would harm…”), and "
                    "the arguments the comment makes: when the proposal bans or restricts "
                    "something, the harm of what would be stopped, or freedom of choice and what "
                    "would be lost; when it introduces or allows something, what it puts at risk "
                    "(such as privacy or wrongful matches) or would achieve (such as catching "
                    "offenders). A risk the comment says is dealt with, a gain it says lacks "
                    "evidence and words it quotes from others are read as such, and a longer "
                    "comment that weighs one side against the other is counted as mixed. Where "
                    "the text has none of these, a classifier trained on this consultation's "
                    "answered comments (or, lacking those, on the comments whose text states a "
                    "position) decides only when confident. A codebook theme that is itself a "
                    "position on the proposal goes to the comments that state that position and "
                    "not to those that state the other; a theme that argues one side is not given "
                    "to comments whose words take the other."
                ),
                _(
                    "Quotes: central and diverse comments, with personal data removed. A "
                    "discovered theme is named with the key phrases of its comments in this "
                    "report's language when a fifth or more of them are written in it, and "
                    "otherwise with those of the language most of them are in; a theme raised in "
                    "both Japanese and English is quoted in this report's language first, with one "
                    "quote in the other."
                ),
                self.campaign_methodology(),
                *self.document_steps(),
                *self.wording_steps(),
                *self.consent_steps(),
                *self.moderation_steps(),
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
            "theme_checks": checks,
        }
