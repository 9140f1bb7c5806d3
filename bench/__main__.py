"""`make bench`: every figure of issue 18, each beside the limit it relates to, measured
in the same run on the same machine, and the targets met or missed.

    .venv/bin/python -m bench [--events N] [--paced M] [--repeat R] [--inproc] [--json]

A script that prints figures, not a test; docs/operators/benchmarks.md says what each
figure means. The layout (one module per figure):

- `bench.limits`: the limits (raw PostgreSQL inserts, eventsourcing's `insert_events`,
  the notification-log read);
- `bench.system`: one repetition of the distributed system, which runs
  `bench.end_to_end` (T7), `bench.relay` (T4), `bench.consumer` (T5) and
  `bench.commands` (T3) on the databases and topics of the run;
- `bench.rebuild`: the rebuild (T6) at two sizes of a feed of stored events, its log-read
  limit and eventsourcing's `ProjectionRunner` as the peer;
- `bench.embedded`: the embedded mode's journey (T8) beside SQLite's own limits;
- `bench.report`: the table, the ratios and the targets.

Progress goes to stderr, the report to stdout."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from typing import Any

import psycopg

from bench import (
    commands,
    commands_pipeline,
    consumer,
    embedded,
    end_to_end,
    limits,
    rebuild,
    relay,
)
from bench.infra import SERVICES, Servers, ensure_databases, machine_facts, quiet_logging, say
from bench.report import Figure, Section, as_json, collect, number, render
from bench.system import run_system
from runtime.settings import Settings

SECTIONS: tuple[Section, ...] = tuple(
    (m.TITLE, m.SPECS)
    for m in (
        limits,
        commands,
        relay,
        consumer,
        rebuild,
        end_to_end,
        commands_pipeline,
        embedded,
    )
)


def header(report: dict[str, Any]) -> list[str]:
    m = report["machine"]
    p = report["parameters"]
    pg = m["postgresql_settings"]
    return [
        f"OCOP benchmark (issue 18), {m['date']}",
        f"machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['os']}; load "
        f"average {'/'.join(map(str, m['load_at_start']))} at start, "
        f"{'/'.join(map(str, m['load_at_end']))} at end",
        f"         Kafka {m['kafka']} at {m['kafka_bootstrap']}, PostgreSQL {m['postgresql']} "
        f"(fsync={pg['fsync']}, synchronous_commit={pg['synchronous_commit']}, "
        f"shared_buffers={pg['shared_buffers']}), Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        f"mode: {report['mode']}",
        f"run: {p['events']} commands at full speed + {p['paced']} paced, x {p['repeat']} runs; "
        f"limits {p['limit_seconds']:g} s each "
        f"x {p['repeat']}, log read over {p['log_size']:.0f} stored rows; relay batch "
        f"{p['relay_batch_size']}, relay poll {p['relay_poll_seconds']:g} s, consumer batch "
        f"{p['consumer_batch_size']}; rebuild feeds of "
        + " and ".join(f"{n:,}" for n in p["rebuild_events"])
        + f" events; databases {p['databases']}; values are medians",
    ]


def summary(table: list[Figure]) -> str:
    by_key = {f.spec.key: f.value for f in table}
    e2e = by_key["e2e"]
    return (
        f"end-to-end {number(e2e)} ev/s = {e2e / by_key['pg_single']:.2f} x PostgreSQL "
        f"single-row commits = {e2e / by_key['pg_batch']:.3f} x 100-row batches = "
        f"{e2e / by_key['cpu_ceiling']:.2f} x the CPU ceiling (machine "
        f"{by_key['machine_busy']:.0f} % busy); latency p50/p99 "
        f"{number(by_key['full_p50'])}/{number(by_key['full_p99'])} ms at full "
        f"speed, {number(by_key['paced_p50'])}/{number(by_key['paced_p99'])} ms "
        f"paced at {number(by_key['paced_rate'])} ev/s"
    )


def parser() -> argparse.ArgumentParser:
    """The command line of `python -m bench`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--events", type=int, default=1000, help="commands per run, at full speed [1000]"
    )
    parser.add_argument(
        "--paced", type=int, default=300, help="then commands at half that rate [300]"
    )
    parser.add_argument(
        "--pipeline-seconds",
        type=float,
        default=60,
        help="T7: 8 gRPC clients at full speed this long through the pipeline [60]",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs; medians are shown [3]")
    parser.add_argument(
        "--limit-seconds", type=float, default=2.0, help="duration of each limit measurement [2]"
    )
    parser.add_argument(
        "--inproc", action="store_true", help="relay and stream as tasks of this process"
    )
    parser.add_argument(
        "--db-prefix",
        default="ocop_bench_",
        help="service databases <prefix>registration/reporting, reset each run [ocop_bench_]",
    )
    parser.add_argument("--limits-db", default="ocop_test", help="database of the scratch table")
    parser.add_argument(
        "--rebuild-events",
        default="100000,1000000",
        help="sizes of the rebuild's feed, smallest first [100000,1000000]",
    )
    parser.add_argument(
        "--peer-seconds", type=float, default=30.0, help="how long the peer runs [30]"
    )
    parser.add_argument(
        "--only",
        default="system,rebuild,embedded",
        help="parts to run besides the limits, comma-separated [system,rebuild,embedded]",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def measure(
    args: argparse.Namespace,
    settings: Settings,
    servers: Servers,
    parts: set[str],
    sizes: list[int],
) -> dict[str, list[float]]:
    """Every figure's values, one per repetition, by key: the limits, then the parts asked
    for (the system, the embedded mode, the rebuild)."""
    runs = limits.measure_limits(settings, args.limits_db, args.limit_seconds, args.repeat)
    for n in range(args.repeat if "system" in parts else 0):
        say(f"system {n + 1}/{args.repeat}: {args.events} + {args.paced} commands end to end")
        run = run_system(
            settings,
            servers,
            args.events,
            args.paced,
            args.inproc,
            args.limit_seconds,
            args.pipeline_seconds,
        )
        for key, value in run.items():
            runs.setdefault(key, []).append(value)
        say(
            f"system {n + 1}/{args.repeat}: {run['e2e']:.0f} ev/s, p50/p99 "
            f"{run['full_p50']:.0f}/{run['full_p99']:.0f} ms at full speed, "
            f"{run['paced_p50']:.0f}/{run['paced_p99']:.0f} ms paced"
        )
    for n in range(args.repeat if "embedded" in parts else 0):
        say(f"embedded {n + 1}/{args.repeat}")
        for key, value in embedded.measure(args.events, args.limit_seconds).items():
            runs.setdefault(key, []).append(value)
    if "rebuild" in parts:
        found = rebuild.measure(settings, args.db_prefix, sizes, args.peer_seconds, True)
        for key, value in found.items():
            runs.setdefault(key, []).append(value)
    return runs


def report_of(
    args: argparse.Namespace,
    settings: Settings,
    machine: dict[str, Any],
    runs: dict[str, list[float]],
    sizes: list[int],
) -> dict[str, Any]:
    """The report's header facts: the machine, the mode and the run's parameters."""
    mode = (
        "distributed, one process: relay and reporting stream are asyncio tasks of the "
        "benchmark, commands in a worker thread"
        if args.inproc
        else "distributed, separate OS processes: commands in the main process, the "
        "registration relay in a second, the reporting stream (FastStream batch "
        "subscriber + TrackedConsumer) in a third"
    )
    return {
        "machine": machine,
        "mode": mode,
        "parameters": {
            "events": args.events,
            "paced": args.paced,
            "repeat": args.repeat,
            "limit_seconds": args.limit_seconds,
            "log_size": runs["log_size"][0],
            "relay_batch_size": settings.relay_batch_size,
            "relay_poll_seconds": settings.relay_poll_seconds,
            "consumer_batch_size": settings.consumer_batch_size,
            "databases": f"{args.db_prefix}{{{','.join(SERVICES + rebuild.DATABASES)}}}, "
            f"scratch {args.limits_db}",
            "rebuild_events": sizes,
        },
    }


def main(argv: Sequence[str] | None = None) -> None:
    cli = parser()
    args = cli.parse_args(argv)
    if args.events < 1 or args.repeat < 1 or args.paced < 1:
        cli.error("--events, --paced and --repeat must be positive")
    parts = set(args.only.split(","))
    sizes = [int(n) for n in args.rebuild_events.split(",")]
    quiet_logging()

    settings = Settings(store="postgres", delivery="kafka", pg_db_prefix=args.db_prefix)
    try:
        machine = machine_facts(settings, args.limits_db)
        ensure_databases(settings, args.limits_db)
        ensure_databases(settings, args.limits_db, rebuild.DATABASES)
    except psycopg.OperationalError as error:
        raise SystemExit(f"PostgreSQL is not reachable ({error}): run deploy/infra.sh up") from None
    servers = Servers(machine["kafka_pid"], machine["postmaster_pid"])
    say(f"Kafka {machine['kafka']}, PostgreSQL {machine['postgresql']}, {machine['cores']} cores")

    runs = measure(args, settings, servers, parts, sizes)
    report = report_of(args, settings, machine, runs, sizes)
    machine["load_at_end"] = [round(v, 2) for v in os.getloadavg()]
    table = collect(SECTIONS, runs)
    if args.json:
        print(as_json(report, table))
    else:
        closing = "\n\n" + summary(table) if "system" in parts else ""
        print(render(header(report), SECTIONS, table) + closing)


if __name__ == "__main__":
    main()
