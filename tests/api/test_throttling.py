"""API throttling: per client IP without a token, per token with one; 429 with `Retry-After`; one
atomic counter per client and window."""

import threading
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from rest_framework.throttling import SimpleRateThrottle

from consult.api.throttling import AnonymousThrottle, TokenThrottle, WindowThrottle

LIST = "/api/v1/consultations/"


@pytest.fixture
def rates():
    """Low rates for the test; the cache emptied before and after."""
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = {"anon": "3/min", "token": "5/min"}
    cache.clear()
    yield SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = original
    cache.clear()


class Clock:
    """A settable `time.time` for the throttles."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock(1_800_000_000.0)
    monkeypatch.setattr(WindowThrottle, "timer", c)
    return c


def test_anonymous_calls_are_limited_per_ip_with_retry_after_in_the_callers_language(
    role_client, rates, clock
):
    client = role_client("anonymous")
    assert [client.get(LIST).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(LIST, HTTP_ACCEPT_LANGUAGE="ja")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    message = refused.json()["errors"][0]["message"]
    assert "リクエスト" in message or "制限" in message, message
    other_ip = role_client("anonymous").get(LIST, REMOTE_ADDR="198.51.100.7")
    assert other_ip.status_code == 200


def test_retry_after_is_when_the_window_ends_and_then_calls_are_let_in_again(
    role_client, rates, clock
):
    client = role_client("anonymous")
    for _ in range(3):
        client.get(LIST)
    refused = client.get(LIST)
    wait = int(refused["Retry-After"])
    clock.now += wait - 1
    assert client.get(LIST).status_code == 429  # a second early: still refused
    clock.now += 1
    assert client.get(LIST).status_code == 200


def test_a_token_has_its_own_allowance_apart_from_its_ip_and_from_other_tokens(
    role_client, rates, clock
):
    anonymous, organisation, official = (
        role_client("anonymous"),
        role_client("organisation"),
        role_client("official"),
    )
    assert [organisation.get(LIST).status_code for _ in range(5)] == [200] * 5
    assert organisation.get(LIST).status_code == 429
    assert official.get(LIST).status_code == 200  # another token, same IP
    assert anonymous.get(LIST).status_code == 200  # the IP's own allowance is untouched


def _request(ident: str) -> SimpleNamespace:
    return SimpleNamespace(auth=None, headers={}, META={"REMOTE_ADDR": ident})


def test_concurrent_calls_are_each_counted(rates, clock):
    """Twenty calls at once with an allowance of 3: exactly 3 are let in (a read-then-write
    count would let more through)."""
    allowed: list[bool] = []
    barrier = threading.Barrier(20)

    def call() -> None:
        throttle = AnonymousThrottle()
        barrier.wait()
        allowed.append(throttle.allow_request(_request("203.0.113.9"), None))

    threads = [threading.Thread(target=call) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert allowed.count(True) == 3 and len(allowed) == 20


def test_what_is_stored_stays_one_number_however_many_calls(rates, clock):
    SimpleRateThrottle.THROTTLE_RATES = {"anon": "100000/min", "token": "5/min"}
    for _ in range(500):
        throttle = AnonymousThrottle()
        assert throttle.allow_request(_request("203.0.113.10"), None)
    window = int((clock.now + throttle_offset(throttle)) // 60)
    assert cache.get(f"{throttle.key}:{window}") == 500


def throttle_offset(throttle: WindowThrottle) -> int:
    import zlib

    return zlib.crc32(throttle.key.encode()) % throttle.duration


def test_clients_windows_do_not_all_end_at_once(rates, clock):
    ends = set()
    for i in range(20):
        throttle = AnonymousThrottle()
        throttle.allow_request(_request(f"203.0.113.{i}"), None)
        ends.add(throttle.window_ends)
    assert len(ends) > 10


def test_token_throttle_ignores_calls_without_a_token_and_anonymous_ignores_tokens(rates):
    anonymous = SimpleNamespace(auth=None, headers={}, META={"REMOTE_ADDR": "203.0.113.1"})
    assert TokenThrottle().get_cache_key(anonymous, None) is None
    assert AnonymousThrottle().get_cache_key(anonymous, None) is not None
