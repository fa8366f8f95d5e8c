"""API throttles: a fixed number of calls per window, counted in the cache (Redis in production).

DRF's `SimpleRateThrottle` keeps a list of every call's time in the last window and reads, trims
and writes that whole list back on each call. At 1,200 calls a minute a token's list holds 1,200
timestamps (about 11 kB, read and written per call), and two workers answering at once each read
the list before the other writes it, so both calls count as one. `WindowThrottle` keeps one counter
per client and window instead: one atomic increment per call (`INCR` on Redis), the same cost
however high the rate, and concurrent calls are all counted.

The price of a fixed window: a client can make its full allowance at the end of one window and
again at the start of the next, so up to twice the rate in a short burst across a boundary. Each
client's windows are offset by a hash of its key, so the clients' windows do not all start at once.
"""

import math
import zlib
from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from consult.accounts.models import ApiToken


class WindowThrottle(SimpleRateThrottle):
    """At most `num_requests` calls per client in each window of `duration` seconds.

    Subclasses say who the client is (`get_cache_key`), as for DRF's throttles; rates are read
    from `DEFAULT_THROTTLE_RATES` by scope, as there.
    """

    num_requests: int  # set from the rate by SimpleRateThrottle.__init__
    duration: int

    def allow_request(self, request: Request, view: Any) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        offset = zlib.crc32(self.key.encode()) % self.duration
        self.now = self.timer()
        window = int((self.now + offset) // self.duration)
        self.window_ends = (window + 1) * self.duration - offset
        return self._count(f"{self.key}:{window}") <= self.num_requests

    def _count(self, key: str) -> int:
        """This call's number in its window. The key lives for two windows, so it never expires
        while its window is still in use: `incr` never finds it gone half-way."""
        try:
            return int(self.cache.incr(key))
        except ValueError:  # the window's first call
            if self.cache.add(key, 1, timeout=2 * self.duration):
                return 1
            return int(self.cache.incr(key))  # another worker's first call came first

    def wait(self) -> float:
        """Whole seconds until this client's window ends and its allowance starts again (rounded
        up: `Retry-After` is a whole number, and a client that waits that long is let in)."""
        return float(max(math.ceil(self.window_ends - self.timer()), 1))


class AnonymousThrottle(WindowThrottle, AnonRateThrottle):
    """Per client IP for calls without a token."""

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(WindowThrottle):
    """Per API token."""

    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
