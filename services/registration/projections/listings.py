"""The dossier and idea listings (`ocop registration dossiers`, `ideas`) as a persisted read
model of registration's own notification log (issue 20).

One row per dossier and per idea (`DossierRow`, `IdeaRow`: what a listing shows) in tables
beside registration's events — `registration_dossier_rows`, `registration_idea_rows` in the
SQLite file or PostgreSQL database of the store (a dict for the memory store) — with the
log position they reflect (`registration_listing_position`), written in the rows'
transaction. A query first applies what was recorded after that position, reloading only
the dossiers and ideas those notifications changed, then answers from the rows: never a
scan of the log or a load of every aggregate per query. A restarted process resumes from
the stored position; `rebuild()` empties the rows and reads the whole log again, and gives
the same rows. Several processes may catch up at once: a transaction that finds the
position already past its own changes nothing (PostgreSQL locks the position row)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.sqlite import SQLiteDatastore

from services.registration.domain import Dossier, ProductIdea

BATCH = 1000


@dataclass(frozen=True)
class DossierRow:
    """A dossier as listed (no documents, self-assessment answers or personal data)."""

    id: UUID
    product_id: UUID
    producer_id: UUID
    commune_code: str
    product_set: int
    kind: str
    status: str
    rule_set_id: str
    product_code: str
    report_no: str
    forwarded_to: str
    self_assessed: int
    samples: int
    received_on: date | None
    assessed_on: date | None
    forwarded_on: date | None
    check_deadline: date | None
    paper_copy_received_on: date | None

    @classmethod
    def of(cls, d: Dossier) -> DossierRow:
        return cls(
            id=d.id,
            product_id=d.product_id,
            producer_id=d.producer_id,
            commune_code=d.commune_code or "",
            product_set=d.product_set,
            kind=d.kind,
            status=d.status,
            rule_set_id=d.rule_set_id,
            product_code=d.product_code or "",
            report_no=d.report_no or "",
            forwarded_to=d.forwarded_to or "",
            self_assessed=len(d.self_assessment),
            samples=d.samples,
            received_on=d.received_on,
            assessed_on=d.assessed_on,
            forwarded_on=d.forwarded_on,
            check_deadline=d.check_deadline,
            paper_copy_received_on=d.paper_copy_received_on,
        )

    def is_overdue(self, today: date) -> bool:
        """Still awaiting the commune's report after the working-day deadline (as
        `Dossier.is_overdue`)."""
        return (
            self.status == "submitted"
            and self.check_deadline is not None
            and today > self.check_deadline
        )


@dataclass(frozen=True)
class IdeaRow:
    """A product idea as listed."""

    id: UUID
    producer_id: UUID
    name: str
    product_set: int
    status: str
    reason: str
    product_id: UUID | None

    @classmethod
    def of(cls, i: ProductIdea) -> IdeaRow:
        return cls(
            id=i.id,
            producer_id=i.producer_id,
            name=i.name,
            product_set=i.product_set,
            status=i.status,
            reason=i.reason or "",
            product_id=i.product_id,
        )


class Rows(Protocol):
    """Where the rows and their position are kept."""

    def position(self) -> int: ...

    def apply(self, position: int, dossiers: list[DossierRow], ideas: list[IdeaRow]) -> bool: ...

    def dossiers(self, commune_code: str = "") -> list[DossierRow]: ...

    def ideas(self, producer_id: UUID | None = None) -> list[IdeaRow]: ...

    def clear(self) -> None: ...


# The rows' order in both kinds of store: dossiers by receipt date, then id; ideas by id.
ORDER: dict[type[Any], Callable[[Any], tuple[str, ...]]] = {
    DossierRow: lambda d: (_text(d.received_on), str(d.id)),
    IdeaRow: lambda i: (str(i.id),),
}
SQL_ORDER = {DossierRow: "received_on, id", IdeaRow: "id"}


class MemoryRows:
    """The rows of the memory store (gone with the process, like its events)."""

    def __init__(self) -> None:
        self._position = 0
        self._dossiers: dict[UUID, DossierRow] = {}
        self._ideas: dict[UUID, IdeaRow] = {}

    def position(self) -> int:
        return self._position

    def apply(self, position: int, dossiers: list[DossierRow], ideas: list[IdeaRow]) -> bool:
        if position <= self._position:
            return False
        self._dossiers.update((d.id, d) for d in dossiers)
        self._ideas.update((i.id, i) for i in ideas)
        self._position = position
        return True

    def dossiers(self, commune_code: str = "") -> list[DossierRow]:
        rows = sorted(self._dossiers.values(), key=ORDER[DossierRow])
        return [d for d in rows if not commune_code or d.commune_code == commune_code]

    def ideas(self, producer_id: UUID | None = None) -> list[IdeaRow]:
        rows = sorted(self._ideas.values(), key=ORDER[IdeaRow])
        return [i for i in rows if producer_id is None or i.producer_id == producer_id]

    def clear(self) -> None:
        self._position = 0
        self._dossiers.clear()
        self._ideas.clear()


def _columns(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


DOSSIER_COLUMNS = _columns(DossierRow)
IDEA_COLUMNS = _columns(IdeaRow)
INTEGER = {"product_set", "self_assessed", "samples"}
CREATE = (
    "CREATE TABLE IF NOT EXISTS registration_dossier_rows ("
    + ", ".join(f"{c} {'INTEGER' if c in INTEGER else 'TEXT'} NOT NULL" for c in DOSSIER_COLUMNS)
    + ", PRIMARY KEY (id))",
    "CREATE INDEX IF NOT EXISTS registration_dossier_rows_commune "
    "ON registration_dossier_rows (commune_code)",
    "CREATE TABLE IF NOT EXISTS registration_idea_rows ("
    + ", ".join(f"{c} {'INTEGER' if c in INTEGER else 'TEXT'} NOT NULL" for c in IDEA_COLUMNS)
    + ", PRIMARY KEY (id))",
    "CREATE TABLE IF NOT EXISTS registration_listing_position ("
    "id INTEGER PRIMARY KEY, position INTEGER NOT NULL)",
    "INSERT INTO registration_listing_position (id, position) VALUES (1, 0) ON CONFLICT DO NOTHING",
)


def _upsert(table: str, columns: Sequence[str]) -> str:
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT (id) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    )


def _text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, UUID | date):
        return str(value) if isinstance(value, UUID) else value.isoformat()
    return value


def _load(cls: type[Any], found: Any) -> Any:
    values: dict[str, Any] = {}
    for f in fields(cls):
        raw = found[f.name]
        kind = str(f.type)
        if "UUID" in kind:
            values[f.name] = UUID(raw) if raw else None
        elif "date" in kind:
            values[f.name] = date.fromisoformat(raw) if raw else None
        else:
            values[f.name] = raw
    return cls(**values)


class SqlRows:
    """The rows in the SQLite or PostgreSQL datastore of registration's recorder."""

    def __init__(self, datastore: Any, sqlite: bool) -> None:
        self.datastore = datastore
        self.mark = "?" if sqlite else "%s"
        self.lock_position = "" if sqlite else " FOR UPDATE"
        with self.datastore.transaction(commit=True) as cursor:
            for statement in CREATE:
                cursor.execute(statement)

    def _sql(self, statement: str) -> str:
        return statement.replace("%s", self.mark)

    def position(self) -> int:
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute("SELECT position FROM registration_listing_position WHERE id = 1")
            return int(cursor.fetchone()["position"])

    def apply(self, position: int, dossiers: list[DossierRow], ideas: list[IdeaRow]) -> bool:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute(
                "SELECT position FROM registration_listing_position WHERE id = 1"
                + self.lock_position
            )
            if int(cursor.fetchone()["position"]) >= position:
                return False  # another process got there first
            for table, columns, rows in (
                ("registration_dossier_rows", DOSSIER_COLUMNS, dossiers),
                ("registration_idea_rows", IDEA_COLUMNS, ideas),
            ):
                if rows:
                    cursor.executemany(
                        self._sql(_upsert(table, columns)),
                        [tuple(_text(v) for v in asdict(r).values()) for r in rows],
                    )
            cursor.execute(
                self._sql("UPDATE registration_listing_position SET position = %s WHERE id = 1"),
                (position,),
            )
        return True

    def _select(self, cls: type[Any], table: str, where: str, params: tuple[Any, ...]) -> Any:
        with self.datastore.transaction(commit=False) as cursor:
            order = SQL_ORDER[cls]
            cursor.execute(self._sql(f"SELECT * FROM {table}{where} ORDER BY {order}"), params)
            return [_load(cls, found) for found in cursor.fetchall()]

    def dossiers(self, commune_code: str = "") -> list[DossierRow]:
        if commune_code:
            return list(
                self._select(
                    DossierRow,
                    "registration_dossier_rows",
                    " WHERE commune_code = %s",
                    (commune_code,),
                )
            )
        return list(self._select(DossierRow, "registration_dossier_rows", "", ()))

    def ideas(self, producer_id: UUID | None = None) -> list[IdeaRow]:
        if producer_id is not None:
            return list(
                self._select(
                    IdeaRow,
                    "registration_idea_rows",
                    " WHERE producer_id = %s",
                    (str(producer_id),),
                )
            )
        return list(self._select(IdeaRow, "registration_idea_rows", "", ()))

    def clear(self) -> None:
        with self.datastore.transaction(commit=True) as cursor:
            cursor.execute("DELETE FROM registration_dossier_rows")
            cursor.execute("DELETE FROM registration_idea_rows")
            cursor.execute("UPDATE registration_listing_position SET position = 0 WHERE id = 1")


def rows_for(recorder: Any) -> Rows:
    """The rows beside `recorder`'s events: SQL tables in its datastore, else memory."""
    datastore = getattr(recorder, "datastore", None)
    if datastore is None:
        return MemoryRows()
    return SqlRows(datastore, sqlite=isinstance(datastore, SQLiteDatastore))


class Listings:
    """Dossiers and ideas of one registration store, kept from its notification log:
    `catch_up()` before reading (the queries do)."""

    def __init__(
        self,
        recorder: Any,
        prefixes: tuple[str, str],
        load: tuple[Callable[[UUID], Dossier | None], Callable[[UUID], ProductIdea | None]],
        rows: Rows | None = None,
    ) -> None:
        self.recorder = recorder
        self.prefixes = prefixes
        self.load = load
        self.rows = rows or rows_for(recorder)
        self.lock = threading.Lock()

    @property
    def position(self) -> int:
        """The notification id the rows reflect."""
        return self.rows.position()

    def catch_up(self) -> int:
        """Apply what was recorded since the stored position; returns how many rows changed
        (0 when another process applied them first)."""
        with self.lock:
            start = self.rows.position()
            changed: tuple[set[UUID], set[UUID]] = (set(), set())
            position = start
            while True:
                notes = self.recorder.select_notifications(
                    start=position, limit=BATCH, inclusive_of_start=False
                )
                if not notes:
                    break
                for note in notes:
                    for index, prefix in enumerate(self.prefixes):
                        if note.topic.startswith(prefix):
                            changed[index].add(UUID(str(note.originator_id)))
                position = notes[-1].id
            if position == start:
                return 0
            dossiers = [DossierRow.of(d) for d in _found(self.load[0], changed[0])]
            ideas = [IdeaRow.of(i) for i in _found(self.load[1], changed[1])]
            if not self.rows.apply(position, dossiers, ideas):
                return 0
            return len(dossiers) + len(ideas)

    def rebuild(self) -> int:
        """Empty the rows and read the whole log again; returns how many rows there are."""
        with self.lock:
            self.rows.clear()
        self.catch_up()
        return len(self.rows.dossiers()) + len(self.rows.ideas())


def _found(load: Callable[[UUID], Any], ids: Iterable[UUID]) -> list[Any]:
    return [found for found in (load(i) for i in sorted(ids)) if found is not None]
