"""The synthetic feed the rebuild (T6), the consumer backlog (T5) and the per-event bench
apply: published events of a plausible shape (per product: ProductRegistered,
DossierSubmitted, CommuneAssessed, Scored, Recognized, with their envelopes, on their
topics), and a store of its own holding them (`<db-prefix>feed`, eventsourcing's PostgreSQL
application recorder, table `bench_feed_events`), filled with COPY and read back in pages
of its notification log as the rebuild's batches."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid4, uuid5

from eventsourcing.application import Application
from eventsourcing.domain import DomainEvent
from eventsourcing.persistence import ApplicationRecorder
from psycopg import sql

from bench.infra import pg_connect
from contracts.envelope import Actor
from contracts.evaluation import Recognized, Scored
from contracts.registration import CommuneAssessed, DossierSubmitted, ProductRegistered
from runtime.eventstore import POSTGRES_FACTORY, event_store_env
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.settings import Settings
from system.rebuild import Batches

PAGE = 5000
FEED = "bench_feed"


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


def registration_facts(n: int, at: datetime, ids: Sequence[UUID]) -> list[tuple[str, Any]]:
    """Product `n`'s registration, its dossier's submission and the commune's assessment."""
    product, dossier, producer, flow = ids
    step = timedelta(minutes=1)
    return [
        (
            REGISTRATION,
            ProductRegistered(
                **envelope(product, 1, OFFICER, at, flow),
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
                **envelope(dossier, 1, OFFICER, at + step, flow),
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
                **envelope(dossier, 2, OFFICER, at + 2 * step, flow),
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
    ]


def evaluation_facts(n: int, at: datetime, ids: Sequence[UUID]) -> list[tuple[str, Any]]:
    """Product `n`'s score and its recognition (3 stars)."""
    product, dossier, _, flow = ids
    return [
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


def published(count: int) -> Iterator[tuple[str, Any]]:
    """`count` published events (topic, event), five per product, in publishing order."""
    made = 0
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(count // 5 + 1):
        ids = (uuid4(), uuid4(), uuid4(), uuid4())  # product, dossier, producer, flow
        at = start + timedelta(minutes=n)
        for fact in registration_facts(n, at, ids) + evaluation_facts(n, at, ids):
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


def message_of(notification: Any) -> InMessage:
    """The published message a notification of the feed holds: its stored state is the
    `Published` event's JSON (no cipher, no compressor), of which only the topic, the source
    and the value are needed (not the whole domain event, timestamp decoded)."""
    state = json.loads(bytes(notification.state))
    return InMessage(
        state["topic"],
        0,
        notification.id,
        b"",
        state["value"].encode(),
        {HEADER_SOURCE: state["source"], HEADER_NOTIFICATION_ID: str(notification.id)},
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
                yield [message_of(n) for n in notes]

        return total, pages()

    return batches
