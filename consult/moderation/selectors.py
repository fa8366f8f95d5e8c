"""Reading the moderation queue, decisions and reports; what other parts may publish."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from consult.analysis.pii import DETECTOR_VERSION
from consult.consultations.models import Consultation

from .models import FLAG_KINDS, FalseAttributionReport, ModerationItem, ModerationReason

EXPORT_CHUNK = 2000


def moderation_queue(
    consultation: Consultation, *, status: str = "", kind: str = ""
) -> QuerySet[ModerationItem]:
    """The consultation's items, pending first, then by id; filtered by status and flag kind
    (unknown values are ignored). Loads what the queue page shows in the same query."""
    items = ModerationItem.objects.filter(consultation=consultation)
    if status in ModerationItem.Status.values:
        items = items.filter(status=status)
    if kind in FLAG_KINDS:
        items = items.filter(flag_kinds__contains=f",{kind},")
    pending_first = Case(
        When(status=ModerationItem.Status.PENDING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        items.select_related(
            "answer__question",
            "answer__response",
            "clause_comment__section",
            "clause_comment__response",
            "reason",
            "decided_by",
        )
        .defer("answer__text", "answer__value", "clause_comment__text", "published_text")
        .order_by(pending_first, "id")
    )


def moderation_item_for(consultation: Consultation, pk: int) -> ModerationItem | None:
    return (
        ModerationItem.objects.filter(consultation=consultation, pk=pk)
        .select_related(
            "answer__question",
            "answer__response",
            "clause_comment__section",
            "clause_comment__response",
            "reason",
            "decided_by",
        )
        .first()
    )


def moderation_counts(consultation: Consultation) -> dict[str, int]:
    """Items per status."""
    from django.db.models import Count

    counts = dict.fromkeys(ModerationItem.Status.values, 0)
    for status, n in (
        ModerationItem.objects.filter(consultation=consultation)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts[status] = n
    return counts


def active_reasons() -> QuerySet[ModerationReason]:
    return ModerationReason.objects.filter(active=True)


EXPORT_HEADER = (
    "item",
    "response",
    "kind",
    "section",
    "status",
    "automatic",
    "flags",
    "reason_code",
    "reason_ja",
    "reason_en",
    "decided_by",
    "decided_at",
)


def decision_rows(consultation: Consultation) -> Iterator[Sequence[Any]]:
    """One row per item for the decisions export: what was flagged (kinds and counts, never
    the text), the decision, its reason and who took it. Streamed in id order."""
    items = (
        ModerationItem.objects.filter(consultation=consultation)
        .order_by("id")
        .values_list(
            "id",
            "answer__response__reference",
            "clause_comment__response__reference",
            "answer__question__key",
            "clause_comment__section__number",
            "status",
            "auto",
            "flags",
            "reason__code",
            "reason__label_ja",
            "reason__label_en",
            "decided_by__username",
            "decided_at",
        )
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    for (
        pk,
        answer_ref,
        comment_ref,
        question,
        clause,
        status,
        auto,
        flags,
        code,
        label_ja,
        label_en,
        username,
        decided_at,
    ) in items:
        counts: dict[str, int] = {}
        for flag in flags or []:
            counts[str(flag.get("kind"))] = counts.get(str(flag.get("kind")), 0) + 1
        yield (
            pk,
            answer_ref or comment_ref or "",
            "answer" if answer_ref else "clause_comment",
            question or f"clause {clause}",
            status,
            "yes" if auto else "no",
            " ".join(f"{kind}×{n}" for kind, n in sorted(counts.items())),
            code or "",
            label_ja or "",
            label_en or "",
            username or "",
            decided_at.isoformat() if decided_at else "",
        )


def false_attribution_reports(
    consultation: Consultation, *, status: str = ""
) -> QuerySet[FalseAttributionReport]:
    reports = FalseAttributionReport.objects.filter(consultation=consultation)
    if status in FalseAttributionReport.Status.values:
        reports = reports.filter(status=status)
    open_first = Case(
        When(status=FalseAttributionReport.Status.OPEN, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return reports.select_related("response", "decided_by").order_by(open_first, "-id")


def set_aside_response_ids(consultation_id: int) -> set[int]:
    """Responses set aside from counts after an upheld false-attribution report."""
    return set(
        FalseAttributionReport.objects.filter(
            consultation_id=consultation_id, set_aside=True
        ).values_list("response_id", flat=True)
    )


def set_aside_summary(consultation_id: int) -> list[dict[str, Any]]:
    """``[{"reason", "count"}]``: responses set aside, by the moderators' reason."""
    counts: dict[str, set[int]] = {}
    for response_id, reason in FalseAttributionReport.objects.filter(
        consultation_id=consultation_id, set_aside=True
    ).values_list("response_id", "reason"):
        counts.setdefault(reason, set()).add(response_id)
    return [{"reason": r, "count": len(ids)} for r, ids in sorted(counts.items())]


def published_texts(
    *, answer_ids: Sequence[int] = (), clause_comment_ids: Sequence[int] = ()
) -> dict[tuple[str, int], str]:
    """What may be shown publicly of these answers and comments: ``{("answer", id): text,
    ("clause_comment", id): text}`` holding only approved or redacted texts (their published
    form). Anything missing (pending, rejected, not yet scanned) must not be shown."""
    found: dict[tuple[str, int], str] = {}
    items = ModerationItem.objects.publishable()
    for field, ids in (("answer", answer_ids), ("clause_comment", clause_comment_ids)):
        for start in range(0, len(ids), EXPORT_CHUNK):
            chunk = ids[start : start + EXPORT_CHUNK]
            for source_id, text in items.filter(**{f"{field}_id__in": chunk}).values_list(
                f"{field}_id", "published_text"
            ):
                found[(field, source_id)] = text
    return found


def scanned_clean_texts(consultation_id: int, texts: Iterable[str]) -> set[str]:
    """Those of ``texts`` that a moderation scan by today's personal-data detector read and found
    nothing in (approved automatically, no flag): `consult.analysis.pii.redact` would return
    them unchanged, so a report need not run the detector on them again. Reads the
    consultation's clean items in chunks and keeps only texts asked about."""
    wanted = set(texts)
    clean: set[str] = set()
    items = ModerationItem.objects.filter(
        consultation_id=consultation_id,
        status=ModerationItem.Status.APPROVED,
        flag_kinds="",
        pii_version=DETECTOR_VERSION,
        original_erased_at__isnull=True,
    )
    for text in items.values_list("published_text", flat=True).iterator(chunk_size=EXPORT_CHUNK):
        if text in wanted:
            clean.add(text)
    return clean
