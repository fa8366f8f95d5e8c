"""Reference numbers and private-link tokens."""

import hashlib
import hmac
import secrets

from django.conf import settings

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def new_reference() -> str:
    """A human-friendly reference such as `7K3M-9QXD-2F`: easy to read out on the phone."""
    # 50 random bits, 5 per character: the same uniform draw as ten `secrets.choice` calls
    # (the alphabet has exactly 32 letters), in one call instead of ten.
    bits = secrets.randbits(50)
    chars = "".join(_ALPHABET[(bits >> shift) & 31] for shift in range(0, 50, 5))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


def new_salt() -> str:
    return secrets.token_hex(16)


def access_token(salt: str) -> str:
    """The private-link token for a response: an HMAC of its salt under the site secret."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"response-access:{salt}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:40]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
