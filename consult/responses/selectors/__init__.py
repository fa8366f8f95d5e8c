"""Reads of responses: the staff pages (`staff`), the API's filters and disclosure rules
(`filters`), and plain rows for the API and exports (`rows`); the consultation a submission goes
to, kept for a few seconds, is in `submission`."""

from .filters import Disclosure, ResponseFilters, disclosure_for, responses_filtered
from .rows import ResponseRow, response_records, response_row_chunks, response_rows
from .staff import (
    OnBehalf,
    response_breakdown,
    response_detail_for_staff,
    responses_for_consultation,
    submitted_on_behalf,
)

__all__ = [
    "Disclosure",
    "OnBehalf",
    "ResponseFilters",
    "ResponseRow",
    "disclosure_for",
    "response_breakdown",
    "response_detail_for_staff",
    "response_records",
    "response_row_chunks",
    "response_rows",
    "responses_filtered",
    "responses_for_consultation",
    "submitted_on_behalf",
]
