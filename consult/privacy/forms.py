from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AuditAction


class AuditFilterForm(forms.Form):
    """Filters of the audit log page; every field optional. `actions` adds the codes present in
    the log that have no label of their own (recorded by other parts of the project)."""

    user = forms.CharField(label=_("User"), max_length=150, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput({"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput({"type": "date"})
    )

    def __init__(self, *args: Any, actions: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = dict(AuditAction.choices)
        extra = sorted(set(actions) - set(known))
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Any")), *known.items(), *((code, code) for code in extra)]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data
