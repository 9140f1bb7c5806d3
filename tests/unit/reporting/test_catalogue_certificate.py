"""The catalogue's certificate columns (issue 20): each product's latest certificate —
its number, last valid day and standing (valid, expired, superseded, revoked) — from the
events alone, in any order, kept while a newer dossier is in progress, and added to a
store made before the columns existed."""

from __future__ import annotations

import itertools
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import Tracking

from contracts.evaluation import CertificateExpired, Recognized, Revoked
from contracts.registration import DossierSubmitted
from runtime.settings import Settings
from services.reporting.application import ReportingApp
from services.reporting.bootstrap import build
from services.reporting.domain.as_of import products
from tests.unit.published_events import (
    AT,
    dossier_submitted,
    envelope,
    product_registered,
    recognized,
)


def submitted(product_id: UUID, dossier_id: UUID, kind: str = "first") -> DossierSubmitted:
    return dossier_submitted(dossier_id, product_id, kind=kind)


def recognised(product_id: UUID, dossier_id: UUID, number: str = "GCN-1") -> Recognized:
    return recognized(
        dossier_id,
        product_id,
        decided_on=date(2022, 6, 25),
        valid_to=date(2025, 6, 24),
        certificate_no=number,
    )


def expired(product_id: UUID, dossier_id: UUID) -> CertificateExpired:
    return CertificateExpired(
        **envelope(),
        dossier_id=dossier_id,
        product_id=product_id,
        certificate_no="GCN-1",
        star=3,
        valid_to=date(2025, 6, 24),
        expired_on=date(2025, 6, 25),
    )


def revoked(product_id: UUID, dossier_id: UUID) -> Revoked:
    return Revoked(
        **envelope(),
        dossier_id=dossier_id,
        product_id=product_id,
        certificate_no="GCN-1",
        decision_no="402/QĐ-UBND",
        decided_on=date(2025, 8, 20),
        authority="province",
        ground="b",
    )


def certificate(row: dict[str, Any]) -> tuple[str, str, str]:
    return row["certificate_no"], row["valid_until"], row["certificate_status"]


POSITIONS = itertools.count(1)


def apply(app: ReportingApp, events: list[Any]) -> None:
    for event in events:
        app.process_event(event, Tracking("src@t#0", next(POSITIONS)))


def test_a_certificate_is_valid_then_expired_and_stays_shown(app_settings: Settings) -> None:
    app = build(app_settings).app
    try:
        product, first, upgrade = uuid4(), uuid4(), uuid4()
        apply(app, [product_registered(product), submitted(product, first)])
        assert certificate(app.get_product(str(product))) == ("", "", "")
        apply(app, [recognised(product, first)])
        assert certificate(app.get_product(str(product))) == ("GCN-1", "2025-06-24", "valid")
        # An upgrade dossier in progress is the catalogue's status; the certificate stays.
        later = submitted(product, upgrade, "upgrade")
        apply(app, [later.model_copy(update={"occurred_at": AT + timedelta(days=30)})])
        row = app.get_product(str(product))
        assert (row["status"], row["dossier_id"]) == ("dossier_submitted", str(upgrade))
        assert certificate(row) == ("GCN-1", "2025-06-24", "valid")
        apply(app, [expired(product, first)])
        assert certificate(app.get_product(str(product))) == ("GCN-1", "2025-06-24", "expired")
        assert [r["certificate_status"] for r in app.list_products()] == ["expired"]
    finally:
        app.close()


def test_in_any_order_and_as_of_the_same_columns(memory_settings: Settings) -> None:
    """Expiry and revocation may reach reporting before the recognition: the standing only
    moves forward, and the audit's as-of fold gives the live catalogue's row."""
    product, dossier = uuid4(), uuid4()
    events = [
        product_registered(product),
        submitted(product, dossier),
        recognised(product, dossier),
        expired(product, dossier),
        revoked(product, dossier),
    ]
    rows = set()
    for order in itertools.permutations(events):
        app = build(memory_settings).app
        apply(app, list(order))
        rows.add(certificate(app.get_product(str(product))))
        app.close()
        assert certificate(products(order)[str(product)]) == ("GCN-1", "2025-06-24", "revoked")
    assert rows == {("GCN-1", "2025-06-24", "revoked")}


def test_a_store_made_before_the_columns_gets_them(sqlite_settings: Settings) -> None:
    """A reporting store from before the certificate columns keeps working; a rebuild from
    the events fills them (`ocop reporting rebuild`)."""
    app = build(sqlite_settings).app
    product, dossier = uuid4(), uuid4()
    apply(app, [product_registered(product), submitted(product, dossier)])
    app.close()
    files = [p for p in Path(sqlite_settings.data_dir).rglob("*reporting*") if p.is_file()]
    with sqlite3.connect(files[0]) as db:
        for column in ("certificate_no", "valid_until", "certificate_status"):
            db.execute(f"ALTER TABLE catalogue_dossiers DROP COLUMN {column}")
    app = build(sqlite_settings).app
    try:
        apply(app, [recognised(product, dossier)])
        assert certificate(app.get_product(str(product))) == ("GCN-1", "2025-06-24", "valid")
    finally:
        app.close()
