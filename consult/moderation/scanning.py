"""Scanning texts for the moderation queue: personal data (`consult.analysis.pii`) and abuse
(`consult.analysis.abuse`) become flags (spans and kinds, never the text itself).

A text with no flag is approved automatically; a flagged one waits for a moderator. Each item
keeps the SHA-256 of the text it was scanned from, so a text changed in place is scanned again
(an amended response's answers and comments are new rows: their items went with the old ones).
Work is done in batches: one read of the texts, one read of their items, one `bulk_create` and
one `bulk_update` per batch, whatever the number of comments.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from consult.analysis.abuse import find_abuse
from consult.analysis.pii import DETECTOR_VERSION, find_pii
from consult.consultations.models import Question
from consult.responses.models import Answer, ClauseComment, Response

from .models import PII_FLAG_KIND, ModerationItem
from .redaction import Cut, redact_spans

BATCH = 500


@dataclass(frozen=True)
class ScanResult:
    """What one scan did: texts looked at, items created or rescanned, flagged, auto-approved."""

    scanned: int = 0
    written: int = 0
    flagged: int = 0
    auto_approved: int = 0

    def __add__(self, other: ScanResult) -> ScanResult:
        return ScanResult(
            self.scanned + other.scanned,
            self.written + other.written,
            self.flagged + other.flagged,
            self.auto_approved + other.auto_approved,
        )


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def text_flags(text: str) -> list[dict[str, Any]]:
    """Flags of ``text``: ``[{"start", "end", "kind"}]`` sorted by start (kinds in
    `consult.moderation.models.FLAG_KINDS`); spans of different kinds may overlap."""
    flags = [
        {"start": span.start, "end": span.end, "kind": PII_FLAG_KIND.get(span.kind, span.kind)}
        for span in find_pii(text)
    ]
    flags.extend(
        {"start": span.start, "end": span.end, "kind": span.kind} for span in find_abuse(text)
    )
    return sorted(flags, key=lambda flag: (flag["start"], flag["end"], flag["kind"]))


UNCUT_KINDS = frozenset({"all_caps"})  # a shouted passage is still the opinion


def labelled_text(text: str, flags: list[dict[str, Any]] | None = None) -> tuple[str, bool]:
    """``text`` as it may be read before (or without) a moderator: every flagged passage but
    shouting replaced by its label (flags computed now unless given). Returns the text and
    whether anything was flagged."""
    if flags is None:
        flags = text_flags(text)
    cuts = [
        Cut(int(f["start"]), int(f["end"]), str(f["kind"]))
        for f in flags
        if f["kind"] not in UNCUT_KINDS
    ]
    return (redact_spans(text, cuts) if cuts else text), bool(flags)


def kinds_field(flags: Iterable[dict[str, Any]]) -> str:
    kinds = sorted({flag["kind"] for flag in flags})
    return "," + ",".join(kinds) + "," if kinds else ""


def _fill(item: ModerationItem, text: str, digest: str) -> None:
    """Scan ``text`` into ``item``: flags, and pending or approved automatically."""
    flags = text_flags(text)
    item.flags = flags
    item.flag_kinds = kinds_field(flags)
    item.text_hash = digest
    item.pii_version = DETECTOR_VERSION
    item.decided_by = None
    item.decided_at = None
    item.reason = None
    item.original_erased_at = None
    if flags:
        item.status = ModerationItem.Status.PENDING
        item.published_text = None
        item.auto = False
    else:
        item.status = ModerationItem.Status.APPROVED
        item.published_text = text
        item.auto = True
        item.decided_at = timezone.now()


_FIELDS = [
    "flags",
    "flag_kinds",
    "text_hash",
    "pii_version",
    "status",
    "published_text",
    "auto",
    "decided_by",
    "decided_at",
    "reason",
    "original_erased_at",
    "updated_at",
]


@transaction.atomic
def _scan_batch(
    texts: Sequence[tuple[str, int, int, str]],
) -> ScanResult:
    """Scan ``(field, source id, consultation id, text)`` rows: new items for texts without
    one, rescans where the text changed, nothing where it did not."""
    by_field: dict[str, list[int]] = {"answer": [], "clause_comment": []}
    for field, source_id, _consultation, _text in texts:
        by_field[field].append(source_id)
    existing: dict[tuple[str, int], ModerationItem] = {}
    for field, ids in by_field.items():
        if ids:
            for item in ModerationItem.objects.filter(**{f"{field}_id__in": ids}):
                existing[(field, getattr(item, f"{field}_id"))] = item
    created: list[ModerationItem] = []
    changed: list[ModerationItem] = []
    now = timezone.now()
    for field, source_id, consultation_id, text in texts:
        digest = text_hash(text)
        found = existing.get((field, source_id))
        if found is not None and found.text_hash == digest:
            continue
        if found is None:
            item = ModerationItem(consultation_id=consultation_id, **{f"{field}_id": source_id})
            created.append(item)
        else:
            item = found
            item.updated_at = now
            changed.append(item)
        _fill(item, text, digest)
    # A scan running at the same time may have created some of these: theirs stand.
    ModerationItem.objects.bulk_create(created, ignore_conflicts=True)
    ModerationItem.objects.bulk_update(changed, _FIELDS)
    written = created + changed
    flagged = sum(1 for item in written if item.flags)
    return ScanResult(
        scanned=len(texts),
        written=len(written),
        flagged=flagged,
        auto_approved=len(written) - flagged,
    )


def _answer_rows(queryset: Any, limit: int | None = None) -> list[tuple[str, int, int, str]]:
    values = (
        queryset.filter(question__kind=Question.Kind.FREE_TEXT)
        .exclude(text="")
        .order_by("pk")
        .values_list("pk", "response__consultation_id", "text")
    )
    return [("answer", *row) for row in (values if limit is None else values[:limit])]


def _comment_rows(queryset: Any, limit: int | None = None) -> list[tuple[str, int, int, str]]:
    values = queryset.order_by("pk").values_list("pk", "response__consultation_id", "text")
    return [("clause_comment", *row) for row in (values if limit is None else values[:limit])]


def moderation_scan(
    *,
    response_id: int | None = None,
    answer_ids: Sequence[int] = (),
    clause_comment_ids: Sequence[int] = (),
) -> ScanResult:
    """Scan the free-text answers and clause comments of a response, or the given ones, in
    batches of `BATCH`. Safe to run twice: unchanged texts are skipped."""
    rows: list[tuple[str, int, int, str]] = []
    if response_id is not None:
        rows += _answer_rows(Answer.objects.filter(response_id=response_id))
        rows += _comment_rows(ClauseComment.objects.filter(response_id=response_id))
    for start in range(0, len(answer_ids), BATCH):
        rows += _answer_rows(Answer.objects.filter(pk__in=answer_ids[start : start + BATCH]))
    for start in range(0, len(clause_comment_ids), BATCH):
        ids = clause_comment_ids[start : start + BATCH]
        rows += _comment_rows(ClauseComment.objects.filter(pk__in=ids))
    result = ScanResult()
    for start in range(0, len(rows), BATCH):
        result += _scan_batch(rows[start : start + BATCH])
    return result


def moderation_sweep(*, consultation_id: int | None = None, limit: int | None = None) -> ScanResult:
    """Scan every submitted free-text answer and clause comment that has no item yet (bulk
    imports, amendments, a scan lost with its worker), in batches by id; at most ``limit``
    texts when given. Returns what was done."""
    result = ScanResult()
    scopes: dict[str, Any] = {"response__status": Response.Status.SUBMITTED}
    if consultation_id is not None:
        scopes["response__consultation_id"] = consultation_id
    sources: list[tuple[Any, str, Any]] = [
        (Answer, "answer", _answer_rows),
        (ClauseComment, "clause_comment", _comment_rows),
    ]
    for model, field, read in sources:
        last = 0
        while limit is None or result.scanned < limit:
            size = BATCH if limit is None else min(BATCH, limit - result.scanned)
            rows = read(_unscanned(model, field, after=last).filter(**scopes), size)
            if not rows:
                break
            result += _scan_batch(rows)
            last = rows[-1][1]
    return result


def _unscanned(model: Any, field: str, *, after: int) -> Any:
    """``model`` rows above id ``after`` with no moderation item. NOT EXISTS, bounded to the
    same id range on both sides, lets PostgreSQL walk both indexes from ``after`` and stop at a
    batch: each batch costs the same however many texts were scanned before (a LEFT JOIN …
    IS NULL made it join every item and sort every text, seconds a batch at a million)."""
    items = ModerationItem.objects.filter(**{field: OuterRef("pk"), f"{field}__gt": after})
    return model.objects.filter(~Exists(items), pk__gt=after)
