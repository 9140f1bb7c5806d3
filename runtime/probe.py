"""Health probes for containers: `python -m runtime.probe grpc HOST:PORT` exits 0 when the
gRPC health service answers SERVING (an rpc process); `python -m runtime.probe http URL`
exits 0 when the URL answers 200 (a stream, relay or scheduler process's /readyz).
Anything else, or no answer within `--timeout` seconds, exits 1 with the reason."""

from __future__ import annotations

import argparse
import sys
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from runtime.tls import channel


def grpc_serving(address: str, timeout: float, tls_dir: Path | None = None) -> str | None:
    """None when `address` reports SERVING, else why not."""
    with channel(address, tls_dir) as chan:
        try:
            reply = health_pb2_grpc.HealthStub(chan).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=timeout
            )
        except grpc.RpcError as error:
            return f"{address}: {error.code().name}"
    if reply.status != health_pb2.HealthCheckResponse.SERVING:
        return f"{address}: {health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)}"
    return None


def http_ok(url: str, timeout: float) -> str | None:
    """None when `url` answers 200, else why not."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            status: int = reply.status
    except OSError as error:
        return f"{url}: {error}"
    return None if status == 200 else f"{url}: HTTP {status}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m runtime.probe", description=__doc__)
    parser.add_argument("kind", choices=("grpc", "http"))
    parser.add_argument("target", help="HOST:PORT (grpc) or URL (http)")
    parser.add_argument("--timeout", type=float, default=3.0)
    parser.add_argument("--tls-dir", type=Path, default=None, help="gRPC over TLS (ca.pem)")
    args = parser.parse_args(argv)
    if args.kind == "grpc":
        problem = grpc_serving(args.target, args.timeout, args.tls_dir)
    else:
        problem = http_ok(args.target, args.timeout)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
