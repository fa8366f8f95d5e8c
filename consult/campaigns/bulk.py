"""Supporters submitted in bulk by their organisation: the responses import's rules (rows
validated one by one, written batch by batch, idempotent per import key) with each supporter's
consent record and one `CampaignSupport` row per response, in the same transaction.

A row is refused on its own when its consent record is missing or incomplete, when its
submission is invalid, or when its email address already supported the campaign (in an earlier
import, on the campaign page, or earlier in the same file).
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from consult.consultations.questionnaire import Questionnaire, questionnaire_for
from consult.responses.import_formats import validation_paths
from consult.responses.import_writer import NewResponse, responses_write
from consult.responses.imports import (
    ATOMIC_MODES,
    BATCH_SIZE,
    CONFLICT,
    CREATED,
    INVALID,
    NOT_WRITTEN,
    WRITE_ATTEMPTS,
    RowResult,
    mark_key_used,
    refuse_rows,
    submission_digest,
    used_import_keys,
)
from consult.responses.models import Response
from consult.responses.submission import CleanSubmission, SubmissionInvalid, validate_submission

from .bulk_rows import ConsentRecord, SupporterRow
from .models import Campaign, CampaignSupport
from .services import email_digest, ensure_accepting, support_measure


@dataclass
class _Checked:
    item: SupporterRow
    result: RowResult
    clean: CleanSubmission | None = None
    key: str | None = None
    fingerprint: str = ""
    email: str = ""


def _fingerprint(clean: CleanSubmission, consent: ConsentRecord) -> str:
    payload = json.dumps(
        [submission_digest(clean), consent.share, consent.consented_at.isoformat(), consent.method]
    )
    return "campaign:" + hashlib.sha256(payload.encode()).hexdigest()[:55]


def supporters_import(
    *,
    campaign: Campaign,
    rows: Iterable[SupporterRow],
    key_prefix: str | None = None,
    atomic: str = "batch",
    batch_size: int = BATCH_SIZE,
    questionnaire: Questionnaire | None = None,
) -> Iterator[RowResult]:
    """Validate and write supporters' rows for `campaign`; yield one result per row, in order.

    The caller checks who may import (the campaign's own organisation) and that the campaign
    takes supporters (`ensure_accepting`), which is checked again for every batch.
    """
    if atomic not in ATOMIC_MODES:
        raise ValueError(f"atomic must be one of {ATOMIC_MODES}")
    questionnaire = questionnaire or questionnaire_for(campaign.consultation)
    batch = _SupporterBatch(campaign, questionnaire, key_prefix, atomic)
    iterator = iter(rows)
    for chunk in iter(lambda: list(islice(iterator, batch_size)), []):
        yield from batch.write([batch.check(item) for item in chunk])


@dataclass
class _SupporterBatch:
    campaign: Campaign
    questionnaire: Questionnaire
    key_prefix: str | None
    atomic: str

    def check(self, item: SupporterRow) -> _Checked:
        row = item.row
        result = RowResult(row.number, row.line, INVALID, errors=list(row.errors))
        checked = _Checked(item, result)
        if row.data is None or row.errors or item.consent is None:
            return checked
        try:
            clean = validate_submission(
                consultation=self.campaign.consultation,
                data=row.data,
                complete=True,
                questionnaire=self.questionnaire,
            )
        except SubmissionInvalid as exc:
            result.errors = validation_paths(row, exc.errors, self.questionnaire)
            return checked
        result.status = NOT_WRITTEN
        checked.clean = clean
        checked.fingerprint = _fingerprint(clean, item.consent)
        checked.email = email_digest(clean.respondent.email)
        if self.key_prefix:
            checked.key = f"{self.key_prefix}:{row.number}"
        return checked

    def write(self, checked: list[_Checked]) -> list[RowResult]:
        rows = [c.item.row.number for c in checked]
        for attempt in range(WRITE_ATTEMPTS):
            pending = self._match_existing(checked)
            pending = self._refuse_duplicates(pending)
            failed = [c.item.row.number for c in checked if c.result.status in (INVALID, CONFLICT)]
            if failed and self.atomic == "batch":
                refuse_rows(
                    (c.result for c in pending), first=rows[0], last=rows[-1], failed=failed
                )
                break
            try:
                with transaction.atomic():
                    self._write(pending)
            except IntegrityError:
                if attempt + 1 == WRITE_ATTEMPTS:
                    refuse_rows(
                        (c.result for c in pending),
                        first=rows[0],
                        last=rows[-1],
                        code="write_failed",
                    )
                continue
            break
        return [c.result for c in checked]

    def _write(self, pending: list[_Checked]) -> None:
        campaign = Campaign.objects.select_for_update().get(pk=self.campaign.pk)
        campaign.consultation = self.campaign.consultation
        ensure_accepting(campaign)
        references = responses_write(
            consultation=campaign.consultation,
            questionnaire=self.questionnaire,
            items=[NewResponse(c.clean, c.key, c.fingerprint) for c in pending if c.clean],
            channel=Response.Channel.CAMPAIGN,
            organisation=campaign.organisation,
        )
        ids = dict(Response.objects.filter(reference__in=references).values_list("reference", "id"))
        supports = []
        for c, reference in zip(pending, references, strict=True):
            assert c.clean is not None and c.item.consent is not None
            measure = support_measure(campaign, c.clean, self.questionnaire)
            consent = c.item.consent
            supports.append(
                CampaignSupport(
                    response_id=ids[reference],
                    campaign=campaign,
                    via=CampaignSupport.Via.BULK,
                    template_edited=measure.template_edited,
                    edit_ratio=measure.edit_ratio,
                    own_words_chars=measure.own_words_chars,
                    consent_share=consent.share,
                    consent_method=consent.method,
                    consented_at=consent.consented_at,
                    email_digest=c.email,
                )
            )
        CampaignSupport.objects.bulk_create(supports)
        for c, reference in zip(pending, references, strict=True):
            c.result.status, c.result.reference = CREATED, reference

    def _match_existing(self, checked: list[_Checked]) -> list[_Checked]:
        """Rows whose key was used are replayed (same content) or conflicts; the rest pend."""
        pending = [c for c in checked if c.clean is not None and c.result.status == NOT_WRITTEN]
        keyed = {c.key: c for c in pending if c.key}
        if keyed:
            consultation = self.campaign.consultation
            for key, fingerprint, reference in used_import_keys(consultation, list(keyed)):
                c = keyed[str(key)]
                mark_key_used(
                    c.result, same_content=fingerprint == c.fingerprint, reference=reference
                )
        return [c for c in pending if c.result.status == NOT_WRITTEN]

    def _refuse_duplicates(self, pending: list[_Checked]) -> list[_Checked]:
        """A second response from one email address to this campaign is refused, row by row."""
        digests = {c.email for c in pending if c.email}
        earlier = (
            dict(
                CampaignSupport.objects.filter(
                    campaign=self.campaign, email_digest__in=digests
                ).values_list("email_digest", "response__reference")
            )
            if digests
            else {}
        )
        seen: dict[str, int] = {}
        out = []
        for c in pending:
            if c.email and c.email in earlier:
                message = _(
                    "This supporter's email address has already responded through this campaign "
                    "(reference %(reference)s)."
                ) % {"reference": earlier[c.email]}
            elif c.email and c.email in seen:
                message = _(
                    "This supporter's email address is already used by row %(row)d of this file."
                ) % {"row": seen[c.email]}
            else:
                if c.email:
                    seen[c.email] = c.item.row.number
                out.append(c)
                continue
            c.result.status = INVALID
            path = "email" if c.item.row.fmt == "csv" else "respondent.email"
            c.result.errors = [(path, "already_supported", message)]
        return out
