"""The console's defences in one place, applied by the app's middleware to every route
(the pages added later included): which paths need no sign-in, the response headers
(Content-Security-Policy, framing, sniffing, referrer, caching), where a sign-in may send
the browser back to, and the throttling of password sign-ins.

The console still decides no access: a signed-in user reaches every page and the
services refuse what the token does not allow; an anonymous one reaches the public
pages only (the product page, sign-in, the language switch, static files)."""

from __future__ import annotations

import time
import urllib.parse
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from threading import Lock

PUBLIC = frozenset({"", "dang-nhap", "ngon-ngu", "san-pham", "static", "healthz"})
"""First path segments served without a sign-in: `/`, sign-in (password form, OIDC start
and callback), the language switch, the public product page and its QR codes, the
style sheets and scripts, the health check."""


def public(path: str) -> bool:
    """Whether `path` is served to an anonymous visitor."""
    return path.lstrip("/").split("/", 1)[0] in PUBLIC


def content_security_policy(form_targets: str = "") -> str:
    """Scripts and style sheets from the console only (no inline script), images from the
    console or the upload preview (blob:, data:), no plugin, no framing by other sites,
    forms posted to the console (and `form_targets`, e.g. the OIDC issuer the sign-out
    redirects to). Style attributes stay allowed (`style-src-attr`: the dashboard's bar
    widths); a style attribute cannot run script."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "frame-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'none'",
            f"form-action 'self' {form_targets}".strip(),
            "frame-ancestors 'none'",
        )
    )


def headers(policy: str, path: str) -> dict[str, str]:
    """The headers every response carries (set unless the page set its own): pages are
    never stored by a browser or proxy (a signed-in page read from the cache after
    sign-out), static files may be."""
    out = {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }
    if not path.startswith("/static/"):
        out["Cache-Control"] = "no-store"
    return out


def declared_too_large(headers: Mapping[str, str], limit: int) -> bool:
    """Whether the request says its body is over `limit` bytes (refused before a byte of
    it is read; a body sent without its length is cut off by the app's `max_body_size`)."""
    declared = headers.get("content-length", "")
    return declared.isdigit() and int(declared) > limit


def local_target(target: str | None) -> str:
    """`target` if it is a path of this site, else "/": no scheme or host, no `//` or
    `/\\` (browsers read both as another host), no control character."""
    if not target or not target.startswith("/") or target[1:2] in ("/", "\\"):
        return "/"
    if any(ord(c) < 0x20 or c == "\x7f" for c in target) or "\\" in target:
        return "/"
    parsed = urllib.parse.urlsplit(target)
    if parsed.scheme or parsed.netloc:
        return "/"
    return target


def sign_in_url(path: str, query: str = "") -> str:
    """The sign-in page that returns to `path?query` afterwards."""
    back = f"{path}?{query}" if query else path
    return "/dang-nhap?" + urllib.parse.urlencode({"next": local_target(back)})


@dataclass
class SignInThrottle:
    """Refuses password sign-ins after `per_name` failures for one username or
    `per_address` from one client address within `window_seconds`, until the oldest of
    them leaves the window (OWASP ASVS 2.2.1). Known and unknown usernames count alike,
    so the refusal tells nothing about which exist. In memory, per console process."""

    per_name: int = 5
    per_address: int = 20
    window_seconds: float = 900
    now: Callable[[], float] = time.monotonic
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: Lock = field(default_factory=Lock)

    def _keys(self, username: str, address: str) -> tuple[tuple[str, int], ...]:
        name = username.strip().casefold()
        return ((f"u:{name}", self.per_name), (f"a:{address}", self.per_address))

    def wait_seconds(self, username: str, address: str) -> float:
        """0 when an attempt may be made now, else how long until one may."""
        now = self.now()
        with self._lock:
            waits = [0.0]
            for key, limit in self._keys(username, address):
                times = self._failures.get(key)
                if times is None:
                    continue
                while times and times[0] <= now - self.window_seconds:
                    times.popleft()
                if len(times) >= limit:
                    waits.append(times[0] + self.window_seconds - now)
            return max(waits)

    def failed(self, username: str, address: str) -> None:
        now = self.now()
        with self._lock:
            if len(self._failures) > 10_000:  # many names tried: forget the ones gone quiet
                old = now - self.window_seconds
                for key in [k for k, t in self._failures.items() if not t or t[-1] <= old]:
                    del self._failures[key]
            for key, limit in self._keys(username, address):
                times = self._failures.setdefault(key, deque(maxlen=limit))
                times.append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(self._keys(username, "")[0][0], None)
