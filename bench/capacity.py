"""T3 alone, for measuring one change to the command path at a time (issue 18):
`python -m bench.capacity [--seconds S] [--db-prefix P] [--no-raw]`.

On database `<P>registration` (created if missing, emptied first) it runs `bench.commands`'
gRPC part (the registration server in a process of its own, 1 then 8 clients, then 8 with
group commit off) and, unless `--no-raw`, the raw single-row commits from 8 connections
T3 divides by; prints each figure, the server's CPU per command (steadier than rates on a
shared machine) and the load average before and after. `make bench` runs the same
functions; this skips everything else."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

from bench import commands
from bench.infra import ensure_databases, quiet_logging, reset_database
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration


def _load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="each phase [4]")
    parser.add_argument("--db-prefix", default="ocop_capacity_", help="[ocop_capacity_]")
    parser.add_argument("--maintenance-db", default="ocop_test", help="[ocop_test]")
    parser.add_argument("--no-raw", action="store_true", help="skip the raw 8-connection limit")
    args = parser.parse_args(argv)
    quiet_logging()
    settings = Settings(store="postgres", delivery="kafka", pg_db_prefix=args.db_prefix)
    ensure_databases(settings, args.maintenance_db, ("registration",))
    reset_database(settings, "registration")
    build_registration(settings).app.close()  # the tables, before the server starts
    before = _load()
    figures = commands.over_grpc(settings, args.seconds)
    if not args.no_raw:
        figures |= commands.raw_inserts(
            settings, f"{settings.pg_db_prefix}registration", args.seconds
        )
    print(f"load average {before} before, {_load()} after")
    labels = {spec.key: (spec.label, spec.unit) for spec in commands.SPECS}
    for key, value in figures.items():
        label, unit = labels.get(key, (key, ""))
        print(f"{label:<58} {value:>9,.2f} {unit}")
    if "pg_single_8" in figures:
        t3 = figures["grpc_8"] / figures["pg_single_8"]
        print(f"T3 ratio (8 clients / raw 8 connections): {t3:.4f}")


if __name__ == "__main__":
    main()
