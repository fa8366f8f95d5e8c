"""Moderators' decision forms and the public false-attribution form."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FalseAttributionReport, ModerationReason

MAX_RANGES = 50
_RANGE = re.compile(r"^\s*(\d{1,7})\s*[-–~〜]\s*(\d{1,7})\s*$")


class ReasonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        from consult.core.i18n import localized

        return str(localized(obj, "label"))


class DecisionForm(forms.Form):
    ACTIONS = (("approve", _("Approve")), ("redact", _("Redact")), ("reject", _("Reject")))

    action = forms.ChoiceField(label=_("Decision"), choices=ACTIONS)
    flags = forms.TypedMultipleChoiceField(
        label=_("Flagged spans to redact"), coerce=int, required=False, choices=()
    )
    ranges = forms.CharField(
        label=_("Other character ranges to redact"),
        required=False,
        max_length=2000,
        help_text=_("Start and end offsets, e.g. “12-20, 31-40” (the first character is 0)."),
    )
    reason = ReasonChoiceField(
        label=_("Reason"), queryset=ModerationReason.objects.none(), required=False
    )

    def __init__(self, *args: Any, flag_count: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["flags"].choices = [(i, str(i)) for i in range(flag_count)]  # type: ignore[attr-defined]
        self.fields["reason"].queryset = ModerationReason.objects.filter(active=True)  # type: ignore[attr-defined]

    def clean_ranges(self) -> list[tuple[int, int]]:
        raw = self.cleaned_data.get("ranges") or ""
        pieces = [p for p in re.split(r"[,、\s]+(?=\d)", raw.strip()) if p.strip()]
        if len(pieces) > MAX_RANGES:
            raise forms.ValidationError(
                _("At most %(n)s ranges at a time.") % {"n": MAX_RANGES}, code="too_many"
            )
        ranges = []
        for piece in pieces:
            match = _RANGE.match(piece)
            if match is None:
                raise forms.ValidationError(
                    _("“%(piece)s” is not a range: write start-end, e.g. 12-20.")
                    % {"piece": piece[:40]},
                    code="range",
                )
            ranges.append((int(match.group(1)), int(match.group(2))))
        return ranges

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "reject" and not data.get("reason"):
            self.add_error("reason", _("Choose a reason for rejecting."))
        nothing = not data.get("flags") and not data.get("ranges")
        if data.get("action") == "redact" and nothing and not self.errors.get("ranges"):
            self.add_error("flags", _("Choose at least one span to redact."))
        return data


class FalseAttributionForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference number of the response"),
        max_length=20,
        help_text=_("Printed on the response's receipt and in its confirmation email."),
    )
    statement = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=FalseAttributionReport.STATEMENT_MAX,
        help_text=_(
            "Explain that this response was made in your name without your consent. Please do "
            "not include more personal data than needed."
        ),
    )
    contact_email = forms.EmailField(
        label=_("Email for a reply (optional)"),
        required=False,
        help_text=_(
            "Used only to contact you about this report; erased with the consultation’s data."
        ),
    )


class FalseAttributionDecisionForm(forms.Form):
    DECISIONS = (
        ("uphold", _("Uphold: set the response aside from counts")),
        ("dismiss", _("Dismiss")),
    )
    decision = forms.ChoiceField(label=_("Decision"), choices=DECISIONS)
    reason = forms.CharField(
        label=_("Reason (shown in the report's methodology when upheld)"), max_length=500
    )
