"""Writing responses: drafts, submission, amendment, withdrawal, email verification.

Every write is one transaction; follow-up work is recorded in it and sent after commit.
"""

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, TypeVar

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation
from consult.consultations.questionnaire import Questionnaire, questionnaire_for
from consult.core.jobs import drain_after_commit, record_job

from .insert import LinkedRow, response_insert
from .models import Answer, ClauseComment, Respondent, Response
from .submission import CleanSubmission, SubmissionInput, validate_submission
from .tokens import access_token, new_reference, new_salt, token_hash

_T = TypeVar("_T")

EMAIL_VERIFY_SALT = "consult.responses.email-verify"
EMAIL_VERIFY_MAX_AGE = 60 * 60 * 24 * 14


class ConsultationNotOpen(ValidationError):
    """The consultation does not accept responses now (not yet open, or closed)."""


class ConsultationChanged(Exception):
    """The consultation changed (or stopped taking responses) after it was read: nothing was
    written; read it again and start over."""


class IdempotencyConflict(ValidationError):
    """The idempotency key was already used with a different submission (kept in `response`)."""

    def __init__(self, message: str, *, code: str, response: Response):
        super().__init__(message, code=code)
        self.response = response


def _ensure_open(consultation: Consultation) -> None:
    if not consultation.accepts_responses():
        raise ConsultationNotOpen(
            _("This consultation is not accepting responses."), code="consultation_not_open"
        )


def _ensure_editable(response: Response) -> None:
    if response.status == Response.Status.WITHDRAWN:
        raise ValidationError(_("This response has been withdrawn."), code="withdrawn")


def submission_fingerprint(data: SubmissionInput, extra: Sequence[Any] = ()) -> str:
    """A stable hash of a submission (and of `extra`, what else the request records with it), to
    tell a retry from a different request with the same key."""
    document: Any = [asdict(data), list(extra)] if extra else asdict(data)
    payload = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def _fill_respondent(
    respondent: Respondent, clean: CleanSubmission, questionnaire: Questionnaire
) -> None:
    r = clean.respondent
    respondent.kind = r.kind
    respondent.name = r.name
    respondent.organisation_name = (
        r.organisation_name if r.kind == Respondent.Kind.ORGANISATION else ""
    )
    respondent.region = r.region
    respondent.age_band = r.age_band
    if respondent.email != r.email:
        respondent.email_verified_at = None
    respondent.email = r.email
    respondent.consent = r.consent
    if r.notice_accepted:
        respondent.notice_version = questionnaire.notice_version


def _write(
    response: Response, clean: CleanSubmission, questionnaire: Questionnaire, *, new: bool = False
) -> None:
    """Write the respondent's details, answers and comments of a response from `clean`
    (replacing what an existing response had; a `new` one's respondent is saved already)."""
    if not new:
        _fill_respondent(response.respondent, clean, questionnaire)
        response.respondent.save()
        response.answers.all().delete()
        response.clause_comments.all().delete()
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question_id=questionnaire.questions[key].id,
            value=value,
            text=value if questionnaire.questions[key].kind == "free_text" else "",
        )
        for key, value in clean.answers.items()
    )
    ClauseComment.objects.bulk_create(
        ClauseComment(response=response, section_id=questionnaire.sections[number], text=text)
        for number, text in clean.comments.items()
    )


def _write_linked(response: Response, linked: Sequence[LinkedRow]) -> None:
    """The `linked` rows of `response` through the ORM; a row it holds already is kept."""
    for row in linked:
        instance = row.model(**{row.response_field: response, **row.values})
        row.model._default_manager.bulk_create([instance], ignore_conflicts=True)


def _new_response(
    consultation: Consultation,
    clean: CleanSubmission,
    questionnaire: Questionnaire,
    *,
    channel: str,
    status: str = Response.Status.DRAFT,
    submitted_at: datetime | None = None,
    idempotency_key: str | None = None,
    idempotency_fingerprint: str = "",
    organisation: Organisation | None = None,
    follow_ups: Sequence[str] = (),
    linked: Sequence[LinkedRow] = (),
) -> Response:
    """Create a response with its respondent, answers, comments and `linked` rows, and record
    the `follow_ups` (task names, called with the response's id) to send once the transaction
    commits: one statement on PostgreSQL, one INSERT per table elsewhere."""
    salt = new_salt()
    respondent = Respondent()
    _fill_respondent(respondent, clean, questionnaire)
    response = Response(
        consultation=consultation,
        respondent=respondent,
        reference=new_reference(),
        status=status,
        channel=channel,
        language=clean.language,
        access_salt=salt,
        access_token_hash=token_hash(access_token(salt)),
        idempotency_key=idempotency_key,
        idempotency_fingerprint=idempotency_fingerprint,
        submitted_at=submitted_at,
        organisation=organisation,
    )
    if connection.vendor != "postgresql":
        respondent.save()
        response.respondent = respondent
        response.save(force_insert=True)
        _write(response, clean, questionnaire, new=True)
        _write_linked(response, linked)
        for task_name in follow_ups:
            record_job(task_name, response_id=response.pk)
        drain_after_commit()
        return response
    now = timezone.now()
    inserted = response_insert(
        consultation_id=consultation.pk,
        consultation_version=consultation.updated_at,
        clean=clean,
        questionnaire=questionnaire,
        now=now,
        respondent=respondent,
        reference=response.reference,
        status=response.status,
        channel=channel,
        access_salt=salt,
        access_token_hash=response.access_token_hash,
        organisation_id=organisation.pk if organisation else None,
        idempotency_key=idempotency_key,
        idempotency_fingerprint=idempotency_fingerprint,
        submitted_at=submitted_at,
        jobs=[(task_name, "default") for task_name in follow_ups],
        linked=linked,
    )
    if inserted is None:
        raise ConsultationChanged(consultation.pk)
    for instance, pk in ((respondent, inserted.respondent_id), (response, inserted.response_id)):
        instance.pk, instance.created_at, instance.updated_at = pk, now, now
        instance._state.adding, instance._state.db = False, connection.alias
    response.respondent = respondent
    drain_after_commit()
    return response


def _new_draft(*, consultation: Consultation, data: SubmissionInput, channel: str) -> Response:
    _ensure_open(consultation)
    questionnaire = questionnaire_for(consultation)
    clean = validate_submission(
        consultation=consultation, data=data, complete=False, questionnaire=questionnaire
    )
    return _new_response(consultation, clean, questionnaire, channel=channel)


@transaction.atomic
def response_save_draft(
    *,
    consultation: Consultation,
    data: SubmissionInput,
    response: Response | None = None,
    channel: str = Response.Channel.WEB,
) -> Response:
    """Save an unfinished response; it can be resumed through its private link."""
    if response is None:
        return _with_current(
            consultation, lambda: _new_draft(consultation=consultation, data=data, channel=channel)
        )
    _ensure_open(consultation)
    questionnaire = questionnaire_for(consultation)
    clean = validate_submission(
        consultation=consultation, data=data, complete=False, questionnaire=questionnaire
    )
    response = Response.objects.select_for_update().get(pk=response.pk)
    _ensure_editable(response)
    if response.status != Response.Status.DRAFT:
        raise ValidationError(
            _("A submitted response cannot become a draft again."), code="submitted"
        )
    response.language = clean.language
    response.save(update_fields=["language", "updated_at"])
    _write(response, clean, questionnaire)
    return response


def response_submit(
    *,
    consultation: Consultation,
    data: SubmissionInput,
    response: Response | None = None,
    channel: str = Response.Channel.WEB,
    idempotency_key: str | None = None,
    organisation: Organisation | None = None,
    linked: Sequence[LinkedRow] = (),
    fingerprint_extra: Sequence[Any] = (),
    reread: bool = True,
) -> tuple[Response, bool]:
    """Submit a response (new, from a draft, or amending a submitted one); return it and whether
    this call did the work (False: a retry with the same idempotency key returned the first result).

    Validated completely; refused outside the consultation's window. A confirmation email is
    queued when an address was given, and a moderation scan always. `linked` rows of other
    tables (the submission trace, a supporter's consent) are written with the response, in its
    statement on PostgreSQL; a response that holds one already keeps it. `fingerprint_extra` is
    what else a retry must repeat (the consent record) for the idempotency key to replay.

    A new response on PostgreSQL, outside any transaction, is a single statement, atomic by
    itself: it runs in autocommit, without a transaction opened and committed around it (two
    round trips fewer per submission). That statement writes nothing if `consultation` changed
    since it was read: with `reread` the consultation is read again and the submission tried
    once more; without, `ConsultationChanged` is raised (for a caller that took the
    consultation from a cache and reads it again by its slug).
    """
    fingerprint = submission_fingerprint(data, fingerprint_extra) if idempotency_key else ""
    if idempotency_key and response is None:
        existing = _replayed(consultation, idempotency_key, fingerprint)
        if existing is not None:
            return existing, False
    args = (consultation, data, response, channel, idempotency_key, fingerprint, organisation)
    one_statement = (
        response is None and connection.vendor == "postgresql" and not connection.in_atomic_block
    )

    def attempt() -> Response:
        if one_statement:
            return _submit(*args, linked=linked)
        with transaction.atomic():
            return _submit(*args, linked=linked)

    try:
        return (_with_current(consultation, attempt) if reread else attempt()), True
    except IntegrityError:
        # Two requests with one key raced; the database let exactly one through.
        if idempotency_key:
            existing = _replayed(consultation, idempotency_key, fingerprint)
            if existing is not None:
                return existing, False
        raise


def _with_current(consultation: Consultation, attempt: Callable[[], _T]) -> _T:
    """``attempt()``, and once more with `consultation` read again if it changed after it was
    read (a caller may hold it from a cache: the new response's statement checks it)."""
    try:
        return attempt()
    except ConsultationChanged:
        try:
            consultation.refresh_from_db()
        except Consultation.DoesNotExist:
            raise ConsultationNotOpen(
                _("This consultation is not accepting responses."), code="consultation_not_open"
            ) from None
    try:
        return attempt()
    except ConsultationChanged:
        # Changed again in between: say so as a closed consultation would, nothing written.
        raise ConsultationNotOpen(
            _("This consultation is not accepting responses."), code="consultation_not_open"
        ) from None


def _replayed(consultation: Consultation, key: str, fingerprint: str) -> Response | None:
    existing = Response.objects.filter(consultation=consultation, idempotency_key=key).first()
    if existing is not None and existing.idempotency_fingerprint != fingerprint:
        raise IdempotencyConflict(
            _("This idempotency key was already used for a different submission."),
            code="idempotency_conflict",
            response=existing,
        )
    return existing


def _submit(
    consultation: Consultation,
    data: SubmissionInput,
    response: Response | None,
    channel: str,
    idempotency_key: str | None,
    fingerprint: str,
    organisation: Organisation | None = None,
    *,
    linked: Sequence[LinkedRow] = (),
) -> Response:
    _ensure_open(consultation)
    questionnaire = questionnaire_for(consultation)
    clean = validate_submission(
        consultation=consultation, data=data, complete=True, questionnaire=questionnaire
    )
    now = timezone.now()
    if response is None:
        response = _new_response(
            consultation,
            clean,
            questionnaire,
            channel=channel,
            status=Response.Status.SUBMITTED,
            submitted_at=now,
            idempotency_key=idempotency_key,
            idempotency_fingerprint=fingerprint,
            organisation=organisation,
            follow_ups=(
                ("responses.send_confirmation", "moderation.scan_response")
                if clean.respondent.email
                else ("moderation.scan_response",)
            ),
            linked=linked,
        )
        return response
    response = Response.objects.select_for_update().select_related("respondent").get(pk=response.pk)
    _ensure_editable(response)
    first_submission = response.status == Response.Status.DRAFT
    response.language = clean.language
    if first_submission:
        response.status = Response.Status.SUBMITTED
        response.submitted_at = now
    else:
        response.amended_at = now
    response.save()
    _write(response, clean, questionnaire)
    _write_linked(response, linked)
    if first_submission and clean.respondent.email:
        record_job("responses.send_confirmation", response_id=response.pk)
    record_job("moderation.scan_response", response_id=response.pk)
    drain_after_commit()
    return response


@transaction.atomic
def response_withdraw(*, response: Response) -> Response:
    """Withdraw a submitted or draft response while the consultation is open."""
    response = (
        Response.objects.select_for_update().select_related("consultation").get(pk=response.pk)
    )
    _ensure_open(response.consultation)
    _ensure_editable(response)
    response.status = Response.Status.WITHDRAWN
    response.withdrawn_at = timezone.now()
    response.save(update_fields=["status", "withdrawn_at", "updated_at"])
    return response


def response_for_token(token: str) -> Response | None:
    """The response a private link points to, if any."""
    if not token or len(token) > 100:
        return None
    return (
        Response.objects.select_related("consultation", "respondent", "consultation__department")
        .filter(access_token_hash=token_hash(token))
        .first()
    )


def response_private_token(response: Response) -> str:
    return access_token(response.access_salt)


def email_verification_token(response: Response) -> str:
    return signing.dumps(
        {"r": response.pk, "e": response.respondent.email}, salt=EMAIL_VERIFY_SALT, compress=True
    )


@transaction.atomic
def respondent_verify_email(*, token: str) -> Response | None:
    """Mark the respondent's email verified if the signed link is valid, recent and still matches."""
    try:
        payload = signing.loads(token, salt=EMAIL_VERIFY_SALT, max_age=EMAIL_VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    response = Response.objects.select_related("respondent").filter(pk=payload.get("r")).first()
    if (
        response is None
        or not response.respondent.email
        or response.respondent.email != payload.get("e")
    ):
        return None
    if response.respondent.email_verified_at is None:
        response.respondent.email_verified_at = timezone.now()
        response.respondent.save(update_fields=["email_verified_at", "updated_at"])
    return response
