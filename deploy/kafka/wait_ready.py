"""Wait until a Kafka broker answers a metadata request (not just an open port).

Used by ``kafka.sh wait``: exits 0 once a full admin-client metadata round trip
succeeds, 1 when the timeout passes or the broker process (``--pid``) dies.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from runtime.kafka_auth import client_security


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a dead child its parent has not reaped yet still answers kill -0
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


async def _round_trip(bootstrap: str, timeout_s: float) -> list[str]:
    admin = AIOKafkaAdminClient(
        bootstrap_servers=bootstrap,
        request_timeout_ms=int(timeout_s * 1000),
        **client_security(os.environ.get("OCOP_KAFKA_CLIENT_CONFIG")),
    )
    try:
        await asyncio.wait_for(admin.start(), timeout_s)
        return await asyncio.wait_for(admin.list_topics(), timeout_s)
    finally:
        await admin.close()


async def wait_ready(bootstrap: str, timeout_s: float, pid: int | None) -> int:
    deadline = time.monotonic() + timeout_s
    started = time.monotonic()
    last_error = "no attempt yet"
    while time.monotonic() < deadline:
        if not _alive(pid):
            print(f"[kafka] broker process {pid} exited while waiting", file=sys.stderr)
            return 1
        try:
            topics = await _round_trip(bootstrap, min(5.0, max(1.0, deadline - time.monotonic())))
        except (KafkaError, OSError, TimeoutError) as exc:  # not ready yet
            last_error = f"{type(exc).__name__}: {exc}"
            await asyncio.sleep(0.5)
            continue
        elapsed = time.monotonic() - started
        print(f"[kafka] ready on {bootstrap} after {elapsed:.1f}s ({len(topics)} topics)")
        return 0
    print(
        f"[kafka] no metadata round trip with {bootstrap} within {timeout_s:.0f}s;"
        f" last error: {last_error}",
        file=sys.stderr,
    )
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--bootstrap", default=os.environ.get("OCOP_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
    )
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds (default 90)")
    parser.add_argument("--pid", type=int, default=None, help="fail fast when this process dies")
    args = parser.parse_args()
    # aiokafka logs every refused connection; while waiting those are expected.
    logging.basicConfig(level=logging.CRITICAL)
    return asyncio.run(wait_ready(args.bootstrap, args.timeout, args.pid))


if __name__ == "__main__":
    sys.exit(main())
