"""What every reporting read model shares: its tables live in the store of a SQLite or
PostgreSQL tracking recorder, written in the transaction of the event's tracking."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from runtime.tracking import PostgresEventTrackingRecorder, SQLiteEventTrackingRecorder

TrackingStore = SQLiteEventTrackingRecorder | PostgresEventTrackingRecorder


class SqlView:
    """Tables created on construction (`CREATE`, idempotent statements); statements are
    written with `%s` placeholders and run with the store's own (`?` on SQLite)."""

    CREATE: Sequence[str] = ()

    def __init__(self, tracking: TrackingStore) -> None:
        self.tracking = tracking
        self.placeholder = "?" if isinstance(tracking, SQLiteEventTrackingRecorder) else "%s"
        with self._transaction(commit=True) as cursor:
            for statement in self.CREATE:
                cursor.execute(statement)

    def _transaction(self, *, commit: bool) -> Any:
        return self.tracking.datastore.transaction(commit=commit)

    def _sql(self, statement: str) -> str:
        return statement.replace("%s", self.placeholder)

    def _rows(self, statement: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(statement), tuple(params))
            return [dict(r) for r in cursor.fetchall()]
