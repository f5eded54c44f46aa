"""The server's defences: security headers, a cap on request bodies, rate limits and CSRF
tokens.

Nothing here stores who a visitor is: rate limits count per link token hash (kept in memory
only, for a minute) and over all requests, never per IP address; the server writes no access
log (tokens are in paths) and reads no user agent.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Largest request body accepted (a page of answers is a few kilobytes).
MAX_BODY = 64 * 1024

HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'",
    ),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    """Adds the security headers to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyTooLarge(Exception):
    """A request body over MAX_BODY."""


async def read_body(receive: Receive, declared: int | None, limit: int = MAX_BODY) -> bytes:
    """The request body, refusing more than `limit` bytes (declared or actually sent)."""
    if declared is not None and declared > limit:
        raise BodyTooLarge
    chunks = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


#: Requests a minute for one link (a page load and a save per page leave plenty of room).
MAX_LINK_REQUESTS = 120
#: Requests a minute in all (about 330 a second).
MAX_REQUESTS = 20_000


class RateLimit:
    """At most `per_key` requests a minute for one key (a link's token hash) and `overall`
    a minute in all; in memory only, forgotten after a minute."""

    def __init__(
        self,
        per_key: int = MAX_LINK_REQUESTS,
        overall: int = MAX_REQUESTS,
        window: float = 60.0,
    ) -> None:
        self.per_key = per_key
        self.overall = overall
        self.window = window
        self.seen: dict[str, deque[float]] = {}
        self.all: deque[float] = deque()

    def allow(self, key: str) -> bool:
        moment = time.monotonic()
        start = moment - self.window
        while self.all and self.all[0] < start:
            self.all.popleft()
        if len(self.seen) > 50_000:
            self.seen = {k: q for k, q in self.seen.items() if q and q[-1] >= start}
        mine = self.seen.setdefault(key, deque())
        while mine and mine[0] < start:
            mine.popleft()
        if len(mine) >= self.per_key or len(self.all) >= self.overall:
            return False
        mine.append(moment)
        self.all.append(moment)
        return True


def csrf_token(secret: str, subject: str) -> str:
    """The form token for one link (or the admin session): an HMAC the server can recompute,
    so it survives a restart and needs no server-side session."""
    return hmac.new(secret.encode(), b"csrf:" + subject.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, subject: str, sent: str) -> bool:
    return hmac.compare_digest(csrf_token(secret, subject), sent or "")


def cross_site(headers: Any) -> bool:
    """Whether the browser says the request comes from another site: Sec-Fetch-Site where it
    is sent, else an Origin that is not this host. `Origin: null` decides nothing — browsers
    send it for same-origin forms under `Referrer-Policy: no-referrer` — the CSRF token does."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site:
        return fetch_site not in ("same-origin", "none")
    origin = headers.get("origin")
    if origin and origin != "null":
        return origin.split("://", 1)[-1] != headers.get("host", "")
    return False
