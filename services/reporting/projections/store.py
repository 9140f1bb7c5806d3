"""What every reporting read model shares: its tables live in the store of a SQLite or
PostgreSQL tracking recorder, written in the transaction of the event's tracking, under
the names of one *version* of the read models.

Version 0's tables carry their plain names (`catalogue_products`); version n's carry the
suffix `_v<n>` (`catalogue_products_v3`), so a rebuild fills a new version beside the
live one in the same store (`projections/models.py`, `application/rebuild.py`). The
views write their SQL with plain names; `Versioned` renames the tables (and indexes) of
every statement for its version."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from typing import Any

from psycopg.rows import tuple_row

from runtime.tracking import PostgresEventTrackingRecorder, SQLiteEventTrackingRecorder

TrackingStore = SQLiteEventTrackingRecorder | PostgresEventTrackingRecorder
Rename = Callable[[str], str]

_CREATED = re.compile(r"CREATE (?:TABLE|INDEX) IF NOT EXISTS (\w+)(?: ON (\w+))?", re.IGNORECASE)


def names_in(statements: Iterable[str]) -> list[str]:
    """The tables and indexes the CREATE statements name."""
    found: dict[str, None] = {}
    for statement in statements:
        for match in _CREATED.finditer(statement):
            found.update(dict.fromkeys(n for n in match.groups() if n))
    return list(found)


def suffix_of(version: int) -> str:
    return f"_v{version}" if version else ""


def renamer(version: int, names: Sequence[str]) -> Rename:
    """Rewrites the whole-word `names` of a statement to version `version`'s."""
    suffix = suffix_of(version)
    if not suffix or not names:
        return lambda statement: statement
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, names), key=len)[::-1]) + r")\b")

    @functools.lru_cache(maxsize=1024)
    def rename(statement: str) -> str:
        return pattern.sub(lambda m: m.group(1) + suffix, statement)

    return rename


MAX_PARAMETERS = 20_000
"""Parameters per statement (SQLite allows 32,766, PostgreSQL 65,535): a batch's rows are
written in as few statements as fit."""


def insert_rows(
    cursor: Any, head: str, rows: Sequence[Sequence[Any]], tail: str = "", placeholder: str = "%s"
) -> list[Any]:
    """`<head> VALUES (..), (..) <tail>` for every row of `rows` (all of one width), in as
    few statements as `MAX_PARAMETERS` allows; the first column of the rows a RETURNING
    `tail` gives back."""
    if not rows:
        return []
    width = len(rows[0])
    marks = "(" + ", ".join([placeholder] * width) + ")"
    per = max(1, MAX_PARAMETERS // width)
    returned: list[Any] = []
    for first in range(0, len(rows), per):
        chunk = rows[first : first + per]
        values = ", ".join([marks] * len(chunk))
        cursor.execute(f"{head} VALUES {values} {tail}", tuple(v for row in chunk for v in row))
        if "RETURNING" in tail.upper():
            returned += [_first(row) for row in cursor.fetchall()]
    return returned


def _first(row: Any) -> Any:
    return next(iter(row.values())) if isinstance(row, dict) else row[0]


JSON_FROM = 50
"""Rows from which an upsert on PostgreSQL sends its rows as one JSON parameter."""


def upsert_rows(
    cursor: Any, head: str, rows: Sequence[Sequence[Any]], tail: str, placeholder: str = "%s"
) -> list[Any]:
    """`insert_rows`, but on PostgreSQL and from `JSON_FROM` rows one statement with one
    parameter whatever the number of rows: the rows as a JSON array of arrays (`json.dumps`,
    in C), spread by the server (`<head> SELECT r->>0, (r->>1)::bigint, ... FROM
    json_array_elements(%s::json) r <tail>`): one round trip, a short statement to parse, no
    per-value adaptation in Python. Columns hold text or integers."""
    raw = cursor.cursor if isinstance(cursor, Versioned) else cursor
    if len(rows) < JSON_FROM or not hasattr(raw, "copy"):
        return insert_rows(cursor, head, rows, tail, placeholder)
    values = ", ".join(
        f"(r->>{n})::bigint" if isinstance(value, int) else f"r->>{n}"
        for n, value in enumerate(rows[0])
    )
    statement = f"{head} SELECT {values} FROM json_array_elements(%s::json) r {tail}"
    params = (json.dumps(rows, ensure_ascii=False),)
    if "RETURNING" not in tail.upper():
        cursor.execute(statement, params)
        return []
    rows_as = raw.row_factory
    raw.row_factory = tuple_row  # the first column of many rows, without a dict per row
    try:
        cursor.execute(statement, params)
        return [row[0] for row in raw.fetchall()]
    finally:
        raw.row_factory = rows_as


def copy_rows(
    cursor: Any, head: str, rows: Sequence[Sequence[Any]], placeholder: str = "%s"
) -> None:
    """Append `rows` to a table with no conflicts to resolve (`head`: `INSERT INTO t (a, b)`):
    PostgreSQL's COPY (bulk: no statement to parse and plan per row) when the store is
    PostgreSQL, else `insert_rows`."""
    if not rows:
        return
    raw = cursor.cursor if isinstance(cursor, Versioned) else cursor
    if not hasattr(raw, "copy"):
        insert_rows(cursor, head, rows, "", placeholder)
        return
    statement = "COPY " + head.removeprefix("INSERT INTO ") + " FROM STDIN"
    if isinstance(cursor, Versioned):
        statement = cursor.rename(statement)
    with raw.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


class Versioned:
    """A cursor whose statements name one version's tables (`rename`)."""

    def __init__(self, cursor: Any, rename: Rename) -> None:
        self.cursor = cursor
        self.rename = rename

    def execute(self, statement: Any, *params: Any) -> Any:
        """Runs `statement`, renamed when it is text (composed SQL passes unchanged)."""
        renamed = self.rename(statement) if isinstance(statement, str) else statement
        return self.cursor.execute(renamed, *params)

    def executemany(self, statement: str, rows: Any) -> Any:
        """Runs `statement` (renamed) once for each of `rows`."""
        return self.cursor.executemany(self.rename(statement), rows)

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> Any:
        return self.cursor.fetchall()

    def columns(self, table: str) -> set[str]:
        """The column names `table` (renamed) has."""
        self.execute(f"SELECT * FROM {table} WHERE 1 = 0")
        self.cursor.fetchall()
        raw = getattr(self.cursor, "sqlite_cursor", self.cursor)  # eventsourcing's wrapper
        return {str(d[0]) for d in raw.description}


class SqlView:
    """Tables created on construction (`CREATE`, idempotent statements); statements are
    written with `%s` placeholders and run with the store's own (`?` on SQLite), on the
    tables of the version `rename` names."""

    CREATE: Sequence[str] = ()
    ADDED: Sequence[tuple[str, str, str]] = ()
    """(table, column, type) added after `CREATE` first ran: a table that lacks one gets
    it on construction (`ALTER TABLE ... ADD COLUMN`), so an older store keeps working."""

    def __init__(self, tracking: TrackingStore, rename: Rename = lambda s: s) -> None:
        self.tracking = tracking
        self.rename = rename
        self.placeholder = "?" if isinstance(tracking, SQLiteEventTrackingRecorder) else "%s"
        with self._transaction(commit=True) as cursor:
            for statement in self.CREATE:
                cursor.execute(statement)
            for table, column, kind in self.ADDED:
                if column not in cursor.columns(table):  # PostgreSQL: another process may race
                    guard = "" if self.placeholder == "?" else "IF NOT EXISTS "
                    cursor.execute(f"ALTER TABLE {table} ADD COLUMN {guard}{column} {kind}")

    @contextmanager
    def _transaction(self, *, commit: bool) -> Any:
        with self.tracking.datastore.transaction(commit=commit) as cursor:
            yield Versioned(cursor, self.rename)

    def _sql(self, statement: str) -> str:
        return statement.replace("%s", self.placeholder)

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(statement), tuple(params))
            return [dict(r) for r in cursor.fetchall()]
