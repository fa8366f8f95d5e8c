"""`manage.py api_token create|list|revoke`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from consult.accounts.models import ApiToken
from consult.accounts.tokens import api_token_authenticate, api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("api_token", *args, stdout=out)
    return out.getvalue()


def test_create_prints_the_key_once_and_it_works(official):
    out = run("create", "--user", official.username, "--name", "analysis", "--days", "7")
    key = out.strip().splitlines()[-1]
    token = api_token_authenticate(key)
    assert token is not None and token.user == official and token.name == "analysis"
    assert round((token.expires_at - token.created_at).total_seconds() / 86400) == 7
    assert token.access == "read" and "Read and export only" in out
    listing = run("list")
    assert key not in listing and " read " in listing


def test_create_a_read_and_write_key(official):
    out = run("create", "--user", official.username, "--name", "loader", "--access", "write")
    token = api_token_authenticate(out.strip().splitlines()[-1])
    assert token is not None and token.access == "write"


def test_create_for_an_organisation(org_member, organisation):
    out = run(
        "create", "--user", org_member.username, "--name", "site", "--organisation", "privacy-first"
    )
    token = api_token_authenticate(out.strip().splitlines()[-1])
    assert token is not None and token.organisation == organisation


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--user", "nobody", "--name", "x"], "No user"),
        (["--name", "x", "--organisation", "nope"], "No organisation"),
        (["--name", "x", "--organisation", "privacy-first"], "not a member"),
        (["--name", "x", "--days", "0"], "between 1 and 366"),
        (["--name", "x", "--days", "400"], "between 1 and 366"),
        (["--name", " "], "name"),
    ],
)
def test_create_errors_are_clear(official, organisation, args, message):
    if "--user" not in args:
        args = ["--user", official.username, *args]
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("api_token", "create", *args)
    assert not ApiToken.objects.exists()


def test_a_member_without_department_needs_an_organisation(org_member):
    with translation.override("en"), pytest.raises(CommandError, match="Only officials"):
        call_command("api_token", "create", "--user", org_member.username, "--name", "x")


def test_list_shows_tokens_and_filters_by_user(official, other_official):
    api_token_create(access="write", user=official, name="mine")
    revoked, _key = api_token_create(access="write", user=other_official, name="theirs")
    run("revoke", str(revoked.pk))
    everything = run("list")
    assert "mine" in everything and "theirs" in everything and "revoked" in everything
    only_mine = run("list", "--user", official.username)
    assert "mine" in only_mine and "theirs" not in only_mine


@pytest.mark.parametrize("how", ["id", "prefix", "key"])
def test_revoke_by_id_prefix_or_key(official, how):
    token, key = api_token_create(access="write", user=official, name="leaked")
    identifier = {"id": str(token.pk), "prefix": token.prefix, "key": key}[how]
    assert "is revoked" in run("revoke", identifier)
    assert api_token_authenticate(key) is None
    assert "already revoked" in run("revoke", identifier)


def test_revoke_unknown_or_ambiguous(official):
    first, _k = api_token_create(access="write", user=official, name="a")
    second, _k = api_token_create(access="write", user=official, name="b")
    ApiToken.objects.filter(pk=second.pk).update(prefix=first.prefix)
    with translation.override("en"), pytest.raises(CommandError, match="Several tokens"):
        call_command("api_token", "revoke", first.prefix)
    with translation.override("en"), pytest.raises(CommandError, match="No token"):
        call_command("api_token", "revoke", "cst_nothing")
    assert not ApiToken.objects.filter(revoked_at__isnull=False).exists()


def test_superuser_tokens_act_as_official():
    admin = UserFactory(is_superuser=True, department=None)
    out = run("create", "--user", admin.username, "--name", "ops")
    assert api_token_authenticate(out.strip().splitlines()[-1]) is not None
