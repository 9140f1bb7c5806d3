"""Health that tells the truth: what a process answers on `/healthz` (alive) and `/readyz`
(ready to do its work), over HTTP on `OCOP_HEALTH_PORT` (0: not served).

    GET /healthz  200 {"status": "alive"}, or 503 {"status": "stopping"} once it shuts down
    GET /readyz   200 {"status": "ready"}, or 503 {"status": "not ready", "problems":
                  {"<check>": "<why>", ...}}

A process registers named checks (`Health.check`): callables answering None when all is
well, else why not, in words an operator can act on. The checks are evaluated on each
request, so an outage (`runtime.backoff.Outage.problem`: a broker or database
unreachable) shows in health as soon as it starts and disappears when it ends, beside
its metric. `StoreWatch` looks at a store every few seconds (a process that only waits,
like an idle relay, would otherwise not notice it is gone); `BrokerWatch` does the same
for Kafka and, for a stream process, measures how far its consumer group lags behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import psycopg

from runtime.backoff import Outage
from runtime.leader import postgres_connect_kwargs
from runtime.metrics import Metrics

log = logging.getLogger(__name__)

Check = Callable[[], str | None]


@dataclass
class Health:
    """The named checks of one process (`process`, e.g. `registration-relay`)."""

    process: str
    checks: dict[str, Check] = field(default_factory=dict)
    stopping: bool = False

    def check(self, name: str, check: Check) -> None:
        """Add (or replace) the check `name`."""
        self.checks[name] = check

    def problems(self) -> dict[str, str]:
        """check name -> why it is not ready (empty: ready). A check that raises counts
        as a problem, with the error."""
        found: dict[str, str] = {}
        for name, check in list(self.checks.items()):
            try:
                problem = check()
            except Exception as error:  # noqa: BLE001 - a broken check is a problem to show
                problem = f"the check failed: {type(error).__name__}: {error}"
            if problem:
                found[name] = problem
        if self.stopping:
            found["process"] = "shutting down"
        return found

    def ready(self) -> bool:
        return not self.problems()


def _handler(health: Health) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/healthz":
                alive = not health.stopping
                self._answer(200 if alive else 503, {"status": "alive" if alive else "stopping"})
            elif path == "/readyz":
                problems = health.problems()
                body: dict[str, Any] = {"process": health.process}
                if problems:
                    body |= {"status": "not ready", "problems": problems}
                else:
                    body["status"] = "ready"
                self._answer(503 if problems else 200, body)
            else:
                self._answer(404, {"status": "not found", "paths": ["/healthz", "/readyz"]})

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Probes come every few seconds: not logged."""

    return Handler


def serve_health(health: Health, host: str, port: int) -> ThreadingHTTPServer | None:
    """Serve `/healthz` and `/readyz` of `health` on `host:port` in a daemon thread (port
    0: nothing). OSError when the port is taken."""
    if not port:
        return None
    server = ThreadingHTTPServer((host, port), _handler(health))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="health", daemon=True).start()
    log.info("%s: /healthz and /readyz on %s:%d", health.process, host, port)
    return server


def store_ping(recorder: Any, timeout: float) -> Callable[[], None]:
    """A quick look at the store of `recorder` (a recorder, or anything with the
    `datastore` of one) that raises when it is unreachable: PostgreSQL gets a connection
    of its own (`SELECT 1` within `timeout` s; the recorder's own pool and retries take
    minutes to give up), other stores their last notification id when they keep one (a
    SQLite file answers as long as the process runs)."""
    connect = postgres_connect_kwargs(recorder)
    if connect is None:
        last = getattr(recorder, "max_notification_id", None)
        return (lambda: last() and None) if last is not None else (lambda: None)

    def ping() -> None:
        options = {**connect, "connect_timeout": max(1, round(timeout))}
        with psycopg.connect(**options, autocommit=True) as connection:
            connection.execute("SELECT 1")

    return ping


@dataclass
class StoreWatch:
    """Looks at the store (`store_ping`) every `every_seconds`, in a daemon thread: an
    unreachable store is an outage (logged once, `<service>_outage`, and a problem in
    health), and `on_change(reachable)` hears each change (the gRPC server turns
    NOT_SERVING with it)."""

    component: str
    recorder: Any  # an eventsourcing ApplicationRecorder
    metrics: Metrics | None = None
    every_seconds: float = 2.0
    on_change: Callable[[bool], None] | None = None

    def __post_init__(self) -> None:
        self.outage = Outage(self.component, self.metrics)
        self._stop = threading.Event()
        self._ping = store_ping(self.recorder, max(1.0, self.every_seconds))

    def look(self) -> bool:
        """One look: whether the store answered."""
        was = not self.outage.ongoing
        try:
            self._ping()
        except Exception as error:  # noqa: BLE001 - whatever the store says, it is unreachable
            self.outage.failed(error)
        else:
            self.outage.recovered()
        now = not self.outage.ongoing
        if now != was and self.on_change is not None:
            self.on_change(now)
        return now

    def problem(self) -> str | None:
        return self.outage.problem()

    def start(self) -> StoreWatch:
        def loop() -> None:
            while not self._stop.is_set():
                self.look()
                self._stop.wait(self.every_seconds)

        threading.Thread(target=loop, name=f"watch {self.component}", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()


@dataclass
class BrokerWatch:
    """Pings the broker every `every_seconds` (in the process's event loop) and, with
    `lag`, measures the consumer's lag (messages not yet committed): an unreachable broker
    is an outage like the store's, a lag above `max_lag` a problem."""

    component: str
    ping: Callable[[float], Awaitable[bool]]
    metrics: Metrics | None = None
    every_seconds: float = 2.0
    lag: Callable[[], Awaitable[int | None]] | None = None
    max_lag: int = 1000
    last_lag: int | None = None
    last_look: float | None = None

    def __post_init__(self) -> None:
        self.outage = Outage(self.component, self.metrics)

    async def look(self) -> None:
        timeout = max(1.0, self.every_seconds)
        try:
            if not await self.ping(timeout):
                raise ConnectionError(f"no answer from the broker within {timeout:.0f} s")
            if self.lag is not None:
                self.last_lag = await asyncio.wait_for(self.lag(), timeout)
        except Exception as error:  # noqa: BLE001 - an unreachable broker is an outage
            self.outage.failed(error)
        else:
            self.outage.recovered()
        self.last_look = time.monotonic()

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            await self.look()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.every_seconds)

    def problem(self) -> str | None:
        if self.last_look is None:
            return "not connected to the broker yet"
        if outage := self.outage.problem():
            return outage
        if self.last_lag is not None and self.last_lag > self.max_lag:
            return f"lagging {self.last_lag} messages behind (bound {self.max_lag})"
        return None
