"""CPU per event of the reporting consumer's batch path, without Kafka: `--events` published
events of five kinds (`bench.feed.published`), applied by
`ReportingService.consumer().handle_batch` in batches of 500 to a fresh reporting store.
Prints events/s, the CPU time of this process per event (`time.process_time`) and, on
PostgreSQL, that of the server backends connected to the store's database (from
`/proc/<pid>/stat`): figures a loaded machine inflates far less than wall-clock rates.

    .venv/bin/python -m bench.per_event [--store postgres|sqlite] [--events N]

On PostgreSQL the database `<db-prefix>per_event_reporting` is created if missing and emptied
first; on SQLite the store is a file in a new temporary folder."""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.feed import published, reset_schema
from bench.infra import ensure_databases, server_seconds
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.settings import Settings
from services.reporting.bootstrap import build

BATCH = 500


def messages(count: int) -> list[InMessage]:
    """`count` published events as the relays send them (positions counted per source)."""
    out: list[InMessage] = []
    positions: dict[str, int] = {}
    for topic, event in published(count):
        source = topic.split(".")[1]
        positions[source] = positions.get(source, 0) + 1
        headers = {HEADER_SOURCE: source, HEADER_NOTIFICATION_ID: str(positions[source])}
        value = event.model_dump_json().encode()
        out.append(InMessage(topic, 0, len(out), str(event.aggregate_id).encode(), value, headers))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--store", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument(
        "--maintenance-db", default="ocop_test", help="database to create the store from"
    )
    args = parser.parse_args()
    backlog = messages(args.events)
    dbname = ""
    if args.store == "postgres":
        base = Settings(store="postgres", delivery="kafka")
        settings = base.model_copy(update={"pg_db_prefix": f"{base.pg_db_prefix}per_event_"})
        ensure_databases(settings, args.maintenance_db, ("reporting",))
        dbname = f"{settings.pg_db_prefix}reporting"
        reset_schema(settings, dbname)
    else:
        folder = Path(tempfile.mkdtemp(prefix="ocop-bench-per-event-"))
        settings = Settings(store="sqlite", delivery="inproc", data_dir=folder)
    service = build(settings)
    try:
        consumer = service.consumer(settings)
        server = server_seconds(dbname) if dbname else 0.0
        cpu, started = time.process_time(), time.perf_counter()
        for first in range(0, len(backlog), BATCH):
            result = consumer.handle_batch(backlog[first : first + BATCH])
            if result.dead:
                raise SystemExit(f"dead-lettered: {result.dead[0][1]}")
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        server = (server_seconds(dbname) - server) if dbname else 0.0
    finally:
        service.app.close()
    count = len(backlog)
    print(
        f"{args.store}, {count:,} events in batches of {BATCH}: {count / wall:,.0f} ev/s; CPU "
        f"per event: this process {cpu / count * 1e6:.0f} µs"
        + (f", PostgreSQL backends {server / count * 1e6:.0f} µs" if dbname else "")
        + f"; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
