"""CSV of a campaign's supporters who agreed to share their submission with the organisation.

Each row shows what the organisation's API token would show of that response
(`consult.responses.selectors.disclosure_for`): name, organisation name, region and age band only
for supporters published by name; answers and comments only for those published by name or
anonymously; for the rest (publication consent "none") the receipt, the kind and how the
template was used. Never the email address. Every text cell is neutralised for spreadsheets
(`consult.core.spreadsheet`).
"""

import csv
import io
from collections.abc import Iterator
from typing import Any

from consult.consultations.models import Question
from consult.core.spreadsheet import spreadsheet_cell
from consult.responses.selectors import disclosure_for
from consult.responses.selectors.filters import SHOWS_CONTENT, SHOWS_IDENTITY

from .models import Campaign, CampaignSupport
from .selectors import shared_supports

EXPORT_AUDIT_ACTION = "campaigns.export"
FIXED_COLUMNS = (
    "reference",
    "submitted_at",
    "language",
    "kind",
    "name",
    "organisation_name",
    "region",
    "age_band",
    "publication",
    "template_edited",
    "edit_ratio",
    "own_words_chars",
    "via",
)


def export_filename(campaign: Campaign) -> str:
    return f"campaign-{campaign.slug}-supporters.csv"


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return "" if value is None else str(value)


def _row(
    support: CampaignSupport, question_keys: list[str], section_numbers: list[str]
) -> list[Any]:
    response = support.response
    r = response.respondent
    disclosure = disclosure_for(r.consent, organisation_reader=True)
    named = disclosure in SHOWS_IDENTITY
    answers: dict[str, Any] = {}
    comments: dict[str, str] = {}
    if disclosure in SHOWS_CONTENT:
        answers = {a.question.key: a.value for a in response.answers.all()}
        comments = {c.section.number: c.text for c in response.clause_comments.all()}
    cells: list[Any] = [
        response.reference,
        response.submitted_at.isoformat() if response.submitted_at else "",
        response.language,
        r.kind,
        r.name if named else "",
        r.organisation_name if named else "",
        r.region if named else "",
        r.age_band if named else "",
        r.consent,
        support.template_edited,
        support.edit_ratio,
        support.own_words_chars,
        support.via,
    ]
    cells += [_value(answers.get(key)) for key in question_keys]
    cells += [comments.get(number, "") for number in section_numbers]
    return [spreadsheet_cell(c) for c in cells]


def supporters_csv(campaign: Campaign) -> Iterator[str]:
    """The export's lines (UTF-8 with BOM so spreadsheets read Japanese), streamed."""
    consultation = campaign.consultation
    question_keys = list(
        Question.objects.filter(consultation=consultation)
        .order_by("position")
        .values_list("key", flat=True)
    )
    section_numbers = list(
        consultation.sections.order_by("position").values_list("number", flat=True)
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(
        [*FIXED_COLUMNS]
        + [f"answer:{k}" for k in question_keys]
        + [f"comment:{n}" for n in section_numbers]
    )
    yield "\ufeff" + flush()
    for support in shared_supports(campaign):
        writer.writerow(_row(support, question_keys, section_numbers))
        yield flush()
