"""Commands alone: `register_product` from one client with nothing else of the system
running (no relay, no stream)."""

from __future__ import annotations

import time

from bench.infra import ACTOR
from bench.report import Spec
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration

TITLE = "commands"
SPECS = (
    Spec("commands_alone", "commands alone, 1 client (register_product)", "ev/s", "es_single"),
)


def commands_alone(settings: Settings, seconds: float) -> float:
    """register_product with nothing else of the system running (no relay, no stream)."""
    registration = build_registration(settings)
    try:
        app = registration.app
        producer = app.producers.register_producer(
            ACTOR,
            name="HTX Chè Tân Cương",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Nguyễn Thị Lan",
        )
        count, started = 0, time.monotonic()
        while time.monotonic() - started < seconds:
            app.products.register_product(
                ACTOR, producer_id=producer, name=f"Chè {count}", product_set=13
            )
            count += 1
        return count / (time.monotonic() - started)
    finally:
        registration.app.close()
