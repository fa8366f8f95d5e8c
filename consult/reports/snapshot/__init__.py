"""The input of a report run: a consultation's submitted responses, read once and frozen.

The snapshot is a header (the consultation and its questionnaire, both languages) and one row
per submitted response, oldest first::

    {"id", "ref", "at", "lang", "channel", "kind", "region", "age", "consent", "org",
     "answers": {question key: value}, "comments": {clause number: text}, "held": [section],
     "verified": bool (organisations only), "documents": text (only when there is one)}

No names, emails or other contact details are read. ``org`` is the organisation's name when the
respondent answered as an organisation, else "". ``verified`` says whether the organisation
that submitted its own response was verified when the snapshot was taken. ``documents`` is the
text extracted from the response's attachments (see `read.document_text`), analysed as one
more section (``documents:attachments``) and never quoted.

Its *input hash* is the SHA-256 of the canonical JSON (sorted keys, no spaces, UTF-8) of
``{"header": header, "responses": [row, ...]}``, computed while streaming, so the same responses
always give the same hash. The rows are written as gzipped JSON lines (header first) to the
run's private snapshot file, and a retried run reads that file instead of the database, so it
analyses exactly the same input.

In memory the snapshot is columnar (a list per attribute) plus, per analysis *section* (each
free-text question and each clause), the texts to analyse with their row and Likert answer;
choice answers are tallied on the way and not kept per response. Reading streams with
``.iterator()`` and ``values_list`` so 1,000,000 responses never exist as model instances.
"""

from .model import (
    DOCUMENTS_SECTION,
    Snapshot,
    Tally,
    Units,
    canonical,
    clause_section,
    question_section,
)
from .read import snapshot_header
from .store import snapshot_load, snapshot_read, snapshot_take

__all__ = [
    "DOCUMENTS_SECTION",
    "Snapshot",
    "Tally",
    "Units",
    "canonical",
    "clause_section",
    "question_section",
    "snapshot_header",
    "snapshot_load",
    "snapshot_read",
    "snapshot_take",
]
