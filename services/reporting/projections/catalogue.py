"""The product catalogue read model, stored beside its tracking records.

Each event's row change and its `Tracking` are written in one transaction, so a
redelivered event raises `IntegrityError` and changes nothing. The table can be
dropped and rebuilt from the topics at any time."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Tracking
from eventsourcing.postgres import PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteTrackingRecorder

from services.reporting.domain import product_status
from services.reporting.domain.product_status import COLUMNS, Row

CREATE = (
    "CREATE TABLE IF NOT EXISTS product_status ("
    "product_id TEXT PRIMARY KEY, producer_id TEXT NOT NULL, name TEXT NOT NULL, "
    "product_set INTEGER NOT NULL, commune_code TEXT NOT NULL, status TEXT NOT NULL, "
    "star INTEGER NOT NULL, score TEXT NOT NULL, decision_no TEXT NOT NULL, "
    "dossier_id TEXT NOT NULL, updated_at TEXT NOT NULL)"
)
SELECT_ONE = f"SELECT {', '.join(COLUMNS)} FROM product_status WHERE product_id = %s"
SELECT_ALL = f"SELECT {', '.join(COLUMNS)} FROM product_status ORDER BY name, product_id"
SELECT_BY_STATUS = (
    f"SELECT {', '.join(COLUMNS)} FROM product_status WHERE status = %s ORDER BY name, product_id"
)
UPSERT = (
    f"INSERT INTO product_status ({', '.join(COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(COLUMNS))}) "
    "ON CONFLICT (product_id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "product_id")
)


class CatalogueView:
    """The catalogue table in the store of a SQLite or PostgreSQL tracking recorder."""

    def __init__(self, tracking: SQLiteTrackingRecorder | PostgresTrackingRecorder) -> None:
        self.tracking = tracking
        self.placeholder = "?" if isinstance(tracking, SQLiteTrackingRecorder) else "%s"
        with self._transaction(commit=True) as cursor:
            cursor.execute(CREATE)

    def _transaction(self, *, commit: bool) -> Any:
        return self.tracking.datastore.transaction(commit=commit)

    def _sql(self, statement: str) -> str:
        return statement.replace("%s", self.placeholder)

    def apply(self, event: Any, tracking: Tracking) -> None:
        """Apply one published event and record its tracking, atomically."""
        product_id = product_status.product_of(event)
        with self._transaction(commit=True) as cursor:
            row = None
            if product_id is not None:
                cursor.execute(self._sql(SELECT_ONE), (product_id,))
                found = cursor.fetchone()
                row = _row(found) if found else None
            changed = product_status.apply(event, row)
            if changed is not None:
                cursor.execute(self._sql(UPSERT), tuple(changed[c] for c in COLUMNS))
            self.tracking._insert_tracking(cursor, tracking)

    def is_tracked(self, name: str, position: int) -> bool:
        return self.tracking.has_tracking_id(name, position)

    def get(self, product_id: str) -> Row | None:
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(SELECT_ONE), (product_id,))
            found = cursor.fetchone()
        return _row(found) if found else None

    def list(self, status: str = "") -> list[Row]:
        with self._transaction(commit=False) as cursor:
            if status:
                cursor.execute(self._sql(SELECT_BY_STATUS), (status,))
            else:
                cursor.execute(self._sql(SELECT_ALL))
            return [_row(r) for r in cursor.fetchall()]


def _row(found: Any) -> Row:
    return {c: found[c] for c in COLUMNS}
