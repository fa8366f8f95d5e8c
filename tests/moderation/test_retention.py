"""Retention: the originals of redacted and rejected texts are erased with the rest of the
personal data; what remains is the published text, and the queue stays consistent."""

from datetime import timedelta

import pytest

from consult.moderation.models import FalseAttributionReport, ModerationReason
from consult.moderation.scanning import moderation_sweep, text_hash
from consult.moderation.services import (
    REMOVED_TEXT,
    false_attribution_report_create,
    moderation_approve,
    moderation_redact,
    moderation_reject,
)
from consult.privacy.retention import retention_apply
from consult.responses.models import Answer, ClauseComment
from tests.privacy.conftest import publish

from .conftest import EMAIL, PHONE, item_of, submit

pytestmark = pytest.mark.django_db


def test_originals_of_redacted_and_rejected_texts_are_erased(consultation, moderator):
    redacted = submit(consultation, free_text=f"反対です。近所の佐藤に聞いて。電話 {PHONE}")
    rejected = submit(consultation, comment=f"お前ら死ね。{EMAIL}")
    approved = submit(consultation, free_text=f"反対です。私の番号は {PHONE} です。")
    item = item_of(redacted)
    phone = next(i for i, f in enumerate(item.flags) if f["kind"] == "phone")
    moderation_redact(item=item, user=moderator, flag_indexes=[phone], ranges=[(8, 10)])
    moderation_reject(
        item=item_of(rejected, comment=True),
        user=moderator,
        reason=ModerationReason.objects.get(code="abuse"),
    )
    moderation_approve(item=item_of(approved), user=moderator)
    false_attribution_report_create(
        reference=redacted.reference, statement="Not me.", contact_email="x@example.org"
    )
    publish(consultation)
    consultation.refresh_from_db()
    assert retention_apply(now=consultation.published_at + timedelta(days=1)).responses == 0
    original = Answer.objects.get(response=redacted, question__key="comments").text
    assert "佐藤" in original  # kept until the period ends, for the moderators

    later = consultation.published_at + timedelta(days=consultation.retention_days + 1)
    assert retention_apply(now=later).responses == 3
    answer = Answer.objects.get(response=redacted, question__key="comments")
    assert answer.text == answer.value == "反対です。近所の［非表示］に聞いて。電話 ［電話番号］"
    comment = ClauseComment.objects.get(response=rejected)
    assert comment.text == REMOVED_TEXT["ja"]
    # The approved text kept its words; personal data in it went with retention's redaction.
    kept = Answer.objects.get(response=approved, question__key="comments").text
    assert PHONE not in kept and kept.startswith("反対です。私の番号は")
    for response in (redacted, rejected, approved):
        for moderated in (item_of(response), item_of(response, comment=True)):
            source = moderated.answer or moderated.clause_comment
            assert moderated.text_hash == text_hash(source.text)  # nothing left to rescan
            if moderated.published_text is not None:
                assert moderated.published_text == source.text
    assert item_of(redacted).original_erased_at is not None and item_of(redacted).flags == []
    assert item_of(approved).published_text == kept
    report = FalseAttributionReport.objects.get()
    assert report.statement == "" and report.contact_email == "" and report.erased_at
    assert moderation_sweep().written == 0
    assert retention_apply(now=later).responses == 0  # idempotent
