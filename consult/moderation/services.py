"""Moderators' decisions on items and on false-attribution reports, and what retention does
to moderated texts. Every write is here; views only call these."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.analysis.pii import DETECTOR_VERSION
from consult.responses.models import Answer, ClauseComment, Response

from .models import FalseAttributionReport, ModerationItem, ModerationReason
from .redaction import Cut, redact_spans
from .scanning import kinds_field, text_flags, text_hash

if TYPE_CHECKING:
    from consult.accounts.models import User

REMOVED_TEXT = {"ja": "［モデレーションにより非公開］", "en": "[withheld by moderation]"}
"""What a rejected clause comment's text becomes once its original is erased (a comment may
not be empty)."""


def _of_responses(response_ids: Sequence[int]) -> Q:
    return Q(answer__response_id__in=response_ids) | Q(clause_comment__response_id__in=response_ids)


def item_original_text(item: ModerationItem) -> str:
    """The text the item moderates, as stored in its answer or comment."""
    if item.answer_id is not None:
        assert item.answer is not None
        return item.answer.text
    assert item.clause_comment is not None
    return item.clause_comment.text


def _locked(item: ModerationItem) -> tuple[ModerationItem, str]:
    locked = (
        ModerationItem.objects.select_for_update(of=("self",))
        .select_related("answer", "clause_comment")
        .get(pk=item.pk)
    )
    if locked.original_erased_at is not None:
        raise ValidationError(
            _("The original text was erased at the end of its retention period."), code="erased"
        )
    text = item_original_text(locked)
    if text_hash(text) != locked.text_hash:
        raise ValidationError(
            _("The text changed since it was scanned; it will be scanned again."), code="changed"
        )
    return locked, text


def _decide(
    item: ModerationItem,
    user: User,
    status: str,
    published_text: str | None,
    reason: ModerationReason | None,
) -> ModerationItem:
    if reason is not None and not reason.active:
        raise ValidationError(_("This reason is no longer offered."), code="inactive_reason")
    item.status = status
    item.published_text = published_text
    item.reason = reason
    item.auto = False
    item.decided_by = user
    item.decided_at = timezone.now()
    item.full_clean(exclude=["answer", "clause_comment", "consultation"])
    item.save(
        update_fields=[
            "status",
            "published_text",
            "reason",
            "auto",
            "decided_by",
            "decided_at",
            "updated_at",
        ]
    )
    return item


@transaction.atomic
def moderation_approve(
    *, item: ModerationItem, user: User, reason: ModerationReason | None = None
) -> ModerationItem:
    """Publish the text as written (the flags were not personal data or abuse)."""
    locked, text = _locked(item)
    return _decide(locked, user, ModerationItem.Status.APPROVED, text, reason)


@transaction.atomic
def moderation_redact(
    *,
    item: ModerationItem,
    user: User,
    flag_indexes: Sequence[int] = (),
    ranges: Sequence[tuple[int, int]] = (),
    reason: ModerationReason | None = None,
) -> ModerationItem:
    """Publish the text with the chosen flags (by index into `item.flags`) and character ranges
    (``[start, end)`` offsets into the original) replaced by labels."""
    locked, text = _locked(item)
    cuts: list[Cut] = []
    for index in flag_indexes:
        if not 0 <= index < len(locked.flags):
            raise ValidationError(_("Unknown flagged span: %(n)s.") % {"n": index}, code="flag")
        flag = locked.flags[index]
        cuts.append(Cut(int(flag["start"]), int(flag["end"]), str(flag["kind"])))
    for start, end in ranges:
        if not 0 <= start < end <= len(text):
            raise ValidationError(
                _("Characters %(start)s–%(end)s are not a range of this text (0–%(length)s).")
                % {"start": start, "end": end, "length": len(text)},
                code="range",
            )
        cuts.append(Cut(start, end, "other"))
    if not cuts:
        raise ValidationError(_("Choose at least one span to redact."), code="nothing")
    published = redact_spans(text, cuts)
    return _decide(locked, user, ModerationItem.Status.REDACTED, published, reason)


@transaction.atomic
def moderation_reject(
    *, item: ModerationItem, user: User, reason: ModerationReason
) -> ModerationItem:
    """Never publish or quote the text."""
    locked, _text = _locked(item)
    return _decide(locked, user, ModerationItem.Status.REJECTED, None, reason)


@transaction.atomic
def false_attribution_report_create(
    *, reference: str, statement: str, contact_email: str = ""
) -> FalseAttributionReport:
    """Record that the response with this reference number was made in someone's name without
    their consent. Only submitted responses can be reported."""
    response = (
        Response.objects.filter(
            reference=reference.strip().upper(), status=Response.Status.SUBMITTED
        )
        .only("pk", "consultation_id")
        .first()
    )
    if response is None:
        raise ValidationError(
            {"reference": _("No submitted response has this reference number.")},
            code="unknown_reference",
        )
    report = FalseAttributionReport(
        response=response,
        consultation_id=response.consultation_id,
        statement=statement.strip(),
        contact_email=contact_email.strip(),
    )
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def false_attribution_decide(
    *, report: FalseAttributionReport, user: User, uphold: bool, reason: str
) -> FalseAttributionReport:
    """Uphold (the response is set aside from the report's counts, and the reason is listed in
    its methodology annex) or dismiss a report, with a reason."""
    report = FalseAttributionReport.objects.select_for_update().get(pk=report.pk)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the decision.")}, code="reason")
    report.status = (
        FalseAttributionReport.Status.UPHELD if uphold else FalseAttributionReport.Status.DISMISSED
    )
    report.set_aside = uphold
    report.reason = reason
    report.decided_by = user
    report.decided_at = timezone.now()
    report.full_clean()
    report.save()
    return report


def moderation_retention_erase(*, response_ids: Sequence[int]) -> int:
    """At the end of the retention period, the originals of redacted and rejected texts go:
    a redacted text becomes its published form; a rejected answer becomes empty, a rejected
    comment a fixed notice. Reports' statements and contact emails go too. Items are kept
    consistent with what remains (their hash, no flags). Returns how many texts changed.
    Call inside the retention transaction."""
    now = timezone.now()
    items = list(
        ModerationItem.objects.filter(
            status__in=[ModerationItem.Status.REDACTED, ModerationItem.Status.REJECTED],
            original_erased_at__isnull=True,
        )
        .filter(_of_responses(response_ids))
        .select_related("answer__response", "clause_comment__response")
    )
    answers: list[Answer] = []
    comments: list[ClauseComment] = []
    for item in items:
        if item.answer is not None:
            text = item.published_text or ""
            item.answer.text = text
            item.answer.value = text
            answers.append(item.answer)
        elif item.clause_comment is not None:
            language = item.clause_comment.response.language
            text = item.published_text or REMOVED_TEXT.get(language, REMOVED_TEXT["en"])
            item.clause_comment.text = text
            comments.append(item.clause_comment)
        item.text_hash = text_hash(text)
        item.flags = []
        item.flag_kinds = ""
        item.pii_version = ""
        item.original_erased_at = now
        item.updated_at = now
    Answer.objects.bulk_update(answers, ["text", "value"])
    ClauseComment.objects.bulk_update(comments, ["text"])
    ModerationItem.objects.bulk_update(
        items,
        ["text_hash", "flags", "flag_kinds", "pii_version", "original_erased_at", "updated_at"],
    )
    FalseAttributionReport.objects.filter(
        response_id__in=response_ids, erased_at__isnull=True
    ).update(statement="", contact_email="", erased_at=now, updated_at=now)
    return len(items)


def moderation_resync(*, response_ids: Sequence[int]) -> int:
    """After texts were changed in place (retention's redaction of personal data), bring their
    items in line: the new text's hash and flags; a published text follows the text. Returns
    how many items were updated."""
    changed: list[ModerationItem] = []
    items = ModerationItem.objects.filter(_of_responses(response_ids)).select_related(
        "answer", "clause_comment"
    )
    for item in items:
        text = item_original_text(item)
        digest = text_hash(text)
        if digest == item.text_hash:
            continue
        item.text_hash = digest
        if item.original_erased_at is None:
            item.flags = text_flags(text)
            item.flag_kinds = kinds_field(item.flags)
            item.pii_version = DETECTOR_VERSION
        if item.published_text is not None:
            item.published_text = text
        changed.append(item)
    ModerationItem.objects.bulk_update(
        changed, ["text_hash", "flags", "flag_kinds", "pii_version", "published_text"]
    )
    return len(changed)
