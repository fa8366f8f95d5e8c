"""Reading a supporters file: each row is a submission (as in the responses bulk import) plus
the supporter's consent record (`consult.responses.supporter_consent`).

JSON Lines: the submission document with one more field,
    "campaign_consent": {"share": true, "consented_at": "2026-11-20T10:00:00+09:00",
                         "method": "online_form"}
CSV: the bulk import's columns plus `consent_share`, `consented_at` and `consent_method`.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from consult.consultations.questionnaire import Questionnaire
from consult.responses.import_formats import ImportRow, read_rows
from consult.responses.supporter_consent import CONSENT_METHODS, ConsentRecord

CONSENT_FIELD = "campaign_consent"
# How an organisation may have collected consent (the campaign page's own is ours alone).
BULK_METHODS = CONSENT_METHODS

__all__ = ["BULK_METHODS", "CONSENT_FIELD", "ConsentRecord", "SupporterRow", "read_supporter_rows"]


@dataclass
class SupporterRow:
    row: ImportRow
    consent: ConsentRecord | None


def read_supporter_rows(
    file: IO[bytes], *, fmt: str, encoding: str, questionnaire: Questionnaire, language: str
) -> Iterator[SupporterRow]:
    """The rows of a supporters file whose encoding has been settled. A CSV header is checked
    at once (`ImportFileError`)."""
    rows = read_rows(
        file,
        fmt=fmt,
        encoding=encoding,
        questionnaire=questionnaire,
        language=language,
        consent_field=CONSENT_FIELD,
    )
    return (SupporterRow(row, row.consent) for row in rows)
