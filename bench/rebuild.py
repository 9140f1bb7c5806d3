"""How long `ocop reporting rebuild` takes for N published events (default 100,000).

    .venv/bin/python bench/rebuild.py [--events N] [--store sqlite|postgres|memory] [--json]

A script that prints figures, not a test. It builds N published events of a plausible
shape (per product: ProductRegistered, DossierSubmitted, CommuneAssessed, Scored,
Recognized, with their envelopes, on their topics), then times `system.rebuild.rebuild`
building a new version of every reporting read model (catalogue, KPI tables, audit
journal) from them beside an empty live one, switching to it and dropping the old one:
parsing, the duplicate check and one transaction per event, as the rebuild runs them.
Reading the events (the sources' stores or the topics) is not in the figure. `postgres`
uses `<db-prefix>reporting` (hold /tmp/ocop-infra.lock: its schema is emptied first).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from contracts.envelope import Actor
from contracts.evaluation import Recognized, Scored
from contracts.registration import (
    CommuneAssessed,
    DossierSubmitted,
    ProductRegistered,
)
from runtime.eventstore import event_store_env
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.settings import Settings
from services.reporting.application import ReportingApp
from system.rebuild import rebuild, stored

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


def events(count: int) -> list[InMessage]:
    out: list[InMessage] = []
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
        for topic, event in facts:
            out.append(
                InMessage(
                    topic,
                    0,
                    len(out),
                    str(event.aggregate_id).encode(),
                    event.model_dump_json().encode(),
                    {HEADER_SOURCE: topic.split(".")[1], HEADER_NOTIFICATION_ID: str(len(out) + 1)},
                )
            )
    return out[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--store", choices=("sqlite", "postgres", "memory"), default="sqlite")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ocop-rebuild-bench-"))
    settings = Settings(store=args.store, data_dir=folder)
    if args.store == "postgres":
        import psycopg

        with psycopg.connect(
            host=settings.pg_host,
            port=settings.pg_port,
            user=settings.pg_user,
            password=settings.pg_password,
            dbname=f"{settings.pg_db_prefix}reporting",
            autocommit=True,
        ) as c:
            c.execute("DROP SCHEMA IF EXISTS public CASCADE")
            c.execute("CREATE SCHEMA public")
    made = time.monotonic()
    messages = events(args.events)
    made = time.monotonic() - made
    app = ReportingApp(event_store_env(settings, "reporting"))
    try:
        done = rebuild(app, stored(messages), settings, progress=not args.json, grace_seconds=0)
        products = len(app.list_products())
    finally:
        app.close()
    figures = {
        "store": args.store,
        "events": done.replayed,
        "applied": done.applied,
        "products": products,
        "seconds": round(done.seconds, 1),
        "events_per_second": round(done.per_second),
        "generating_seconds": round(made, 1),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(
            f"rebuild of {done.replayed:,} events on {args.store}: {done.seconds:.1f} s "
            f"({done.per_second:,.0f} events/s); {products:,} products in the new version"
        )


if __name__ == "__main__":
    main()
