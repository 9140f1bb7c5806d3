"""The console over a running edge (`tests.unit.inputs.servers.running`): the console
tests' one way to point the console at the edge's gRPC services and its sign-in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from runtime.settings import Settings
from tests.console import running_console
from tests.unit.inputs.servers import Running


@contextmanager
def console_of(
    edge: Running, data_dir: Path, *, signed_in: bool = True, **console: Any
) -> Iterator[str]:
    """The console (`console`: its settings) over `edge`'s services, keeping its data in
    `data_dir`, signing in at the edge's embedded issuer (`signed_in`) or at none (public
    pages only); yields its base URL."""
    ports: dict[str, Any] = {
        f"{s}_port": int(a.rsplit(":", 1)[1]) for s, a in edge.addresses.items()
    }
    more: dict[str, Any] = {}
    if signed_in:
        assert edge.system.issuer is not None
        more["identity_port"] = edge.system.issuer.port
    settings = Settings(data_dir=data_dir, **more, **ports)
    with running_console(settings, **console) as url:
        yield url
