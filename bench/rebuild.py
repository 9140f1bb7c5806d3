"""Rebuild (T6): a new version of reporting's read models from every stored event, written
in bulk, then switched to, as `ocop reporting rebuild` does (system/rebuild.py).

The source is a store of its own (`bench.feed`: `<db-prefix>feed` holding N published
events of five kinds, generated and stored with COPY). The rebuild reads its notification
log in pages of `PAGE` and writes each page into the new version in one transaction
(`Rebuild.apply_batch`; the next page read and parsed meanwhile), into
`<db-prefix>rebuild` (its schema emptied first). Its limit is the raw read of the same
log (`select_notifications`, pages of `PAGE`) in the same run; linearity is the rate of
the largest run over the rate of the smallest.

The peer: eventsourcing's own `ProjectionRunner` with its tracking recorder running the
same projection (`ReadModels.write`, one event and its tracking per transaction) over
the same stored events, into `<db-prefix>peer`, for `peer_seconds` (its rate per event
does not change with the size of the log)."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.projection import Projection, ProjectionRunner

from bench.feed import FEED, PAGE, Feed, feed_env, from_feed, reset_schema, store_feed
from bench.infra import ensure_databases, say, server_seconds
from bench.limits import read_log
from bench.report import Spec, Target
from contracts import registry
from runtime.eventstore import POSTGRES_FACTORY, event_store_env
from runtime.settings import Settings
from runtime.tracking import PostgresEventTrackingRecorder
from services.reporting.application import ReportingApp
from services.reporting.projections.models import ReadModels
from system.rebuild import rebuild

DATABASES = ("feed", "rebuild", "peer")

TITLE = "rebuild, from the stored events"
SPECS = (
    Spec("rebuild_log_read", "notification-log read of the feed (limit)", "ev/s"),
    Spec(
        "rebuild_small",
        "rebuild, the smaller log",
        "ev/s",
        "rebuild_log_read",
        None,
        "rebuild_peer",
    ),
    Spec(
        "rebuild_large",
        "rebuild, the larger log",
        "ev/s",
        "rebuild_log_read",
        Target("T6", 0.4, "≥ 0.4 × raw notification-log read"),
        "rebuild_peer",
    ),
    Spec(
        "rebuild_linearity",
        "linearity: larger log's rate / smaller's",
        "x",
        None,
        Target("T6", 0.9, "the 1M run's rate ≥ 0.9 × the 100k run's"),
    ),
    Spec("rebuild_seconds", "rebuild, the larger log, wall time", "s"),
    Spec(
        "rebuild_peer",
        "peer: eventsourcing ProjectionRunner",
        "ev/s",
        "rebuild_log_read",
    ),
    Spec("rebuild_generate", "generating + COPY of the feed, the larger log", "ev/s"),
)


def rebuild_rate(settings: Settings, feed: Feed, dbname: str, progress: bool) -> float:
    """Rebuild reporting's read models in `dbname` (emptied first) from the feed; events/s
    from the first read to the switch."""
    return rebuilt(settings, feed, dbname, progress)[0]


def rebuilt(settings: Settings, feed: Feed, dbname: str, progress: bool) -> tuple[float, float]:
    """`rebuild_rate`, and the CPU seconds of the PostgreSQL backends that wrote `dbname`
    (read before they close)."""
    reset_schema(settings, dbname)
    app = ReportingApp(event_store_env(settings.model_copy(update={"pg_db_prefix": ""}), dbname))
    try:
        server = server_seconds(dbname)
        done = rebuild(app, from_feed(feed), settings, progress=progress, grace_seconds=0)
        if done.applied != done.replayed or done.dead:
            raise RuntimeError(f"rebuild applied {done.applied} of {done.replayed}")
        return done.per_second, server_seconds(dbname) - server
    finally:
        app.close()


class CataloguePeer(Projection[PostgresEventTrackingRecorder]):
    """Reporting's projection under eventsourcing's own runner: each event's rows and its
    tracking in one transaction, as `ReadModels.write` writes them."""

    name = "catalogue_peer"

    def __init__(self, view: PostgresEventTrackingRecorder) -> None:
        super().__init__(view)
        self.models = ReadModels(view)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        parsed = registry.parse(domain_event.topic, domain_event.value.encode())
        with self.view.datastore.transaction(commit=True) as cursor:
            self.view._insert_tracking(cursor, tracking)
            self.models.write(cursor, parsed, domain_event.topic)


def peer_rate(settings: Settings, feed_db: str, dbname: str, seconds: float) -> float:
    """eventsourcing's `ProjectionRunner` over the feed for `seconds`; events/s."""
    reset_schema(settings, dbname)
    env = feed_env(settings, feed_db) | {
        "CATALOGUE_PEER_POSTGRES_DBNAME": dbname,
        "CATALOGUE_PEER_PERSISTENCE_MODULE": POSTGRES_FACTORY,
    }
    started = time.monotonic()
    runner: Any = ProjectionRunner(
        application_class=Feed,
        projection_class=CataloguePeer,
        view_class=PostgresEventTrackingRecorder,
        env=env,
    )
    with runner:
        time.sleep(seconds)
        done = runner.view.max_tracking_id(FEED) or 0
        elapsed = time.monotonic() - started
    return done / elapsed


def measure(
    settings: Settings, db_prefix: str, sizes: Sequence[int], peer_seconds: float, progress: bool
) -> dict[str, float]:
    """The rebuild at each of `sizes` (smallest first), the log-read limit and the peer over
    the largest feed."""
    names = {d: f"{db_prefix}{d}" for d in DATABASES}
    rates: list[float] = []
    figures: dict[str, float] = {}
    for size in sorted(sizes):
        say(f"rebuild: storing {size:,} events in {names['feed']} with COPY")
        figures["rebuild_generate"] = store_feed(settings, names["feed"], size)
        feed = Feed(env=feed_env(settings, names["feed"]))
        try:
            say(f"rebuild: {size:,} events into {names['rebuild']}")
            started = time.monotonic()
            rates.append(rebuild_rate(settings, feed, names["rebuild"], progress))
            figures["rebuild_seconds"] = time.monotonic() - started
            _, figures["rebuild_log_read"] = read_log(feed.recorder, PAGE)
        finally:
            feed.close()
    say(f"rebuild: the peer (ProjectionRunner) for {peer_seconds:g} s")
    figures["rebuild_peer"] = peer_rate(settings, names["feed"], names["peer"], peer_seconds)
    figures["rebuild_small"], figures["rebuild_large"] = rates[0], rates[-1]
    figures["rebuild_linearity"] = rates[-1] / rates[0]
    return figures


def main() -> None:
    """One rebuild of a feed of `--events`, with its CPU per event (this process and the
    PostgreSQL backends of the rebuilt store), steadier than the rate on a shared machine:

        .venv/bin/python -m bench.rebuild [--events N] [--reuse-feed] [--db-prefix P]"""
    parser = argparse.ArgumentParser(description="One rebuild (T6) with its CPU per event.")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--reuse-feed", action="store_true", help="keep a feed of that size")
    parser.add_argument("--db-prefix", default="ocop_bench_", help="<P>feed, <P>rebuild")
    parser.add_argument("--maintenance-db", default="ocop_test")
    args = parser.parse_args()
    base = Settings(store="postgres", delivery="kafka")
    settings = base.model_copy(update={"pg_db_prefix": args.db_prefix})
    names = {d: f"{args.db_prefix}{d}" for d in DATABASES}
    ensure_databases(settings, args.maintenance_db, DATABASES)
    feed = Feed(env=feed_env(settings, names["feed"]))
    try:
        if not args.reuse_feed or (feed.recorder.max_notification_id() or 0) != args.events:
            feed.close()
            say(f"storing {args.events:,} events in {names['feed']}")
            store_feed(settings, names["feed"], args.events)
            feed = Feed(env=feed_env(settings, names["feed"]))
        load = os.getloadavg()[0]
        cpu, started = time.process_time(), time.perf_counter()
        rate, server = rebuilt(settings, feed, names["rebuild"], progress=True)
        wall = time.perf_counter() - started
        cpu = time.process_time() - cpu
        _, read = read_log(feed.recorder, PAGE)
    finally:
        feed.close()
    n = args.events
    print(
        f"rebuild of {n:,} events: {rate:,.0f} ev/s ({wall:.1f} s in all), "
        f"{rate / read:.3f} x the log read ({read:,.0f} ev/s); CPU per event: this process "
        f"{cpu / n * 1e6:.0f} µs, PostgreSQL backends {server / n * 1e6:.0f} µs; "
        f"load average {load:.1f} at start, {os.getloadavg()[0]:.1f} at end"
    )


if __name__ == "__main__":
    main()
