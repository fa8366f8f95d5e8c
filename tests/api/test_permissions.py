"""Table-driven: every API operation for every role, and no operation without an entry."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.api.conftest import ROLES
from tests.api.permission_table import TABLE

pytestmark = pytest.mark.django_db


def api_v1_operations() -> set[tuple[str, str]]:
    """(namespaced url name, method) of every view under /api/v1/."""
    found: set[tuple[str, str]] = set()

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = (
                    f"{namespace}:{p.namespace}"
                    if p.namespace and namespace
                    else (p.namespace or namespace)
                )
                walk(p.url_patterns, prefix + str(p.pattern), ns)
            elif isinstance(p, URLPattern) and (prefix + str(p.pattern)).startswith("api/v1/"):
                view = p.callback
                cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
                methods = [
                    m for m in ("get", "post", "put", "patch", "delete") if cls and hasattr(cls, m)
                ]
                for method in methods:
                    found.add((f"{namespace}:{p.name}", method))

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_api_operation_has_a_permission_entry():
    missing = api_v1_operations() - set(TABLE)
    assert not missing, f"Add these operations to tests/api/permission_table.py: {sorted(missing)}"
    for key, entry in TABLE.items():
        assert set(entry["expect"]) == set(ROLES), f"{key} must list every role: {ROLES}"


def call(operation, role, consultation, role_client):
    name, method = operation
    entry = TABLE[operation]
    kwargs = {"slug": consultation.slug} if "slug" in entry["kwargs"] else {}
    extra = entry.get("extra_kwargs", {})
    url = reverse(name, kwargs={**kwargs, **extra})
    client = role_client(role)
    body = entry.get("role_body", {}).get(role.removesuffix("_read"), entry["body"])
    body = body(consultation) if callable(body) else body
    response = (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else getattr(client, method)(url)
    )
    return response


@pytest.mark.parametrize("operation", sorted(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_operation_for_role(operation, role, consultation, role_client):
    response = call(operation, role, consultation, role_client)
    expected = TABLE[operation]["expect"][role]
    assert response.status_code == expected, (
        role,
        operation,
        response.status_code,
        getattr(response, "data", None),
    )


@pytest.mark.parametrize("operation", sorted(TABLE))
@pytest.mark.parametrize("role", ["official", "organisation"])
def test_a_read_only_key_reads_like_its_principal_and_writes_nothing(
    operation, role, consultation, role_client
):
    """With a read-only key a GET answers as with a read-write key; anything else is a 403
    (`read_only_key`), in the request's language, before the view runs."""
    method = operation[1]
    response = call(operation, f"{role}_read", consultation, role_client)
    if method == "get":
        assert response.status_code == TABLE[operation]["expect"][role], response
    else:
        assert response.status_code == 403, (operation, response.status_code)
        [error] = response.json()["errors"]
        assert error["code"] == "read_only_key" and "read-only" in error["message"]


@pytest.mark.parametrize("operation", sorted({(name, "options") for name, _m in TABLE}))
@pytest.mark.parametrize("role", ["anonymous", "official"])
def test_options_answers_every_endpoint(operation, role, consultation, role_client):
    """A browser or client library may ask any endpoint what it accepts (never a 500)."""
    name = operation[0]
    entry = next(e for (n, _m), e in TABLE.items() if n == name)
    kwargs = {"slug": consultation.slug} if "slug" in entry["kwargs"] else {}
    url = reverse(name, kwargs={**kwargs, **entry.get("extra_kwargs", {})})
    response = role_client(role).options(url)
    if role == "anonymous" and response.status_code == 401:  # permissions apply to OPTIONS too
        assert entry["expect"]["anonymous"] == 401
        return
    assert response.status_code == 200, (name, response.status_code)
    assert response.json()["schema"] == "/api/schema/"
