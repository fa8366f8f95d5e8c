"""Pseudonym keys in their own database when `PRIVACY_KEYS_DATABASE_URL` configures one.

Everything else stays where Django puts it. Without the `privacy_keys` alias the keys live in the
default database (their own table); see README "Privacy" for what each choice protects against.
"""

from typing import Any

from django.conf import settings
from django.db.models import Model

KEYS_ALIAS = "privacy_keys"


def keys_database() -> str | None:
    """The alias holding pseudonym keys, or None for the default database."""
    return KEYS_ALIAS if KEYS_ALIAS in settings.DATABASES else None


def _is_key(model: type[Model]) -> bool:
    return model._meta.app_label == "privacy" and model._meta.model_name == "pseudonymkey"


class PrivacyKeysRouter:
    """Routes `privacy.PseudonymKey` (reads, writes, migrations) to the keys database."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        return keys_database() if _is_key(model) else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str | None:
        return keys_database() if _is_key(model) else None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        alias = keys_database()
        if alias is None:
            return None
        is_key = app_label == "privacy" and model_name == "pseudonymkey"
        if db == alias:
            return is_key
        return False if is_key else None
