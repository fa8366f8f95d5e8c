"""A supporter's consent record, as an organisation sends it with each response it submits on a
supporter's behalf (single submissions, bulk imports and campaign supporters alike):

- JSON: `{"share": true, "consented_at": "2026-11-20T10:00:00+09:00", "method": "online_form"}`
  under the document's consent field;
- CSV: the columns `consent_share`, `consented_at` and `consent_method`.

`share`: whether the supporter agreed that the organisation may see their submission afterwards;
`consented_at`: an ISO 8601 date and time with a time zone, not in the future; `method`: how the
organisation collected the consent. Every value is required.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .import_json import parse_submission_document
from .import_source import ErrorItem, parse_bool
from .models import SupporterConsent
from .submission import SubmissionInput

# The field of a submission document an organisation's key sends it in (campaign supporters'
# rows call it `campaign_consent`).
SUPPORTER_CONSENT_FIELD = "supporter_consent"
CONSENT_COLUMNS = ("consent_share", "consented_at", "consent_method")
CONSENT_KEYS = ("share", "consented_at", "method")
CONSENT_METHODS = tuple(SupporterConsent.Method.values)
CLOCK_SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    share: bool
    consented_at: datetime
    method: str

    def as_values(self) -> dict[str, Any]:
        """The `SupporterConsent` fields it fills."""
        return {"share": self.share, "method": self.method, "consented_at": self.consented_at}

    def fingerprint_part(self) -> list[Any]:
        """What a retry must repeat for the consent to be the same one."""
        return [self.share, self.consented_at.isoformat(), self.method]


def consent_required(path: str) -> ErrorItem:
    return (
        path,
        "consent_required",
        _(
            "Each supporter's consent must be recorded: whether they share their response with "
            "the organisation, when they consented and how consent was collected."
        ),
    )


def parse_consent(
    share: Any, consented_at: Any, method: Any, *, paths: tuple[str, str, str]
) -> tuple[ConsentRecord | None, list[ErrorItem]]:
    """Check one consent record; every value is required."""
    errors: list[ErrorItem] = []
    share_path, at_path, method_path = paths
    if isinstance(share, str):
        share = parse_bool(share) if share.strip() else None
    if not isinstance(share, bool):
        errors.append(
            (
                share_path,
                "consent_required",
                _(
                    "Say whether the supporter agreed to share their response with the organisation: true or false."
                ),
            )
        )
    when = aware_instant(consented_at)
    if when is None:
        errors.append(
            (
                at_path,
                "consent_required",
                _(
                    "Give the time of consent as an ISO 8601 date and time with a time zone, e.g. 2026-11-20T10:00:00+09:00."
                ),
            )
        )
    elif when > timezone.now() + CLOCK_SKEW:
        errors.append((at_path, "invalid", _("The time of consent cannot be in the future.")))
    if isinstance(method, str):
        method = method.strip()
    if method not in CONSENT_METHODS:
        errors.append(
            (
                method_path,
                "consent_required",
                _("Say how consent was collected: one of %(methods)s.")
                % {"methods": ", ".join(CONSENT_METHODS)},
            )
        )
    if errors or when is None or not isinstance(share, bool):
        return None, errors
    return ConsentRecord(share, when, str(method)), errors


def consent_from_json(value: Any, field: str) -> tuple[ConsentRecord | None, list[ErrorItem]]:
    """The consent record under `field` of a JSON document (`value` is what it held, None if
    absent)."""
    if not isinstance(value, dict):
        return None, [consent_required(field)]
    errors: list[ErrorItem] = [
        (f"{field}.{key}", "unknown_field", _("Unknown field."))
        for key in sorted(set(value) - set(CONSENT_KEYS))
    ]
    consent, consent_errors = parse_consent(
        value.get("share"),
        value.get("consented_at"),
        value.get("method"),
        paths=(f"{field}.share", f"{field}.consented_at", f"{field}.method"),
    )
    return consent, errors + consent_errors


def parse_document_with_consent(
    doc: Any, language: str, consent_field: str | None
) -> tuple[
    SubmissionInput | None, list[ErrorItem], dict[str, int], dict[str, int], ConsentRecord | None
]:
    """A decoded submission document checked for shape, as `parse_submission_document`, and with
    `consent_field` (an organisation submitting on a supporter's behalf) the consent record it
    must carry under that field; its errors join the document's."""
    if consent_field is None:
        return (*parse_submission_document(doc, language), None)
    consent_doc = None
    if isinstance(doc, dict):
        doc = dict(doc)
        consent_doc = doc.pop(consent_field, None)
    data, errors, answer_index, comment_index = parse_submission_document(doc, language)
    consent, consent_errors = consent_from_json(consent_doc, consent_field)
    return data, errors + consent_errors, answer_index, comment_index, consent


def aware_instant(value: Any) -> datetime | None:
    """An ISO 8601 date-time with a time zone that the database can store, else None (also for
    well-formed impossible ones such as 2026-02-30, which `parse_datetime` raises on)."""
    if not isinstance(value, str):
        return None
    try:
        when = parse_datetime(value.strip())
        if when is None or timezone.is_naive(when):
            return None
        return when.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
