"""Rebuild (T6): a new version of reporting's read models from every stored event, written
in bulk, then switched to, as `ocop reporting rebuild` does (system/rebuild.py).

The source is a store of its own (`<db-prefix>feed`, eventsourcing's PostgreSQL
application recorder, table `bench_feed_events`) holding N published events of a
plausible shape (per product: ProductRegistered, DossierSubmitted, CommuneAssessed,
Scored, Recognized, with their envelopes, on their topics), generated and stored with
COPY (bulk insert). The rebuild reads its notification log in pages of `PAGE` and writes
each page into the new version in one transaction (`Rebuild.apply_batch`), into
`<db-prefix>rebuild` (its schema emptied first). Its limit is the raw read of the same
log (`select_notifications`, pages of `PAGE`) in the same run; linearity is the rate of
the largest run over the rate of the smallest.

The peer: eventsourcing's own `ProjectionRunner` with its tracking recorder running the
same projection (`ReadModels.write`, one event and its tracking per transaction) over
the same stored events, into `<db-prefix>peer`, for `peer_seconds` (its rate per event
does not change with the size of the log)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from eventsourcing.application import Application
from eventsourcing.domain import DomainEvent
from eventsourcing.persistence import ApplicationRecorder, Tracking
from eventsourcing.projection import Projection, ProjectionRunner
from psycopg import sql

from bench.infra import pg_connect, say
from bench.limits import read_log
from bench.report import Spec, Target
from contracts import registry
from contracts.envelope import Actor
from contracts.evaluation import Recognized, Scored
from contracts.registration import CommuneAssessed, DossierSubmitted, ProductRegistered
from runtime.eventstore import POSTGRES_FACTORY, event_store_env
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.settings import Settings
from runtime.tracking import PostgresEventTrackingRecorder
from services.reporting.application import ReportingApp
from services.reporting.projections.models import ReadModels
from system.rebuild import Batches, rebuild

PAGE = 5000
FEED = "bench_feed"
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


@dataclass(frozen=True)
class Published(DomainEvent):
    """One published message as the feed stores it (its JSON as published)."""

    topic: str
    source: str
    value: str


class Feed(Application[UUID]):
    """The source store: every published event, in the order the relays published them."""

    name = FEED


REGISTRATION, EVALUATION = "ocop.registration.events.v1", "ocop.evaluation.events.v1"
OFFICER = Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")
CHAIRMAN = Actor(id="ct-ubnd-tinh", role="authority", jurisdiction="51")


def envelope(
    aggregate: object, version: int, who: Actor, at: datetime, flow: object
) -> dict[str, object]:
    return {
        "event_id": uuid4(),
        "aggregate_id": aggregate,
        "aggregate_version": version,
        "occurred_at": at,
        "actor": who,
        "correlation_id": flow,
        "rule_set_id": "R3",
    }


def published(count: int) -> Iterator[tuple[str, Any]]:
    """`count` published events (topic, event), five per product, in publishing order."""
    made = 0
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(count // 5 + 1):
        product, dossier, producer, flow = uuid4(), uuid4(), uuid4(), uuid4()
        at = start + timedelta(minutes=n)

        facts = [
            (
                REGISTRATION,
                ProductRegistered(
                    **envelope(product, 1, OFFICER, at + timedelta(minutes=0), flow),
                    producer_id=producer,
                    name=f"Sản phẩm {n}",
                    product_set=13,
                    commune_code="23500",
                    province_code="51",
                ),
            ),
            (
                REGISTRATION,
                DossierSubmitted(
                    **envelope(dossier, 1, OFFICER, at + timedelta(minutes=1), flow),
                    product_id=product,
                    producer_id=producer,
                    kind="first",
                    received_on=date(2026, 6, 1),
                    commune_code="23500",
                ),
            ),
            (
                REGISTRATION,
                CommuneAssessed(
                    **envelope(dossier, 2, OFFICER, at + timedelta(minutes=2), flow),
                    product_id=product,
                    producer_id=producer,
                    product_name=f"Sản phẩm {n}",
                    product_set=13,
                    kind="first",
                    received_on=date(2026, 6, 1),
                    assessed_on=date(2026, 6, 12),
                    report_no="15/BC",
                    local_raw_material=True,
                    local_labour=True,
                    idea_origin=True,
                    local_identity=True,
                    forwarded_to="province",
                    commune_code="23500",
                    province_code="51",
                ),
            ),
            (
                EVALUATION,
                Scored(
                    **envelope(uuid4(), 1, CHAIRMAN, at + timedelta(minutes=3), flow),
                    dossier_id=dossier,
                    product_id=product,
                    product_set=13,
                    score=Decimal("65.33"),
                    star_band=3,
                    outcome="recognised",
                    explanation="3 sao",
                    awarded_star=3,
                ),
            ),
            (
                EVALUATION,
                Recognized(
                    **envelope(uuid4(), 1, CHAIRMAN, at + timedelta(minutes=4), flow),
                    dossier_id=dossier,
                    product_id=product,
                    star=3,
                    decision_no=f"{n}/QĐ-UBND",
                    decided_on=date(2026, 6, 28),
                    authority="UBND tỉnh",
                    valid_from=date(2026, 6, 28),
                    valid_to=date(2029, 6, 27),
                    certificate_no=f"GCN-{n}",
                ),
            ),
        ]
        for fact in facts:
            if made == count:
                return
            made += 1
            yield fact


def store_feed(settings: Settings, dbname: str, count: int) -> float:
    """Empty the feed and store `count` published events in it with COPY; events/s."""
    reset_schema(settings, dbname)
    feed = Feed(env=feed_env(settings, dbname))  # creates the table
    try:
        mapper = feed.mapper
        table = sql.Identifier(f"{FEED}_events")
        started = time.monotonic()
        stream = uuid5(NAMESPACE_URL, "ocop-bench-feed")
        with pg_connect(settings, dbname) as conn, conn.cursor() as cursor:
            with cursor.copy(
                sql.SQL(
                    "COPY {} (originator_id, originator_version, topic, state) FROM STDIN"
                ).format(table)
            ) as copy:
                for n, (topic, event) in enumerate(published(count), start=1):
                    stored = mapper.to_stored_event(
                        Published(
                            originator_id=stream,
                            originator_version=n,
                            timestamp=event.occurred_at,
                            topic=topic,
                            source=topic.split(".")[1],
                            value=event.model_dump_json(),
                        )
                    )
                    copy.write_row((stored.originator_id, n, stored.topic, stored.state))
            conn.commit()
        return count / (time.monotonic() - started)
    finally:
        feed.close()


def feed_env(settings: Settings, dbname: str) -> dict[str, str]:
    return event_store_env(settings, "feed") | {
        "PERSISTENCE_MODULE": POSTGRES_FACTORY,
        "POSTGRES_DBNAME": dbname,
    }


def reset_schema(settings: Settings, dbname: str) -> None:
    with pg_connect(settings, dbname, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


def message_of(feed: Feed, notification: Any) -> InMessage:
    """The published message a notification of the feed holds."""
    event: Any = feed.mapper.to_domain_event(notification)
    return InMessage(
        event.topic,
        0,
        notification.id,
        b"",
        event.value.encode(),
        {HEADER_SOURCE: event.source, HEADER_NOTIFICATION_ID: str(notification.id)},
    )


def from_feed(feed: Feed, page: int = PAGE) -> Callable[[], Batches]:
    """The feed's whole notification log, read in pages of `page`, as batches."""

    def batches() -> Batches:
        recorder: ApplicationRecorder = feed.recorder
        total = recorder.max_notification_id() or 0

        def pages() -> Iterator[Sequence[InMessage]]:
            position = 0
            while notes := recorder.select_notifications(
                start=position, limit=page, inclusive_of_start=False
            ):
                position = notes[-1].id
                yield [message_of(feed, n) for n in notes]

        return total, pages()

    return batches


def rebuild_rate(settings: Settings, feed: Feed, dbname: str, progress: bool) -> float:
    """Rebuild reporting's read models in `dbname` (emptied first) from the feed; events/s
    from the first read to the switch."""
    reset_schema(settings, dbname)
    app = ReportingApp(event_store_env(settings.model_copy(update={"pg_db_prefix": ""}), dbname))
    try:
        done = rebuild(app, from_feed(feed), settings, progress=progress, grace_seconds=0)
        if done.applied != done.replayed or done.dead:
            raise RuntimeError(f"rebuild applied {done.applied} of {done.replayed}")
        return done.per_second
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
