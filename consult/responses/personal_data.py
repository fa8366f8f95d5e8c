"""Personal data a respondent is about to send in their own comments, shown back to them on the
review page before they submit.

The form asks for no names, addresses or contact details in comments; moderators remove what is
found before anything is published. Shown the passages at review time, a respondent can take
them out before they ever reach the platform's moderators, which is the better privacy outcome.
The same detector as moderation reads the text (`consult.analysis.pii`), so what is marked here
is what moderators would be shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from consult.analysis.pii import find_pii
from consult.moderation.models import FLAG_LABELS, PII_FLAG_KIND

from .questionnaire import QuestionnaireView


def _kind_label(kind: str) -> str:
    """The detector's kind in the words of the moderation queue."""
    return str(FLAG_LABELS.get(PII_FLAG_KIND.get(kind, kind), kind))


@dataclass(frozen=True, slots=True)
class PersonalDataNote:
    """What was found in one text: the text, escaped, with each passage in ``<mark>`` and line
    breaks as ``<br>``; and the kinds found, named, each once in order of appearance."""

    marked: SafeString
    kinds: tuple[str, ...]

    @property
    def listed(self) -> str:
        """The kinds as a list in running text of the active language."""
        return ("、" if get_language() == "ja" else ", ").join(self.kinds)


def personal_data_note(text: str) -> PersonalDataNote | None:
    """The note for ``text``, or None when nothing in it looks like personal data."""
    spans = find_pii(text) if text else []
    if not spans:
        return None
    parts: list[str] = []
    at = 0
    for span in spans:  # sorted, not overlapping
        parts.append(escape(text[at : span.start]))
        parts.append(f"<mark>{escape(span.text)}</mark>")
        at = span.end
    parts.append(escape(text[at:]))
    html = "".join(parts).replace("\r\n", "\n").replace("\n", "<br>")
    return PersonalDataNote(mark_safe(html), _distinct(_kind_label(s.kind) for s in spans))  # noqa: S308 - every text part escaped above


def _distinct(labels: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(labels))


def mark_personal_data(form: QuestionnaireView) -> QuestionnaireView:
    """Attach a `PersonalDataNote` to each clause comment and free-text answer of ``form`` that
    holds personal data (``personal_data``; None elsewhere). Returns ``form``."""
    for clause in form.clauses:
        clause.personal_data = personal_data_note(clause.comment)
    for question in [q for clause in form.clauses for q in clause.questions] + form.general:
        if question.kind == "free_text" and isinstance(question.value, str):
            question.personal_data = personal_data_note(question.value)
    return form
