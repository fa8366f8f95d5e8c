"""No request makes a server error: every route of the project (`tests/route_table.py`), asked
anonymously and by a role it serves, with query strings and bodies no form would send — page
numbers beyond any integer, broken cursors, unknown languages and filters, NUL bytes and bytes
that are not UTF-8, bodies that are not what the route reads. Each answer is a page or a clear
4xx, never a 500. The routes' own outcomes per role are checked by `test_route_matrix`."""

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.urls import reverse

from tests.route_table import LOGIN, ROLES, TABLE
from tests.test_route_matrix import _client, route_call, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

ODD_QUERIES = (
    "page=abc",
    "page=-1",
    "page=99999999999999999999999",
    "cursor=garbage",
    "lang=xx",
    "q=%00",
    "q=" + "a" * 5_000,
    "status=zzz&department=%FF%FE",
    "format=zzz",
    "question=abc&answer=%00&region=%00&respondent_type=zz&channel=zz&language=zz",
    "date_from=notadate&date_to=2026-13-45",
    "next=//evil.example",
    "%FF=%C0%AF",
)
ODD_BODIES: tuple[tuple[Any, str | None], ...] = (
    ({"action": "zzz", "x": "\x00"}, None),
    (b"\xff\xfe\x00garbage", "application/json"),
    (b"{", "application/json"),
    (b"[]", "application/json"),
    (b'{"a": 1e999999}', "application/json"),
    (b"a,b\n\x00,1", "text/csv"),
    (b"a=%FF%FE&b=%00", "application/x-www-form-urlencoded"),
)


def _roles(expect: dict[str, Any]) -> list[str]:
    """Anonymous, and the first role the route serves (past sign-in and 404), if any."""
    served = [r for r in ROLES if r != "anonymous" and expect[r] not in (LOGIN, 404, 403)]
    return ["anonymous", *served[:1]]


def _served(key: str, world: Any) -> Iterator[tuple[str, str, Any]]:  # noqa: F811
    """(role, URL, client that returns server errors as responses) for each role `_roles`
    picks for the route of ``key``."""
    built, users, keys = world
    name, _method, route, api = route_call(key)
    for role in _roles(dict(route.expect)):
        client = _client(role, api, users, keys)
        client.raise_request_exception = False
        yield role, reverse(name, kwargs=route.kwargs(built, role)), client


@pytest.mark.parametrize("key", sorted(k for k in TABLE if not k.startswith("admin:")))
def test_no_request_is_a_server_error(key, world):  # noqa: F811
    method = route_call(key)[1]
    errors = []
    for role, url, client in _served(key, world):
        for query in ODD_QUERIES:
            response = client.get(f"{url}?{query}")
            if response.status_code >= 500:
                errors.append(f"{role} GET ?{query[:40]}: {response.status_code}")
        if method == "get":
            continue
        for body, content_type in ODD_BODIES:
            options = {"content_type": content_type} if content_type else {}
            response = getattr(client, method)(url, body, **options)
            if response.status_code >= 500:
                errors.append(
                    f"{role} {method.upper()} {body!r:.40} {content_type}: {response.status_code}"
                )
    assert not errors, f"{key}:\n  " + "\n  ".join(errors)


class _Forms(HTMLParser):
    """The POST forms of a page: their action and each named field with its first value."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "").lower() == "post":
            self._open = {}
            self.forms.append((found.get("action") or "", self._open))
        elif self._open is not None and tag in ("input", "select", "textarea", "button"):
            name = found.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._open.setdefault(name, found.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = None


@pytest.mark.parametrize(
    "key",
    sorted(
        k
        for k, route in TABLE.items()
        if not k.startswith(("admin:", "api:")) and " " not in k and route.method == "get"
    ),
)
def test_no_form_of_a_page_makes_a_server_error(key, world):  # noqa: F811
    """Each POST form a page shows, sent back empty and then with each field in turn holding a
    NUL byte, a value too long for any field and a negative number: a page or a clear 4xx."""
    errors = []
    for role, url, client in _served(key, world):
        page = client.get(url)
        if page.status_code != 200 or page.streaming or "html" not in page.get("Content-Type", ""):
            continue
        parser = _Forms()
        parser.feed(page.content.decode("utf-8", "replace"))
        for action, fields in parser.forms:
            target = action or url
            if "logout" in target or "erase" in target:
                continue
            bodies = [{}] + [
                {**fields, field: odd}
                for field in fields
                for odd in ("a\x00b", "x" * 100_000, "-1")
            ]
            for body in bodies:
                response = client.post(target, body)
                if response.status_code >= 500:
                    shown = {k: v[:20] for k, v in body.items()}
                    errors.append(f"{role} POST {target} {shown}: {response.status_code}")
    assert not errors, f"{key}:\n  " + "\n  ".join(errors)
