"""A server never shares a port: gRPC's default SO_REUSEPORT would let a second process
"bind" a busy port and split its calls with the first one silently."""

from __future__ import annotations

import pytest

from runtime.rpc import build_server
from tests.identity import TestIssuer, interceptor


def test_a_busy_port_is_refused(issuer: TestIssuer) -> None:
    first, port = build_server("127.0.0.1:0", [], [], auth=interceptor(issuer, "registration"))
    first.start()
    try:
        with pytest.raises(OSError, match="cannot bind"):
            build_server(f"127.0.0.1:{port}", [], [], auth=interceptor(issuer, "registration"))
    finally:
        first.stop(None)
