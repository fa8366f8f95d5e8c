"""One JSON Lines row: the submission document of the API (see `consult/api/v1/submission.py`)
checked for shape in plain Python, with the same paths and codes as the API's serializer.

{"language": "ja",
 "respondent": {"kind": "individual", "consent": "anonymous", "notice_accepted": true, …},
 "answers": [{"question": "overall", "value": 2}, …],
 "comments": [{"section": "2", "text": "…"}]}

A serializer per row would cost more than the rest of an import together; the values themselves
are left to `validate_submission`, like the API does.
"""

from typing import Any

from django.utils.translation import gettext as _

from .import_source import ErrorItem, parse_bool
from .submission import RespondentInput, SubmissionInput

TOP_FIELDS = frozenset({"language", "respondent", "answers", "comments"})
RESPONDENT_FIELDS = frozenset(
    {
        "kind",
        "name",
        "organisation_name",
        "region",
        "age_band",
        "email",
        "consent",
        "notice_accepted",
    }
)
REQUIRED_RESPONDENT = ("kind", "consent", "notice_accepted")
MAX_ITEMS = 200
Parsed = tuple[SubmissionInput | None, list[ErrorItem], dict[str, int], dict[str, int]]


def parse_submission_document(doc: Any, language: str) -> Parsed:
    """Check the shape of an already decoded submission document (the single-submit API and
    every JSON Lines row share this one implementation)."""
    if not isinstance(doc, dict):
        return None, [("", "invalid", _("Expected a submission document (a JSON object)."))], {}, {}
    errors: list[ErrorItem] = [
        (key, "unknown_field", _("Unknown field.")) for key in sorted(set(doc) - TOP_FIELDS)
    ]
    row_language = doc.get("language", None)
    if row_language is None:
        row_language = language
    elif row_language not in ("ja", "en"):
        errors.append(("language", "invalid_choice", _("Use ja or en.")))
    respondent = _respondent(doc.get("respondent"), errors)
    answers, answer_index = _items(doc, "answers", ("question", "value"), 40, errors)
    comments, comment_index = _items(doc, "comments", ("section", "text"), 20, errors)
    # Fields it does not know are the only fault: the document is still read, so that its
    # values are checked too and one answer names every problem (the caller sees the errors).
    if respondent is None or not only_unknown_fields(errors):
        return None, errors, answer_index, comment_index
    data = SubmissionInput(
        respondent=respondent, answers=answers, comments=comments, language=row_language
    )
    return data, errors, answer_index, comment_index


def only_unknown_fields(errors: list[ErrorItem]) -> bool:
    """Whether every shape error is a field the document should not have (or there is none)."""
    return all(code == "unknown_field" for _path, code, _message in errors)


def _respondent(value: Any, errors: list[ErrorItem]) -> RespondentInput | None:
    if value is None:
        errors.append(("respondent", "required", _("This field is required.")))
        return None
    if not isinstance(value, dict):
        errors.append(("respondent", "invalid", _("Expected a JSON object.")))
        return None
    count = len(errors)
    for key in sorted(set(value) - RESPONDENT_FIELDS):
        errors.append((f"respondent.{key}", "unknown_field", _("Unknown field.")))
    for key in REQUIRED_RESPONDENT:
        if key not in value:
            errors.append((f"respondent.{key}", "required", _("This field is required.")))
    notice = value.get("notice_accepted", False)
    if not isinstance(notice, bool):
        notice = parse_bool(str(notice)) if isinstance(notice, str | int) else None
        if notice is None:
            errors.append(("respondent.notice_accepted", "invalid", _("Must be a valid boolean.")))
    if not only_unknown_fields(errors[count:]):
        return None
    # Values are checked by validate_submission (text, choices, lengths), as for the API.
    return RespondentInput(
        kind=value.get("kind", ""),
        name=value.get("name", ""),
        organisation_name=value.get("organisation_name", ""),
        region=value.get("region", ""),
        age_band=value.get("age_band", ""),
        email=value.get("email", ""),
        consent=value.get("consent", ""),
        notice_accepted=bool(notice),
    )


def _items(
    doc: dict[str, Any],
    group: str,
    fields: tuple[str, str],
    max_key_length: int,
    errors: list[ErrorItem],
) -> tuple[dict[str, Any], dict[str, int]]:
    """`answers` or `comments`: a list of {key field, value field} objects, each key once."""
    items = doc.get(group, [])
    out: dict[str, Any] = {}
    index: dict[str, int] = {}
    if not isinstance(items, list):
        errors.append((group, "not_a_list", _("Expected a list of items.")))
        return out, index
    if len(items) > MAX_ITEMS:
        errors.append((group, "max_length", _("Ensure this field has no more than 200 elements.")))
        return out, index
    key_field, value_field = fields
    twice = (
        _("This question is answered twice.")
        if group == "answers"
        else _("This clause is commented on twice.")
    )
    for position, item in enumerate(items):
        path = f"{group}[{position}]"
        if not isinstance(item, dict):
            errors.append((path, "invalid", _("Expected a JSON object.")))
            continue
        for key in sorted(set(item) - set(fields)):
            errors.append((f"{path}.{key}", "unknown_field", _("Unknown field.")))
        key = item.get(key_field)
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)
        if key is None or key == "":
            errors.append((f"{path}.{key_field}", "required", _("This field is required.")))
        elif not isinstance(key, str) or len(key) > max_key_length:
            errors.append((f"{path}.{key_field}", "invalid", _("Not a valid string.")))
        elif key in index:
            errors.append((f"{path}.{key_field}", "invalid", twice))
        if value_field not in item or item[value_field] is None:
            errors.append((f"{path}.{value_field}", "required", _("This field is required.")))
        if isinstance(key, str) and key not in index:
            index[key] = position
            out[key] = item.get(value_field)
    return out, index
