"""Serving the console: inside `ocop run` (embedded mode, beside the services) or as its
own process in the distributed mode (`python -m console`, settings from the environment:
`OCOP_CONSOLE_*` for the console, `OCOP_*` for the services' addresses and the issuer)."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
from collections.abc import Iterator

import uvicorn

from console.app import create_app
from console.settings import ConsoleSettings
from runtime.settings import Settings


def bind(console: ConsoleSettings) -> socket.socket:
    """The console's listening socket (bound now, so a busy port fails at start-up and
    port 0 gets a free one)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((console.host, console.port))
    sock.listen(128)
    return sock


class _Embedded(uvicorn.Server):
    """Leaves the signals to the process's own handlers (`ocop run`, `main`)."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class ConsoleServer:
    """The console bound to its port, served on the running event loop until stopped."""

    def __init__(
        self, console: ConsoleSettings, settings: Settings, *, embedded: bool = False
    ) -> None:
        self.socket = bind(console)
        self.port = int(self.socket.getsockname()[1])
        self.app = create_app(console, settings)
        self.app.state.bound_port = self.port
        self.url = console.base_url(self.port)
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            server_header=False,  # no "server: uvicorn" telling which server and so which flaws
        )
        self.server = (_Embedded if embedded else uvicorn.Server)(config)

    async def serve(self, stop: asyncio.Event | None = None) -> None:
        """Serve until `stop` is set (or the process is signalled, without `stop`)."""
        if stop is not None:
            watcher = asyncio.create_task(self._stop_on(stop))
        try:
            await self.server.serve(sockets=[self.socket])
        finally:
            if stop is not None:
                watcher.cancel()

    async def _stop_on(self, stop: asyncio.Event) -> None:
        await stop.wait()
        self.server.should_exit = True


def main() -> int:
    """Serve until SIGTERM or SIGINT, then stop cleanly (exit 0)."""
    console = ConsoleSettings()
    server = ConsoleServer(console, Settings(), embedded=True)
    print(f"Bảng điều khiển OCOP: {server.url}/", flush=True)

    async def serve() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await server.serve(stop)

    asyncio.run(serve())
    return 0
