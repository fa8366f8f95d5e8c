"""The API-token form of the account pages."""

from typing import Any, cast

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Organisation, User
from .selectors import may_create_official_token, organisations_of
from .tokens import MAX_DAYS


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “analysis notebook”."),
    )
    days = forms.IntegerField(
        label=_("Lifetime in days"),
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        help_text=_("Between 1 and 366 days. The token stops working after that."),
    )
    access = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Access.choices,
        initial=ApiToken.Access.READ,
        widget=forms.RadioSelect,
        help_text=_(
            "A read-only key lists, reads and exports. Choose read and write only for a tool "
            "that submits, imports or authors consultations."
        ),
    )
    organisation = forms.ModelChoiceField(
        label=_("Acts for"),
        queryset=Organisation.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        field.queryset = organisations_of(user)
        if may_create_official_token(user):
            field.empty_label = str(_("Myself, as an official of my department"))
            field.help_text = _("Or one of your organisations.")
        else:
            field.required = True
            field.empty_label = None

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary at the top of the page."""
        out = [("", str(message)) for message in self.non_field_errors()]
        for name, errors in self.errors.items():
            if name != NON_FIELD_ERRORS:
                out += [(self[name].id_for_label, str(message)) for message in errors]
        return out


class OtpCodeForm(forms.Form):
    """A code from the authenticator app (six digits) or, where allowed, a backup code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        error_messages={"required": _("Enter the code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def __init__(self, *args: Any, backup_allowed: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["token"].help_text = (
            _("The six digits your authenticator app shows now, or one of your backup codes.")
            if backup_allowed
            else _("The six digits your authenticator app shows now.")
        )
