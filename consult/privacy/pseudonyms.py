"""Pseudonyms: a keyed hash (HMAC-SHA256) per consultation, the key kept apart from the data.

The same identity gets the same pseudonym within a consultation and unrelated ones across
consultations. Whoever holds a consultation's key and its data can test a guessed email address
against a pseudonym; without the key, a pseudonym reveals nothing.
"""

import hashlib
import hmac
import secrets

from .models import PseudonymKey

PSEUDONYM_PREFIX = "psn-"


def pseudonym_key(*, consultation_id: int) -> bytes:
    """The consultation's pseudonym key, created on first use (safe under concurrency)."""
    row, _created = PseudonymKey.objects.get_or_create(
        consultation_id=consultation_id, defaults={"key": secrets.token_hex(32)}
    )
    return bytes.fromhex(row.key)


def pseudonym_for(*, key: bytes, identity: str) -> str:
    """The pseudonym of `identity` under `key`: "psn-" and 20 hex digits (80 bits)."""
    digest = hmac.new(key, identity.encode(), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:20]


def respondent_identity(*, respondent_id: int, email: str) -> str:
    """What a pseudonym stands for: the email address when one was given (so one person's
    several responses to a consultation share a pseudonym), else the respondent record."""
    email = email.strip().lower()
    return f"email:{email}" if email else f"respondent:{respondent_id}"
