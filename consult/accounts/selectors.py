"""Reads of accounts: a user's API tokens and organisations."""

from django.db.models import QuerySet
from django.http import Http404

from .models import ApiToken, Organisation, User
from .tokens import KEY_PREFIX, hash_key


def api_tokens_for_user(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first, with their organisations."""
    return ApiToken.objects.filter(user=user).select_related("organisation").order_by("-created_at")


def api_token_for_user(user: User, pk: int) -> ApiToken:
    """One of the user's own tokens; 404 for anyone else's (its existence is not revealed)."""
    token = api_tokens_for_user(user).filter(pk=pk).first()
    if token is None:
        raise Http404
    return token


def organisations_of(user: User) -> QuerySet[Organisation]:
    """Organisations the user is a member of (those they may create tokens for)."""
    return Organisation.objects.filter(organisationmembership__user=user).order_by("name")


def may_create_official_token(user: User) -> bool:
    """A token without organisation acts as the official: officials and superusers only."""
    return bool(user.is_active and (user.is_official or user.is_superuser))


def api_tokens_matching(identifier: str) -> QuerySet[ApiToken]:
    """Tokens named by an id, a displayed prefix (`cst_AbCdEf`) or a whole key."""
    qs = ApiToken.objects.select_related("user", "organisation")
    identifier = identifier.strip()
    if identifier.isdigit():
        return qs.filter(pk=int(identifier))
    if len(identifier) > len(KEY_PREFIX) + 6:
        return qs.filter(key_hash=hash_key(identifier))
    return qs.filter(prefix=identifier) if identifier.startswith(KEY_PREFIX) else qs.none()
