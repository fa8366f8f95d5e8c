"""Reads of the reports app: runs, themes under review, their responses, agreement with officials."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.files import File
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import MD5, Cast, Concat
from django.http import Http404
from django.utils.translation import gettext_lazy

from consult.consultations.models import Consultation
from consult.responses.models import Answer, ClauseComment, Response, ResponseAttachment

from .adapter import codebook_themes, live_theme_of
from .agreement import (
    SAMPLE_INTERVAL_MIN,
    Agreement,
    SampleAgreement,
    ThemeShare,
    agreement_of,
    check_agreement,
    checked_samples,
    latest_checks,
    sample_shares,
)
from .models import ReportArtifact, ReportRun, Theme, ThemeAssignment, ThemeEdit
from .sections import section_label
from .snapshot import snapshot_header
from .snapshot.read import document_text

logger = logging.getLogger(__name__)

Source = ThemeAssignment.Source
MEMBERS_PER_PAGE = 50
_LAST_PAGE = 2**31 // MEMBERS_PER_PAGE  # beyond any theme: its offset still fits an integer


def runs_for_consultation(consultation: Consultation) -> QuerySet[ReportRun]:
    """The consultation's runs, newest first, with their files."""
    return (
        ReportRun.objects.filter(consultation=consultation)
        .select_related("created_by")
        .prefetch_related("artifacts")
        .order_by("-created_at", "-id")
    )


def run_for_staff(consultation: Consultation, run_id: int) -> ReportRun:
    """A run of this consultation (the caller already passed `consultation_for_staff`); 404."""
    run = runs_for_consultation(consultation).filter(pk=run_id).first()
    if run is None:
        raise Http404
    return run


def artifact_for_staff(run: ReportRun, fmt: str) -> ReportArtifact:
    """The run's file in ``fmt``; 404 when it has none."""
    artifact = ReportArtifact.objects.filter(run=run, format=fmt).first()
    if artifact is None:
        raise Http404
    return artifact


class ArtifactMissing(Exception):
    """A run's file is on record but no longer in storage (a lost volume, a restore from an
    older backup): the run must be made again."""


def artifact_open(artifact: ReportArtifact) -> File:
    """The file of `artifact`, opened for reading; `ArtifactMissing` when storage has lost it."""
    try:
        return artifact.file.open("rb")
    except OSError as error:
        logger.warning("Report file %s of run %s is not in storage", artifact.pk, artifact.run_id)
        raise ArtifactMissing(artifact.pk) from error


def latest_succeeded_run(consultation: Consultation) -> ReportRun | None:
    """The newest run that finished, whose themes officials review."""
    return runs_for_consultation(consultation).filter(status=ReportRun.Status.SUCCEEDED).first()


def run_content(run: ReportRun) -> dict[str, Any] | None:
    """The run's content document (its JSON file), or None if it has none or storage has lost
    it."""
    artifact = run.artifacts.filter(format=ReportArtifact.Format.JSON).first()
    if artifact is None:
        return None
    try:
        with artifact_open(artifact) as stored:
            content: dict[str, Any] = json.load(stored)
    except ArtifactMissing:
        return None
    return content


def theme_for_staff(consultation: Consultation, theme_id: int) -> Theme:
    """A theme of this consultation; 404 otherwise."""
    theme = Theme.objects.filter(consultation=consultation, pk=theme_id).first()
    if theme is None:
        raise Http404
    return theme


def _corrected_units() -> Exists:
    """Engine rows whose (response, section) officials have corrected."""
    return Exists(
        ThemeAssignment.objects.filter(
            source=Source.OFFICIAL,
            response=OuterRef("response"),
            theme__section=OuterRef("theme__section"),
        )
    )


def theme_counts(consultation: Consultation) -> dict[int, int]:
    """Live theme id → submitted responses raising it now (officials' sets where they
    corrected, the engine's elsewhere; merged themes counted in the theme they were merged
    into; responses withdrawn since the run left out)."""
    live = live_theme_of(consultation)
    rows = ThemeAssignment.objects.filter(theme__consultation=consultation)
    official_rows = rows.filter(source=Source.OFFICIAL)
    engine = rows.filter(source=Source.ENGINE).values_list("theme_id").annotate(n=Count("id"))
    official = official_rows.values_list("theme_id").annotate(n=Count("id"))
    counts: dict[int, int] = defaultdict(int)
    for theme_id, n in [*engine, *official]:
        target = live.get(theme_id)
        if target is not None:
            counts[target] += n
    # Where officials corrected a response's themes in a section (few), the engine's rows
    # there no longer count: read those units once and take their rows off, instead of asking
    # for every engine row whether its unit was corrected (measured at 100,000 responses: the
    # counts in 0.32 s instead of 1.90 s with 3,000 corrected units, 0.1 s with none).
    corrected = set(official_rows.values_list("response_id", "theme__section"))
    if corrected:
        overridden = rows.filter(
            source=Source.ENGINE,
            response_id__in=official_rows.values("response_id"),
        ).values_list("theme_id", "response_id", "theme__section")
        for theme_id, response_id, section in overridden:
            target = live.get(theme_id)
            if target is not None and (response_id, section) in corrected:
                counts[target] -= 1
    # A response withdrawn since the run (few) no longer counts: take off the rows that counted.
    # Statuses listed (not "other than submitted"), so the (consultation, status) index finds
    # them without reading every response of the consultation.
    withdrawn = Response.objects.filter(
        consultation=consultation,
        status__in=[s for s in Response.Status.values if s != Response.Status.SUBMITTED],
    )
    gone = rows.filter(response_id__in=withdrawn.values("id")).values_list(
        "theme_id", "response_id", "theme__section", "source"
    )
    for theme_id, response_id, section, source in gone:
        target = live.get(theme_id)
        counted = source == Source.OFFICIAL or (response_id, section) not in corrected
        if target is not None and counted:
            counts[target] -= 1
    return {pk: n for pk, n in counts.items() if n > 0}


@dataclass
class ReviewSection:
    key: str
    label: str
    themes: list[Theme] = field(default_factory=list)


def review_sections(consultation: Consultation, *, language: str) -> list[ReviewSection]:
    """Each free-text question and clause with the themes to review: the live themes of the
    latest successful run, and every theme officials added or edited. Each theme carries
    ``count`` (responses now) and ``in_codebook``."""
    header = snapshot_header(consultation)
    sections = {
        s["key"]: ReviewSection(s["key"], section_label(header, s["key"], language))
        for s in header["sections"]
    }
    latest = latest_succeeded_run(consultation)
    curated = set(codebook_themes(consultation).values_list("id", flat=True))
    themes = Theme.objects.filter(consultation=consultation, deleted=False, merged_into=None)
    themes = themes.filter(Q(pk__in=curated) | Q(last_run=latest) if latest else Q(pk__in=curated))
    counts = theme_counts(consultation)
    for theme in themes.order_by("section", "id"):
        section = sections.get(theme.section)
        if section is None:
            continue
        theme.count = counts.get(theme.pk, 0)  # type: ignore[attr-defined]
        theme.in_codebook = theme.pk in curated  # type: ignore[attr-defined]
        section.themes.append(theme)
    for section in sections.values():
        section.themes.sort(key=lambda t: (t.source == "other", -t.count))  # type: ignore[attr-defined]
    return list(sections.values())


@dataclass(frozen=True)
class Member:
    reference: str
    response_id: int
    text: str
    official: bool  # officials set this response's themes in the section


def theme_members(theme: Theme, *, page: int = 1) -> tuple[list[Member], bool]:
    """Responses raising ``theme`` now (with themes merged into it), 50 a page; and whether
    there is a next page."""
    live = live_theme_of(theme.consultation)
    ids = [pk for pk, target in live.items() if target == theme.pk]
    rows = ThemeAssignment.objects.filter(theme_id__in=ids)
    rows = rows.filter(Q(source=Source.OFFICIAL) | (Q(source=Source.ENGINE) & ~_corrected_units()))
    # A page number typed into the address bar may be any size; past the last page is empty,
    # and the offset must stay within the database's integers.
    start = (min(max(1, page), _LAST_PAGE) - 1) * MEMBERS_PER_PAGE
    found = list(
        rows.order_by("response_id")
        .values_list("response_id", "source")
        .distinct()[start : start + MEMBERS_PER_PAGE + 1]
    )
    more = len(found) > MEMBERS_PER_PAGE
    found = found[:MEMBERS_PER_PAGE]
    response_ids = [rid for rid, _ in found]
    texts = section_texts(theme.consultation, theme.section, response_ids)
    references = dict(Response.objects.filter(pk__in=response_ids).values_list("id", "reference"))
    members = [
        Member(references[rid], rid, texts.get(rid, ""), source == Source.OFFICIAL)
        for rid, source in found
        if rid in references
    ]
    return members, more


@dataclass(frozen=True)
class Overlap:
    theme: Theme
    shared: int  # responses raising both
    share: float  # of the responses raising the theme looked at

    @property
    def percent(self) -> int:
        return round(100 * self.share)


OVERLAPS_SHOWN = 3


def theme_overlaps(theme: Theme, *, limit: int = OVERLAPS_SHOWN) -> list[Overlap]:
    """The live themes of the same section that the responses raising ``theme`` raise most
    often too, with how many and what share of them: a theme whose responses mostly raise
    another may be that theme in other words (a candidate beside a codebook theme)."""
    live = live_theme_of(theme.consultation)
    own = [pk for pk, target in live.items() if target == theme.pk]
    in_section = ThemeAssignment.objects.filter(
        theme__consultation=theme.consultation, theme__section=theme.section
    )
    # Officials' sets stand where they corrected a response (few): the engine's rows elsewhere.
    # Read once, so that no row asks again (measured: 2.5 s against 0.9 s for a theme of 33,544
    # responses at 100,000).
    corrected = list(
        in_section.filter(source=Source.OFFICIAL).values_list("response_id", flat=True).distinct()
    )
    effective = Q(source=Source.OFFICIAL) | (
        Q(source=Source.ENGINE) & ~Q(response_id__in=corrected)
    )
    members = in_section.filter(effective, theme_id__in=own).values("response_id")
    total = members.distinct().count()
    if not total:
        return []
    merged = {pk: target for pk, target in live.items() if target is not None and pk != target}
    target = (
        Case(
            *(When(theme_id=pk, then=Value(to)) for pk, to in merged.items()),
            default=F("theme_id"),
            output_field=BigIntegerField(),
        )
        if merged
        else F("theme_id")
    )
    counts = (
        in_section.filter(effective, response_id__in=members)
        .exclude(theme_id__in=own)
        .annotate(target=target)
        .values("target")
        .annotate(n=Count("response_id", distinct=True))
        .order_by("-n", "target")
    )
    shared = {row["target"]: row["n"] for row in counts if live.get(row["target"]) == row["target"]}
    ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))[:limit]
    themes = Theme.objects.in_bulk([pk for pk, _n in ranked])
    return [Overlap(themes[pk], n, n / total) for pk, n in ranked if pk in themes]


def section_texts(
    consultation: Consultation, section: str, response_ids: Iterable[int]
) -> dict[int, str]:
    """What each response wrote in a section (free-text question or clause)."""
    kind, _sep, ref = section.partition(":")
    ids = list(response_ids)
    if kind == "documents":
        # As the report reads them: personal data replaced by labels (see `document_text`).
        grouped: dict[int, list[str]] = defaultdict(list)
        for rid, text in (
            ResponseAttachment.objects.filter(
                response_id__in=ids,
                response__consultation=consultation,
                extraction=ResponseAttachment.Extraction.DONE,
            )
            .order_by("response_id", "id")
            .values_list("response_id", "analysed_text")
        ):
            grouped[rid].append(text)
        return {rid: document_text(texts) for rid, texts in grouped.items()}
    if kind == "clause":
        return dict(
            ClauseComment.objects.filter(
                response_id__in=ids, section__consultation=consultation, section__number=ref
            ).values_list("response_id", "text")
        )
    return dict(
        Answer.objects.filter(
            response_id__in=ids, question__consultation=consultation, question__key=ref
        ).values_list("response_id", "text")
    )


def review_agreement(consultation: Consultation) -> Agreement | None:
    """Agreement between the engine's assignments (as they were when officials corrected them)
    and officials' corrections; None before any correction. Responses checked in a random
    sample are left out: their agreement is the sample's (`sample_agreement`), and mixed in
    here they would blur the two figures."""
    live = live_theme_of(consultation)
    official: dict[tuple[int, str], set[int]] = defaultdict(set)
    for rid, theme_id, section in ThemeAssignment.objects.filter(
        theme__consultation=consultation, source=Source.OFFICIAL
    ).values_list("response_id", "theme_id", "theme__section"):
        target = live.get(theme_id)
        chosen = official.setdefault((rid, section), set())  # kept even if all were deleted
        if target is not None:
            chosen.add(target)
    sampled = set(latest_checks(consultation))
    if sampled:
        references = dict(
            Response.objects.filter(pk__in={rid for rid, _ in official}).values_list(
                "pk", "reference"
            )
        )
        official = {
            unit: themes
            for unit, themes in official.items()
            if (unit[1], references.get(unit[0])) not in sampled
        }
    if not official:
        return None
    engine: dict[tuple[int, str], set[int]] = defaultdict(set)
    for rid, theme_id, section in ThemeAssignment.objects.filter(
        theme__consultation=consultation,
        source=Source.ENGINE,
        response_id__in={rid for rid, _ in official},
    ).values_list("response_id", "theme_id", "theme__section"):
        target = live.get(theme_id)
        if (rid, section) in official and target is not None:
            engine[(rid, section)].add(target)
    tp = fp = fn = exact = 0
    for unit, wanted in official.items():
        got = engine.get(unit, set())
        tp += len(got & wanted)
        fp += len(got - wanted)
        fn += len(wanted - got)
        exact += got == wanted
    return agreement_of((tp, fp, fn, exact), len(official))


SAMPLE_SIZE = 50  # responses shown at first; officials may draw more
SAMPLE_MAX = 1000


def _writers(consultation: Consultation, section: str) -> QuerySet[Any]:
    """Ids of the submitted responses that wrote something in ``section``."""
    kind, _sep, ref = section.partition(":")
    rows: QuerySet[Any]
    if kind == "documents":
        rows = ResponseAttachment.objects.filter(
            response__consultation=consultation, extraction=ResponseAttachment.Extraction.DONE
        )
    elif kind == "clause":
        rows = ClauseComment.objects.filter(
            section__consultation=consultation, section__number=ref
        ).exclude(text="")
    else:
        rows = Answer.objects.filter(question__consultation=consultation, question__key=ref)
        rows = rows.exclude(text="")
    return rows.filter(response__status=Response.Status.SUBMITTED).values("response_id")


@dataclass(frozen=True)
class SampleUnit:
    rank: int  # place in the sample, from 1
    reference: str
    response_id: int
    text: str
    themes: list[int]  # live themes it raises now: officials' set once checked, else the engine's
    checked: bool


def review_sample(
    consultation: Consultation, section: str, *, size: int = SAMPLE_SIZE
) -> list[SampleUnit]:
    """The first ``size`` responses of the section's random sample, for officials to check.

    The sample is every submitted response that wrote in the section, in the order of a hash of
    the consultation, the section and the response: drawn blind to the themes (unlike responses
    officials come across in a theme), the same on every visit, and larger by taking more of the
    same order, so responses checked stay in it."""
    size = max(1, min(size, SAMPLE_MAX))
    salt = f"{consultation.pk}:{section}:"
    drawn = list(
        Response.objects.filter(consultation=consultation, pk__in=_writers(consultation, section))
        .annotate(draw=MD5(Concat(Value(salt), Cast("pk", CharField()))))
        .order_by("draw", "pk")
        .values_list("pk", "reference")[:size]
    )
    ids = [pk for pk, _ref in drawn]
    texts = section_texts(consultation, section, ids)
    live = live_theme_of(consultation)
    official: dict[int, set[int]] = defaultdict(set)
    engine: dict[int, set[int]] = defaultdict(set)
    for rid, theme_id, source in ThemeAssignment.objects.filter(
        response_id__in=ids, theme__consultation=consultation, theme__section=section
    ).values_list("response_id", "theme_id", "source"):
        target = live.get(theme_id)
        if target is not None:
            (official if source == Source.OFFICIAL else engine)[rid].add(target)
    checked = _checked_units(consultation, section, {ref for _pk, ref in drawn})
    return [
        SampleUnit(
            rank=n,
            reference=ref,
            response_id=pk,
            text=texts.get(pk, ""),
            themes=sorted(official[pk] if ref in checked or official[pk] else engine[pk]),
            checked=ref in checked,
        )
        for n, (pk, ref) in enumerate(drawn, start=1)
    ]


def _checked_units(
    consultation: Consultation, section: str, references: set[str]
) -> dict[str, dict[str, Any]]:
    """Reference → the latest check officials recorded for it in ``section`` (its payload)."""
    found: dict[str, dict[str, Any]] = {}
    for payload in (
        ThemeEdit.objects.filter(
            consultation=consultation,
            action=ThemeEdit.Action.CHECK,
            payload__section=section,
        )
        .order_by("created_at", "id")
        .values_list("payload", flat=True)
    ):
        if payload.get("response") in references:
            found[payload["response"]] = payload
    return found


def sample_agreement(
    consultation: Consultation, section: str, units: Sequence[SampleUnit]
) -> SampleAgreement | None:
    """Agreement on the checked ``units`` (a sample from `review_sample`), from the engine's
    themes as they were when each was checked; None before any is checked."""
    checks = _checked_units(consultation, section, {u.reference for u in units if u.checked})
    return check_agreement(checks.values(), live_theme_of(consultation), drawn=len(units))


@dataclass(frozen=True)
class ShareRow:
    """A theme of the section beside the sample: the share of the section's responses it has
    now (the engine's, with officials' corrections) and the share the checked sample gives."""

    theme: Theme
    count: int
    share: float | None  # None when nobody wrote in the section
    sample: ThemeShare
    outside: str  # "fewer" or "more" when the share is outside the sample's interval, else ""

    def percent(self, value: float | None) -> str:
        return "–" if value is None else f"{round(100 * value)}%"

    @property
    def share_text(self) -> str:
        return self.percent(self.share)

    @property
    def sample_text(self) -> str:
        return self.percent(self.sample.share)

    @property
    def interval_text(self) -> str:
        return f"{self.percent(self.sample.low)}–{self.percent(self.sample.high)}"


def sample_theme_shares(
    consultation: Consultation,
    section: str,
    units: Sequence[SampleUnit],
    themes: Sequence[Theme],
) -> list[ShareRow]:
    """For each of the section's ``themes``, its share of the responses now against the share
    officials gave it in the checked ``units`` of the random sample, with the sample's 95 %
    interval; empty before `SAMPLE_INTERVAL_MIN` are checked (the intervals would be too wide
    to tell anything)."""
    checks = _checked_units(consultation, section, {u.reference for u in units if u.checked})
    if len(checks) < SAMPLE_INTERVAL_MIN:
        return []
    shares = sample_shares(checks.values(), live_theme_of(consultation), [t.pk for t in themes])
    writers = Response.objects.filter(
        consultation=consultation, pk__in=_writers(consultation, section)
    ).count()
    rows = []
    for theme in themes:
        count = int(getattr(theme, "count", 0))
        share = count / writers if writers else None
        sample = shares[theme.pk]
        outside = ""
        if share is not None and share < sample.low:
            outside = "fewer"
        elif share is not None and share > sample.high:
            outside = "more"
        rows.append(ShareRow(theme, count, share, sample, outside))
    return rows


def checked_sections(
    consultation: Consultation, sections: Sequence[ReviewSection]
) -> list[tuple[ReviewSection, SampleAgreement]]:
    """The ``sections`` whose random sample officials checked, each with the agreement on all
    its checked responses (the figure the next report states)."""
    found = checked_samples(consultation, live_theme_of(consultation))
    return [(section, found[section.key]) for section in sections if section.key in found]


def theme_edits(consultation: Consultation, *, limit: int = 50) -> QuerySet[ThemeEdit]:
    """The review log, newest first."""
    return (
        ThemeEdit.objects.filter(consultation=consultation)
        .select_related("theme", "user")
        .order_by("-created_at", "-id")[:limit]
    )


COMPARED_FIGURES = (
    ("responses", gettext_lazy("Responses")),
    ("unique_texts", gettext_lazy("Distinct texts")),
    ("campaigns", gettext_lazy("Campaigns")),
    ("campaign_responses", gettext_lazy("Responses in campaigns")),
    ("organisations", gettext_lazy("Organisations")),
)
HASH_SHOWN = 12


def run_comparison(
    previous: dict[str, Any] | None, current: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """Two runs side by side (for "compare with the previous run"): headline figures, themes
    (with the labels that are new and those no longer found) and the input each read. Each row
    has a ``key``, a translated ``label``, both values (None where it does not apply) and
    ``themes``, the labels behind a theme difference."""
    if not previous or not current:
        return []
    before_figures = previous.get("headline") or {}
    after_figures = current.get("headline") or {}
    rows = [
        _row(key, label, before_figures.get(key), after_figures.get(key))
        for key, label in COMPARED_FIGURES
    ]
    before = _theme_labels(previous)
    after = _theme_labels(current)
    rows += [
        _row("themes", gettext_lazy("Themes"), len(before), len(after)),
        _row("themes_kept", gettext_lazy("Themes found in both"), None, len(before & after)),
        _row(
            "themes_new",
            gettext_lazy("Themes new in this report"),
            None,
            len(after - before),
            sorted(after - before),
        ),
        _row(
            "themes_gone",
            gettext_lazy("Themes no longer found"),
            len(before - after),
            None,
            sorted(before - after),
        ),
        _row(
            "input",
            gettext_lazy("Responses read (input hash)"),
            _short_hash(previous),
            _short_hash(current),
        ),
    ]
    return rows


def _row(
    key: str, label: Any, previous: Any, current: Any, themes: list[str] | None = None
) -> dict[str, Any]:
    return {
        "key": key,
        "label": label,
        "previous": previous,
        "current": current,
        "themes": themes or [],
    }


def _short_hash(content: dict[str, Any]) -> str | None:
    value = (content.get("run") or {}).get("input_hash")
    return str(value)[:HASH_SHOWN] if value else None


def _theme_labels(content: dict[str, Any]) -> set[str]:
    items = [*content.get("questions", []), *content.get("clauses", [])]
    return {theme["label"] for item in items for theme in item.get("themes", [])}
