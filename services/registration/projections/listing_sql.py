"""The listings' rows in the SQLite or PostgreSQL datastore of registration's recorder:
`registration_dossier_rows`, `registration_idea_rows` and the log position they reflect
(`registration_listing_position`), written in one transaction; PostgreSQL locks the position
row so that concurrent catch-ups apply once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import date
from typing import Any
from uuid import UUID

from services.registration.projections.listing_rows import (
    SQL_ORDER,
    DossierRow,
    IdeaRow,
    text_of,
)


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
                        [tuple(text_of(v) for v in asdict(r).values()) for r in rows],
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
