"""Bulk import of responses (paper and email responses typed up by officials, supporters'
responses sent by organisations): rows validated one by one with `validate_submission`, written
batch by batch.

What is written when:
- `atomic="batch"` (default): rows go in consecutive batches of `BATCH_SIZE` (by row number). A
  batch is written in one transaction if every row in it is valid (or replayed); if any row is
  invalid or conflicts, nothing of that batch is written and each of its rows says why.
- `atomic="row"`: every valid row is written; invalid rows are reported. Valid rows are still
  committed a batch at a time.
Each batch is committed in its own transaction: if an import stops half-way, the batches written
stay. On PostgreSQL `API_IMPORT_WRITERS` batches (2) are written at once while the next is
validated (`import_pipeline`), so a batch after the one that stopped the import may be written
too. With an import key, row N has the idempotency key `<key prefix>:<N>`, so sending the same
file again creates nothing new (rows report `replayed`), and a changed row with a used number
reports a conflict; sending again also completes an interrupted import.
"""

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from consult.accounts.models import Organisation
from consult.consultations.models import Consultation
from consult.consultations.questionnaire import Questionnaire, questionnaire_for

from .import_formats import ImportRow, validation_paths
from .import_json import only_unknown_fields
from .import_pipeline import WRITERS, overlapped
from .import_source import ErrorItem
from .import_writer import NewResponse, responses_write
from .models import Response
from .submission import CleanSubmission, SubmissionInvalid, validate_submission
from .supporter_consent import SUPPORTER_CONSENT_FIELD, ConsentRecord, consent_required

BATCH_SIZE = 1000
ATOMIC_MODES = ("batch", "row")
MAX_KEY_LENGTH = 200  # Response.idempotency_key
WRITE_ATTEMPTS = 3

CREATED, REPLAYED = "created", "replayed"
INVALID, CONFLICT, NOT_WRITTEN = "invalid", "conflict", "not_written"


@dataclass(slots=True)
class RowResult:
    """What happened to one row: created or replayed (with its reference), or why it failed."""

    row: int
    line: int
    status: str
    reference: str | None = None
    errors: list[ErrorItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"row": self.row, "line": self.line, "status": self.status}
        if self.reference is not None:
            out["reference"] = self.reference
        if self.errors:
            out["errors"] = [{"path": p, "code": c, "message": m} for p, c, m in self.errors]
        return out


def refuse_rows(
    results: Iterable[RowResult],
    *,
    first: int,
    last: int,
    failed: Sequence[int] = (),
    code: str = "batch_not_written",
) -> None:
    """Mark the valid rows of a batch (rows ``first`` to ``last``) not written: in an atomic
    batch because rows ``failed`` are invalid (``batch_not_written``), or because writing failed
    (``write_failed``), each with its message in the current language."""
    if code == "write_failed":
        message = _("This row could not be written; send the file again with the same key.")
    else:
        shown = ", ".join(str(n) for n in failed[:10]) + ("…" if len(failed) > 10 else "")
        message = _(
            "Not written: its batch (rows %(first)d–%(last)d) is written only if every row "
            "in it is valid, and rows %(failed)s are not."
        ) % {"first": first, "last": last, "failed": shown}
    for result in results:
        result.status = NOT_WRITTEN
        result.errors = [("", code, message)]


@dataclass(slots=True)
class ImportSummary:
    rows: int = 0
    created: int = 0
    replayed: int = 0
    failed: int = 0

    def add(self, result: RowResult) -> None:
        self.rows += 1
        if result.status == CREATED:
            self.created += 1
        elif result.status == REPLAYED:
            self.replayed += 1
        else:
            self.failed += 1


def import_key_prefix(scope: str, key: str) -> str:
    """`<scope>:import:<key>`; a key too long to leave room for row numbers is replaced by its
    SHA-256, so every row key fits `Response.idempotency_key`."""
    prefix = f"{scope}:import:{key}"
    if len(prefix) + 8 > MAX_KEY_LENGTH:  # ":" + up to 7 digits
        prefix = f"{scope}:import:sha256-{hashlib.sha256(key.encode()).hexdigest()}"
    return prefix


def import_allowed(
    consultation: Consultation, *, official: bool, now: datetime | None = None
) -> bool:
    """Organisations import while the consultation accepts responses; officials also after it
    closes (paper and email responses arrive late), until it is marked analysed."""
    if consultation.accepts_responses(now):
        return True
    return official and consultation.current_status(now) == Consultation.Status.CLOSED


def submission_digest(clean: CleanSubmission, consent: ConsentRecord | None = None) -> str:
    """A hash of what a row stores, to tell a re-sent row from a changed one (any format)."""
    r = clean.respondent
    consent_part = consent.fingerprint_part() if consent is not None else []
    payload = json.dumps(
        [
            *consent_part,
            r.kind,
            r.name,
            r.organisation_name,
            r.region,
            r.age_band,
            r.email,
            r.consent,
            r.notice_accepted,
            clean.answers,
            clean.comments,
            clean.language,
        ],
        ensure_ascii=False,
        sort_keys=True,
    )
    return "import:" + hashlib.sha256(payload.encode()).hexdigest()[:56]


def responses_import(
    *,
    consultation: Consultation,
    rows: Iterable[ImportRow],
    channel: str,
    organisation: Organisation | None = None,
    key_prefix: str | None = None,
    atomic: str = "batch",
    batch_size: int = BATCH_SIZE,
    questionnaire: Questionnaire | None = None,
) -> Iterator[RowResult]:
    """Validate and write `rows`; yield one result per row, in order, a batch at a time.

    Memory holds a batch or two. The caller decides who may import (see `import_allowed`). With
    `organisation` (its API key submits on its supporters' behalf) every row must carry its
    supporter's consent record (`read_rows(consent_field=...)`), written with the response.
    """
    if atomic not in ATOMIC_MODES:
        raise ValueError(f"atomic must be one of {ATOMIC_MODES}")
    questionnaire = questionnaire or questionnaire_for(consultation)
    batcher = _Batch(consultation, questionnaire, channel, organisation, key_prefix, atomic)
    iterator = iter(rows)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # Validation (Python) and writing (mostly PostgreSQL) of neighbouring batches overlap,
        # two batches written at once.
        writers = max(1, int(getattr(settings, "API_IMPORT_WRITERS", WRITERS)))
        yield from overlapped(batches, prepare=batcher.check, finish=batcher.write, writers=writers)
        return
    for batch in batches:
        yield from batcher.write(batcher.check(batch))


@dataclass
class _Checked:
    row: ImportRow
    result: RowResult
    clean: CleanSubmission | None = None
    key: str | None = None
    digest: str = ""


@dataclass
class _Batch:
    consultation: Consultation
    questionnaire: Questionnaire
    channel: str
    organisation: Organisation | None
    key_prefix: str | None
    atomic: str

    def check(self, rows: list[ImportRow]) -> list[_Checked]:
        """Validate a batch (no database work)."""
        return [self._check(row) for row in rows]

    def write(self, checked: list[_Checked]) -> list[RowResult]:
        """Match the batch's keys with earlier imports and write what is new, in one
        transaction; return the batch's results."""
        rows = [c.row for c in checked]
        for attempt in range(WRITE_ATTEMPTS):
            pending = self._match_existing(checked)
            failed = [c.row.number for c in checked if c.result.status in (INVALID, CONFLICT)]
            if failed and self.atomic == "batch":
                refuse_rows(
                    (c.result for c in pending),
                    first=rows[0].number,
                    last=rows[-1].number,
                    failed=failed,
                )
                break
            try:
                with transaction.atomic():
                    references = responses_write(
                        consultation=self.consultation,
                        questionnaire=self.questionnaire,
                        items=[
                            NewResponse(c.clean, c.key, c.digest, c.row.consent)
                            for c in pending
                            if c.clean
                        ],
                        channel=self.channel,
                        organisation=self.organisation,
                    )
            except IntegrityError:
                # Another import with this key got there first, or a reference collided: look
                # again and redraw (the rows now found are replayed).
                if attempt + 1 == WRITE_ATTEMPTS:
                    refuse_rows(
                        (c.result for c in pending),
                        first=rows[0].number,
                        last=rows[-1].number,
                        code="write_failed",
                    )
                continue
            for c, reference in zip(pending, references, strict=True):
                c.result.status, c.result.reference = CREATED, reference
            break
        return [c.result for c in checked]

    def _check(self, row: ImportRow) -> _Checked:
        result = RowResult(row.number, row.line, INVALID, errors=list(row.errors))
        checked = _Checked(row, result)
        if self.organisation is not None and row.consent is None and not row.errors:
            result.errors.append(consent_required(SUPPORTER_CONSENT_FIELD))
        if row.data is None or not only_unknown_fields(result.errors):
            return checked
        # Only unknown fields (or none): the values are checked too, so a row's result names
        # every problem at once.
        try:
            clean = validate_submission(
                consultation=self.consultation,
                data=row.data,
                complete=True,
                questionnaire=self.questionnaire,
            )
        except SubmissionInvalid as exc:
            result.errors += validation_paths(row, exc.errors, self.questionnaire)
            return checked
        if result.errors:
            return checked
        result.status = NOT_WRITTEN
        checked.clean = clean
        checked.digest = submission_digest(clean, row.consent)
        if self.key_prefix:
            checked.key = f"{self.key_prefix}:{row.number}"
        return checked

    def _match_existing(self, checked: list[_Checked]) -> list[_Checked]:
        """Mark rows whose key was used (replayed, or a conflict); return those still to write."""
        pending = [c for c in checked if c.clean is not None and c.result.status == NOT_WRITTEN]
        keyed = {c.key: c for c in pending if c.key}
        if not keyed:
            return pending
        for key, digest, reference in used_import_keys(self.consultation, list(keyed)):
            c = keyed[str(key)]
            mark_key_used(c.result, same_content=digest == c.digest, reference=reference)
        return [c for c in pending if c.result.status == NOT_WRITTEN]


def mark_key_used(result: RowResult, *, same_content: bool, reference: str) -> None:
    """A row whose import key an earlier import used: replayed (the earlier result) when the
    content is the same, else a conflict naming the response that holds the key."""
    if same_content:
        result.status, result.reference = REPLAYED, reference
        return
    result.status = CONFLICT
    result.errors = [
        (
            "Import-Key",
            "idempotency_conflict",
            _(
                "Row %(row)d was imported with this key before with different content "
                "(reference %(reference)s)."
            )
            % {"row": result.row, "reference": reference},
        )
    ]


def used_import_keys(
    consultation: Consultation, keys: list[str]
) -> list[tuple[str | None, str, str]]:
    """(key, fingerprint, reference) of the consultation's responses with one of `keys`. On
    PostgreSQL as one array parameter: compiling an IN list of a batch's thousand keys cost the
    ORM more than the look-up."""
    if connection.vendor != "postgresql":
        return list(
            Response.objects.filter(
                consultation=consultation, idempotency_key__in=keys
            ).values_list("idempotency_key", "idempotency_fingerprint", "reference")
        )
    table = connection.ops.quote_name(Response._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT idempotency_key, idempotency_fingerprint, reference "  # noqa: S608
            f"FROM {table} WHERE consultation_id = %s AND idempotency_key = ANY(%s::text[])",
            [consultation.pk, keys],
        )
        return cursor.fetchall()
