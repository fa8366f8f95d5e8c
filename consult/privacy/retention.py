"""Forgetting on schedule: personal data of a published consultation's respondents is erased
`retention_days` after publication, and each respondent's identity becomes a pseudonym.

Erased: email (and its verification time), the name (replaced by the pseudonym), an individual's
organisation name, the submission trace (hashed network and user agent), attachments (files
that may name people) and a campaign's digest of the email address. Kept: organisations'
names (public), kind, region, age band, consent and notice version (the report's breakdowns), and
the texts, which are the opinion, with personal data found inside them by `consult.analysis.pii`
redacted (e.g. "[email]", "［氏名］").
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from consult.analysis.pii import redact
from consult.campaigns.services import campaign_supports_forget_email
from consult.consultations.models import Consultation, Question
from consult.integrity.models import SubmissionTrace
from consult.moderation.services import moderation_resync, moderation_retention_erase
from consult.responses.attachments.services import attachments_erase
from consult.responses.models import Answer, ClauseComment, Respondent, Response

from .audit import audit_record
from .models import ActorKind, AuditAction, EmailState, Erasure
from .pseudonyms import pseudonym_for, pseudonym_key, respondent_identity

CHUNK = 200
"""Responses erased per transaction (and per audit event)."""


@dataclass(frozen=True)
class RetentionResult:
    """What one run did: consultations past their retention period, responses erased now."""

    consultations: int = 0
    responses: int = 0
    texts_redacted: int = 0


def consultations_past_retention(*, now: datetime | None = None) -> list[Consultation]:
    """Published consultations whose `published_at` is `retention_days` or more before `now`."""
    now = now or timezone.now()
    published = Consultation.objects.filter(
        status=Consultation.Status.PUBLISHED, published_at__isnull=False
    ).order_by("pk")
    return [
        c
        for c in published
        if c.published_at is not None and c.published_at + timedelta(days=c.retention_days) <= now
    ]


def retention_apply(*, now: datetime | None = None) -> RetentionResult:
    """Erase the personal data of every response of every consultation past its retention period
    that has not been erased yet. Each chunk of responses is one transaction with one audit event,
    so an interrupted run keeps what it did and the next run continues. Idempotent."""
    now = now or timezone.now()
    due = consultations_past_retention(now=now)
    responses = texts = 0
    for consultation in due:
        key = pseudonym_key(consultation_id=consultation.pk)
        for ids in _pending_chunks(consultation):
            erased, redacted = _erase_chunk(consultation, ids, key, now)
            responses += erased
            texts += redacted
    return RetentionResult(consultations=len(due), responses=responses, texts_redacted=texts)


def _pending_chunks(consultation: Consultation) -> Iterator[list[int]]:
    last = 0
    while True:
        # NOT EXISTS bounded to the ids still ahead (as the moderation sweep): each chunk costs
        # the same however many responses were erased before it.
        erased = Erasure.objects.filter(response_id=OuterRef("pk"), response_id__gt=last)
        ids = list(
            Response.objects.filter(~Exists(erased), consultation=consultation, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:CHUNK]
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


@transaction.atomic
def _erase_chunk(
    consultation: Consultation, ids: Sequence[int], key: bytes, now: datetime
) -> tuple[int, int]:
    """Erase one chunk; returns (responses erased, texts changed by redaction)."""
    locked = list(Response.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    done = set(Erasure.objects.filter(response_id__in=ids).values_list("response_id", flat=True))
    todo = [r for r in locked if r.pk not in done]  # erased meanwhile, e.g. at their request
    if not todo:
        return 0, 0
    todo_ids = [r.pk for r in todo]
    respondents = {
        r.pk: r for r in Respondent.objects.filter(response__in=todo_ids).select_related("response")
    }
    erasures = []
    for respondent in respondents.values():
        pseudonym = pseudonym_for(
            key=key,
            identity=respondent_identity(respondent_id=respondent.pk, email=respondent.email),
        )
        if respondent.email_verified_at is not None:
            email_state = EmailState.VERIFIED
        else:
            email_state = EmailState.UNVERIFIED if respondent.email else EmailState.NONE
        respondent.name = pseudonym
        respondent.email = ""
        respondent.email_verified_at = None
        if respondent.kind != Respondent.Kind.ORGANISATION:
            respondent.organisation_name = ""
        respondent.updated_at = now
        erasures.append(
            Erasure(
                response=respondent.response,
                reason=Erasure.Reason.RETENTION,
                pseudonym=pseudonym,
                erased_at=now,
                email_state=email_state,
            )
        )
    Respondent.objects.bulk_update(
        respondents.values(),
        ["name", "email", "email_verified_at", "organisation_name", "updated_at"],
    )
    # Originals kept only for moderation go first (a redacted text becomes its published form),
    # then personal data left in any text is redacted, and the moderation items follow suit.
    moderated = moderation_retention_erase(response_ids=todo_ids)
    redacted = _redact_texts(todo_ids) + moderated
    moderation_resync(response_ids=todo_ids)
    SubmissionTrace.objects.filter(response_id__in=todo_ids).delete()
    attachments_erase(response_ids=todo_ids, keep_analysed=True)
    campaign_supports_forget_email(response_ids=todo_ids)
    Erasure.objects.bulk_create(erasures)
    audit_record(
        user=None,
        actor=ActorKind.SYSTEM,
        action=AuditAction.RETENTION_ERASE,
        objects=todo,
        consultation=consultation,
        reason=f"retention_days={consultation.retention_days}",
    )
    return len(todo), redacted


def _redact_texts(response_ids: Sequence[int]) -> int:
    """Redact personal data inside free-text answers and clause comments; returns how many
    texts changed."""
    answers = []
    for answer in Answer.objects.filter(
        response_id__in=response_ids, question__kind=Question.Kind.FREE_TEXT
    ).only("id", "value", "text"):
        source = answer.text or (answer.value if isinstance(answer.value, str) else "")
        cleaned = redact(source)
        if cleaned != source:
            answer.text = cleaned
            answer.value = cleaned
            answers.append(answer)
    comments = []
    for comment in ClauseComment.objects.filter(response_id__in=response_ids).only("id", "text"):
        cleaned = redact(comment.text)
        if cleaned != comment.text:
            comment.text = cleaned
            comments.append(comment)
    Answer.objects.bulk_update(answers, ["text", "value"])
    ClauseComment.objects.bulk_update(comments, ["text"])
    return len(answers) + len(comments)
