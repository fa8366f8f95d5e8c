"""Erasure at the respondent's request, through their private link (APPI Art. 35).

What is erased: every detail of the respondent (kind, name, organisation name, region, age band,
email, consent) and every answer, clause comment and attachment — the rows (and files) are
deleted, not replaced by a placeholder —, the keyed network trace of the submission and the digest
of their email address kept by a campaign, so nothing they wrote stays in the database. The response
row stays, withdrawn, with its reference, times and the notice version they accepted: the record
that a response existed and was erased, and the private link still shows that. Withdrawn responses
are not counted.
"""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from consult.campaigns.services import campaign_supports_forget_email
from consult.integrity.models import SubmissionTrace
from consult.responses.attachments.services import attachments_erase
from consult.responses.models import Answer, ClauseComment, Response

from .audit import audit_record
from .models import ActorKind, AuditAction, Erasure

RESPONDENT_BLANK_FIELDS = {
    "kind": "",
    "name": "",
    "organisation_name": "",
    "region": "",
    "age_band": "",
    "email": "",
    "email_verified_at": None,
    "consent": "",
}


@transaction.atomic
def response_erase(*, response: Response, request: HttpRequest | None = None) -> Erasure:
    """Erase a response's personal data and content at the respondent's request and withdraw it.

    Allowed whatever the consultation's status (the right does not end when it closes).
    Idempotent: a second call returns the first erasure and records nothing.
    """
    locked = (
        Response.objects.select_for_update()
        .select_related("respondent", "consultation")
        .get(pk=response.pk)
    )
    erasure = Erasure.objects.filter(response=locked).first()
    if erasure is not None and erasure.reason == Erasure.Reason.REQUEST:
        return erasure
    now = timezone.now()
    Answer.objects.filter(response=locked).delete()
    ClauseComment.objects.filter(response=locked).delete()
    attachments_erase(response_ids=[locked.pk])
    campaign_supports_forget_email(response_ids=[locked.pk])
    SubmissionTrace.objects.filter(response_id=locked.pk).delete()
    respondent = locked.respondent
    for name, value in RESPONDENT_BLANK_FIELDS.items():
        setattr(respondent, name, value)
    respondent.save(update_fields=[*RESPONDENT_BLANK_FIELDS, "updated_at"])
    if locked.status != Response.Status.WITHDRAWN:
        locked.status = Response.Status.WITHDRAWN
        locked.withdrawn_at = now
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
    if erasure is None:
        erasure = Erasure(response=locked)
    erasure.reason = Erasure.Reason.REQUEST
    erasure.pseudonym = ""
    erasure.erased_at = now
    erasure.save()
    audit_record(
        user=None,
        actor=ActorKind.RESPONDENT,
        action=AuditAction.REQUEST_ERASE,
        objects=[locked],
        request=request,
        consultation=locked.consultation,
    )
    response.refresh_from_db()
    return erasure
