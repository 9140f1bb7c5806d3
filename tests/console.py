"""The console for tests: served on a free port in a thread of its own, and a small HTTP
client with a cookie jar (a browser without the browser)."""

from __future__ import annotations

import asyncio
import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from console.server import ConsoleServer
from console.settings import ConsoleSettings
from runtime.settings import Settings

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@contextmanager
def running_console(settings: Settings, **overrides: object) -> Iterator[str]:
    """The console over `settings`' services, on a free port; yields its base URL."""
    console = ConsoleSettings(port=0, **overrides)  # type: ignore[arg-type]
    # the embedded services trust the built-in issuer only, as `ocop run` (cli/commands/run.py)
    embedded = settings.model_copy(update={"oidc_issuer": ""})
    server = ConsoleServer(console, embedded, embedded=True)
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    thread = threading.Thread(
        target=loop.run_until_complete, args=(server.serve(stop),), daemon=True
    )
    thread.start()
    try:
        yield f"http://{console.host}:{server.port}"
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)


@dataclass
class Answer:
    status: int
    url: str
    body: str
    headers: dict[str, str]

    def csrf(self) -> str:
        found = CSRF.search(self.body)
        assert found, "the page has no form with a CSRF token"
        return found[1]


class Browser:
    """GET and POST with cookies kept, redirects followed; any status is an answer."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> Answer:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str]) -> Answer:
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(self.base + path, data=data, method="POST"))

    def _open(self, request: urllib.request.Request) -> Answer:
        try:
            with self.opener.open(request, timeout=30) as response:
                body = response.read().decode(errors="replace")  # a PNG or PDF: not text
                return Answer(response.status, response.url, body, dict(response.headers))
        except urllib.error.HTTPError as error:
            return Answer(
                error.code, error.url, error.read().decode(errors="replace"), dict(error.headers)
            )
