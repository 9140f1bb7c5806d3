"""The product catalogue read model, stored beside its tracking records.

Each event's row changes and its tracking (the event's identity, see `runtime.tracking`)
are written in one transaction, so a redelivered event raises `IntegrityError` and
changes nothing. The tables can be
dropped and rebuilt from the topics at any time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Tracking

from services.reporting.domain import product_status as ps
from services.reporting.domain.product_status import COLUMNS, Row
from services.reporting.domain.snapshot import Snapshot
from services.reporting.projections import kpi_tables
from services.reporting.projections.store import MAX_PARAMETERS, SqlView, upsert_rows

CREATE = (
    "CREATE TABLE IF NOT EXISTS catalogue_products ("
    "product_id TEXT PRIMARY KEY, producer_id TEXT NOT NULL, name TEXT NOT NULL, "
    "product_set INTEGER NOT NULL, commune_code TEXT NOT NULL, registered_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS catalogue_dossiers ("
    "dossier_id TEXT PRIMARY KEY, product_id TEXT NOT NULL, submitted_at TEXT NOT NULL, "
    "stage INTEGER NOT NULL, status TEXT NOT NULL, star INTEGER NOT NULL, score TEXT NOT NULL, "
    "decision_no TEXT NOT NULL, updated_at TEXT NOT NULL, "
    "certificate_no TEXT NOT NULL DEFAULT '', valid_until TEXT NOT NULL DEFAULT '', "
    "certificate_status TEXT NOT NULL DEFAULT '')",
    "CREATE INDEX IF NOT EXISTS catalogue_dossiers_product "
    "ON catalogue_dossiers (product_id, submitted_at)",
)
ADDED = tuple(
    ("catalogue_dossiers", column, "TEXT NOT NULL DEFAULT ''") for column in ps.CERTIFICATE_COLUMNS
)
"""Columns added after the table was first created (a store made before them gets them
empty on start; `ocop reporting rebuild` fills them from the events)."""


def _head(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)})"


def _conflict(columns: tuple[str, ...]) -> str:
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    return f"ON CONFLICT ({columns[0]}) DO UPDATE SET {updates}"


def _upsert(table: str, columns: tuple[str, ...]) -> str:
    marks = ", ".join(["%s"] * len(columns))
    return f"{_head(table, columns)} VALUES ({marks}) {_conflict(columns)}"


UPSERT_PRODUCT = _upsert("catalogue_products", ps.PRODUCT_COLUMNS)
UPSERT_DOSSIER = _upsert("catalogue_dossiers", ps.DOSSIER_COLUMNS)
SELECT_DOSSIER = (
    f"SELECT {', '.join(ps.DOSSIER_COLUMNS)} FROM catalogue_dossiers WHERE dossier_id = %s"
)
# Each product with its latest dossier (the newest submission; one not yet seen
# submitted counts as the newest, since its submission cannot be older).
CATALOGUE = (
    "SELECT p.product_id, p.producer_id, p.name, p.product_set, p.commune_code, "
    "COALESCE(d.status, 'registered') AS status, COALESCE(d.star, 0) AS star, "
    "COALESCE(d.score, '') AS score, COALESCE(d.decision_no, '') AS decision_no, "
    "COALESCE(d.dossier_id, '') AS dossier_id, "
    "CASE WHEN d.updated_at > p.registered_at THEN d.updated_at ELSE p.registered_at END "
    "AS updated_at, "
    "COALESCE(c.certificate_no, '') AS certificate_no, "
    "COALESCE(c.valid_until, '') AS valid_until, "
    "COALESCE(c.certificate_status, '') AS certificate_status "
    "FROM catalogue_products p LEFT JOIN catalogue_dossiers d ON d.dossier_id = ("
    "SELECT x.dossier_id FROM catalogue_dossiers x WHERE x.product_id = p.product_id "
    "ORDER BY (x.submitted_at = '') DESC, x.submitted_at DESC, x.dossier_id LIMIT 1) "
    # and its latest certificate: the one valid longest, whatever dossier is open
    "LEFT JOIN catalogue_dossiers c ON c.dossier_id = ("
    "SELECT y.dossier_id FROM catalogue_dossiers y WHERE y.product_id = p.product_id "
    "AND y.valid_until <> '' ORDER BY y.valid_until DESC, y.dossier_id LIMIT 1)"
)
SELECT_ONE = f"SELECT {', '.join(COLUMNS)} FROM ({CATALOGUE}) c WHERE product_id = %s"
SELECT_ALL = f"SELECT {', '.join(COLUMNS)} FROM ({CATALOGUE}) c ORDER BY name, product_id"
SELECT_BY_STATUS = (
    f"SELECT {', '.join(COLUMNS)} FROM ({CATALOGUE}) c WHERE status = %s ORDER BY name, product_id"
)


class CatalogueView(SqlView):
    """The catalogue tables in the store of a SQLite or PostgreSQL tracking recorder."""

    CREATE = (*CREATE, *kpi_tables.create_statements())
    ADDED = ADDED

    def apply(self, event: Any, tracking: Tracking) -> None:
        """Apply one published event and record its tracking, atomically."""
        with self._transaction(commit=True) as cursor:
            self.write(cursor, event)
            self.tracking._insert_tracking(cursor, tracking)

    def write(self, cursor: Any, event: Any) -> None:
        """The row changes of one published event, in the caller's transaction."""
        product = ps.product_change(event)
        if product is not None:
            cursor.execute(self._sql(UPSERT_PRODUCT), _values(product, ps.PRODUCT_COLUMNS))
        ids = ps.dossier_of(event)
        if ids is not None:
            cursor.execute(self._sql(SELECT_DOSSIER), (ids[0],))
            found = cursor.fetchone()
            current = _row(found, ps.DOSSIER_COLUMNS) if found else None
            dossier = ps.dossier_change(event, current)
            if dossier is not None:
                cursor.execute(self._sql(UPSERT_DOSSIER), _values(dossier, ps.DOSSIER_COLUMNS))
        kpi_tables.apply_writes(cursor, event, self.placeholder)

    def write_batch(self, cursor: Any, events: Sequence[Any]) -> None:
        """The row changes of `events` (in order), in the caller's transaction, as `write`
        one after another would leave them: the dossiers they touch read at once, every
        change merged in memory, then one upsert per table."""
        products: dict[str, Row] = {}
        touched: dict[str, None] = {}
        for event in events:
            product = ps.product_change(event)
            if product is not None:
                products[product["product_id"]] = product
            ids = ps.dossier_of(event)
            if ids is not None:
                touched[ids[0]] = None
        dossiers = self._dossiers(cursor, list(touched))
        changed: dict[str, Row] = {}
        for event in events:
            ids = ps.dossier_of(event)
            if ids is None:
                continue
            dossier = ps.dossier_change(event, dossiers.get(ids[0]))
            if dossier is not None:
                dossiers[ids[0]] = changed[ids[0]] = dossier
        for table, columns, rows in (
            ("catalogue_products", ps.PRODUCT_COLUMNS, products),
            ("catalogue_dossiers", ps.DOSSIER_COLUMNS, changed),
        ):
            upsert_rows(
                cursor,
                _head(table, columns),
                [_values(r, columns) for r in rows.values()],
                _conflict(columns),
                self.placeholder,
            )
        kpi_tables.apply_batch(cursor, events, self.placeholder)

    def _dossiers(self, cursor: Any, ids: Sequence[str]) -> dict[str, Row]:
        """The stored rows of the dossiers `ids`, read with as few statements as fit (one,
        with the ids as one array, on PostgreSQL)."""
        found: dict[str, Row] = {}
        columns = ", ".join(ps.DOSSIER_COLUMNS)
        if self.placeholder == "%s" and ids:
            chunks: list[tuple[str, tuple[Any, ...]]] = [
                (
                    f"SELECT {columns} FROM catalogue_dossiers WHERE dossier_id = ANY(%s)",
                    (list(ids),),
                )
            ]
        else:
            chunks = [
                (
                    f"SELECT {columns} FROM catalogue_dossiers WHERE dossier_id IN "
                    f"({', '.join([self.placeholder] * len(chunk))})",
                    tuple(chunk),
                )
                for chunk in (
                    ids[first : first + MAX_PARAMETERS]
                    for first in range(0, len(ids), MAX_PARAMETERS)
                )
            ]
        for statement, params in chunks:
            cursor.execute(statement, params)
            for row in cursor.fetchall():
                found[row["dossier_id"]] = _row(row, ps.DOSSIER_COLUMNS)
        return found

    def has_event(self, key: str) -> bool:
        """Whether the event with this key (`<event type>:<event id>`) was applied."""
        return self.tracking.has_event(key)

    def kpi_snapshot(self) -> Snapshot:
        """The KPI read models, read in one transaction (a consistent snapshot)."""
        with self._transaction(commit=False) as cursor:
            return kpi_tables.load(cursor)

    def get(self, product_id: str) -> Row | None:
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(SELECT_ONE), (product_id,))
            found = cursor.fetchone()
        return _row(found, COLUMNS) if found else None

    def list(self, status: str = "") -> list[Row]:
        with self._transaction(commit=False) as cursor:
            if status:
                cursor.execute(self._sql(SELECT_BY_STATUS), (status,))
            else:
                cursor.execute(self._sql(SELECT_ALL))
            return [_row(r, COLUMNS) for r in cursor.fetchall()]


def _values(row: Row, columns: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(row[c] for c in columns)


def _row(found: Any, columns: tuple[str, ...]) -> Row:
    return {c: found[c] for c in columns}
