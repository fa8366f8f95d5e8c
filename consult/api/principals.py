"""Who is calling the API, in the project's terms: anonymous, organisation token, official."""

from dataclasses import dataclass

from rest_framework.request import Request

from consult.accounts.models import ApiToken, Organisation, User


@dataclass(frozen=True)
class Principal:
    user: User | None
    token: ApiToken | None
    organisation: Organisation | None

    @property
    def is_official(self) -> bool:
        return bool(
            self.user
            and self.organisation is None
            and (self.user.is_official or self.user.is_superuser)
        )

    @property
    def submits_unverified(self) -> bool:
        """An organisation's key whose organisation the platform has not verified: it may not
        submit on supporters' behalf (a campaign goes public only for a verified organisation,
        for the same reason: a group may not speak for people under a name it does not own)."""
        return self.organisation is not None and not self.organisation.is_verified

    @property
    def idempotency_scope(self) -> str:
        """Idempotency keys are scoped to the caller, so callers cannot collide or probe each other.

        The caller is the organisation for its keys and the official for theirs (key or session),
        not the key itself: a retry sent after the key was rotated, or an import finished with a
        colleague's key, still finds the first attempt. Calls without a key share one scope; a
        key should be a UUID, and a replay needs the same key and the same body."""
        if self.organisation is not None:
            return f"api:o{self.organisation.pk}"
        if self.user is not None:
            return f"api:u{self.user.pk}"
        return "api:anon"


def unverified_organisation_message() -> str:
    from django.utils.translation import gettext as _

    return _(
        "Your organisation must be verified before it can submit responses for its supporters. "
        "Its key can still read what it submitted."
    )


def principal_of(request: Request) -> Principal:
    token = request.auth if isinstance(request.auth, ApiToken) else None
    user = request.user if request.user and request.user.is_authenticated else None
    return Principal(user=user, token=token, organisation=token.organisation if token else None)
