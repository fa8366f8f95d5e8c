"""The public filters, checked before any query: each bad value gets its own message."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consult.consultations.models import LIKERT_SCALE, Consultation, Question
from consult.core.i18n import localized
from consult.responses.models import Respondent
from consult.responses.regions import Region

from .selectors import CHOICE_KINDS, PublicFilters

SEARCH_MAX = 200


class PublicFilterForm(forms.Form):
    """Filters of the public responses page and the open data, for one consultation (its
    questions and clauses prefetched)."""

    question = forms.ChoiceField(label=gettext_lazy("Question"), required=False)
    answer = forms.CharField(label=gettext_lazy("Answer"), required=False, max_length=40)
    kind = forms.ChoiceField(
        label=gettext_lazy("Respondent"),
        required=False,
        choices=[("", gettext_lazy("All")), *Respondent.Kind.choices],
    )
    region = forms.ChoiceField(
        label=gettext_lazy("Region"),
        required=False,
        choices=[("", gettext_lazy("All")), *Region.choices],
        help_text=gettext_lazy("Only respondents who published with their name show a region."),
    )
    clause = forms.ChoiceField(label=gettext_lazy("Comments on clause"), required=False)
    q = forms.CharField(
        label=gettext_lazy("Search the published comments"),
        required=False,
        max_length=SEARCH_MAX,
    )

    def __init__(self, data: Any, *, consultation: Consultation) -> None:
        super().__init__(data)
        self.questions = {q.key: q for q in consultation.questions.all() if q.kind in CHOICE_KINDS}
        self.fields["question"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *((key, localized(q, "text")) for key, q in self.questions.items()),
        ]
        self.fields["clause"].choices = [  # type: ignore[attr-defined]
            ("", _("All")),
            *(
                (s.number, f"{s.number} {localized(s, 'title')}")
                for s in consultation.sections.all()
            ),
        ]

    def answer_options(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """Each choice question (key, text) with its answers (key, label), for the picker."""
        return [(key, localized(q, "text")[:80], _options(q)) for key, q in self.questions.items()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        key, answer = cleaned.get("question"), cleaned.get("answer")
        if answer and not key and "question" not in self.errors:
            self.add_error("answer", _("Choose the question this answer belongs to."))
        elif answer and key in self.questions:
            allowed = [value for value, _label in _options(self.questions[key])]
            if answer not in allowed:
                self.add_error(
                    "answer",
                    _("“%(answer)s” is not an answer to this question; choose one of: %(allowed)s.")
                    % {"answer": answer, "allowed": ", ".join(allowed)},
                )
        return cleaned

    def filters(self) -> PublicFilters:
        """The valid filters (call after `is_valid()`)."""
        data = self.cleaned_data
        return PublicFilters(
            question=data.get("question") or "",
            answer=data.get("answer") or "",
            kind=data.get("kind") or "",
            region=data.get("region") or "",
            clause=data.get("clause") or "",
            search=(data.get("q") or "").strip(),
        )


def _options(question: Question) -> list[tuple[str, str]]:
    if question.kind == Question.Kind.LIKERT:
        return [(str(value), str(label)) for value, label in LIKERT_SCALE]
    return [(c.key, localized(c, "label")) for c in question.choices.all()]


class CursorForm(forms.Form):
    """The page cursors of the responses page (a response id; at most one of them)."""

    after = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    before = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("after") and cleaned.get("before"):
            raise forms.ValidationError(_("Give either “after” or “before”, not both."))
        return cleaned
