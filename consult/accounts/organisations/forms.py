"""Forms of the organisation pages. Validation that needs the database is in the services."""

from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from ..models import Organisation, OrganisationMembership, User


class _Summary:
    """(field id, message) pairs for the error summary at the top of a page."""

    @property
    def error_summary(self) -> list[tuple[str, str]]:
        form: Any = self
        out = [("", str(message)) for message in form.non_field_errors()]
        for name, errors in form.errors.items():
            if name != NON_FIELD_ERRORS and name in form.fields:
                out += [(form[name].id_for_label, str(message)) for message in errors]
        return out


class AccountFields(forms.Form):
    username = forms.CharField(
        label=_("User name"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("Letters, digits and @ . + - _ only. You sign in with it."),
    )
    email = forms.EmailField(label=_("Email address"), max_length=254)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = str(self.cleaned_data["username"])
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This user name is taken. Choose another."))
        return username

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ. Type the same one twice."))
        return cleaned


class OrganisationFields(forms.Form):
    name = forms.CharField(label=_("Organisation name"), max_length=200)
    kind = forms.ChoiceField(label=_("Type of organisation"), choices=Organisation.Kind.choices)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Contact email"),
        required=False,
        max_length=254,
        help_text=_("Where the administrators write about verification. Defaults to yours."),
    )


class RegistrationForm(_Summary, AccountFields, OrganisationFields):
    """A group's sign-up: the owner's account and the organisation."""

    field_order = [
        "name",
        "kind",
        "website",
        "contact_name",
        "contact_email",
        "username",
        "email",
        "password1",
        "password2",
    ]


class OrganisationForm(_Summary, OrganisationFields):
    pass


class AddMemberForm(_Summary, forms.Form):
    username = forms.CharField(label=_("User name of an existing account"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=OrganisationMembership.Role.choices)


class NewEditorForm(_Summary, AccountFields):
    """A new account, made an editor of the organisation."""


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=OrganisationMembership.Role.choices)


class RejectForm(_Summary, forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The group reads this on its page."),
    )
