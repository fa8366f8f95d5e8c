"""Pseudonym keys go to their own database when one is configured, and nowhere else."""

import pytest
from django.test import override_settings

from consult.privacy.models import AuditEvent, PseudonymKey
from consult.privacy.routers import KEYS_ALIAS, PrivacyKeysRouter
from consult.responses.models import Respondent

router = PrivacyKeysRouter()


def test_without_a_keys_database_everything_stays_default(settings):
    assert KEYS_ALIAS not in settings.DATABASES
    assert router.db_for_read(PseudonymKey) is None
    assert router.db_for_write(PseudonymKey) is None
    assert router.allow_migrate("default", "privacy", "pseudonymkey") is None


@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_with_a_keys_database_keys_live_there_alone(settings):
    databases = {**settings.DATABASES, KEYS_ALIAS: {"ENGINE": "django.db.backends.sqlite3"}}
    with override_settings(DATABASES=databases):
        assert router.db_for_read(PseudonymKey) == KEYS_ALIAS
        assert router.db_for_write(PseudonymKey) == KEYS_ALIAS
        assert router.db_for_write(AuditEvent) is None
        assert router.db_for_read(Respondent) is None
        assert router.allow_migrate(KEYS_ALIAS, "privacy", "pseudonymkey") is True
        assert router.allow_migrate(KEYS_ALIAS, "privacy", "auditevent") is False
        assert router.allow_migrate(KEYS_ALIAS, "responses", "respondent") is False
        assert router.allow_migrate("default", "privacy", "pseudonymkey") is False
        assert router.allow_migrate("default", "privacy", "auditevent") is None
