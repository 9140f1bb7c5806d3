"""The journal: every event reporting consumes, kept whole, indexed by what it is about.

The audit trail and the as-of answers are computed from it (`application/audit.py`):
it holds the published events themselves (their JSON as published), not a state that
could drift from them. Each event's rows are written in the transaction of its
tracking, like every read model here, so a redelivered event adds nothing; the tables
can be dropped and rebuilt from the topics at any time.

Times are stored as UTC, `YYYY-MM-DDTHH:MM:SS.ffffffZ` (fixed width: text order is
time order)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from services.reporting.domain.audit_trail import Subject, subjects
from services.reporting.projections.store import SqlView, copy_rows

CREATE = (
    "CREATE TABLE IF NOT EXISTS journal_events ("
    "event_key TEXT PRIMARY KEY, topic TEXT NOT NULL, event_type TEXT NOT NULL, "
    "occurred_at TEXT NOT NULL, payload TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS journal_events_time ON journal_events (occurred_at)",
    "CREATE TABLE IF NOT EXISTS journal_subjects ("
    "kind TEXT NOT NULL, subject TEXT NOT NULL, event_key TEXT NOT NULL, "
    "PRIMARY KEY (kind, subject, event_key))",
)
EVENT_HEAD = "INSERT INTO journal_events (event_key, topic, event_type, occurred_at, payload)"
INSERT_EVENT = f"{EVENT_HEAD} VALUES (%s, %s, %s, %s, %s)"
SUBJECT_HEAD = "INSERT INTO journal_subjects (kind, subject, event_key)"
INSERT_SUBJECT = f"{SUBJECT_HEAD} VALUES (%s, %s, %s)"
COLUMNS = "event_key, topic, event_type, occurred_at, payload"


def stamp(at: datetime) -> str:
    """An instant as the journal stores it (UTC, fixed width); naive means UTC."""
    utc = at if at.tzinfo is None else at.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"  # isoformat: C, 5 x strftime


class JournalView(SqlView):
    """`journal_events` (one row per event) and `journal_subjects` (what it is about)."""

    CREATE = CREATE

    def write(self, cursor: Any, event: Any, topic: str) -> None:
        """Keep one published event, in the caller's transaction."""
        payload = json.loads(event.model_dump_json())
        key = f"{payload['event_type']}:{payload['event_id']}"
        cursor.execute(
            self._sql(INSERT_EVENT),
            (key, topic, payload["event_type"], stamp(event.occurred_at), json.dumps(payload)),
        )
        for kind, subject in subjects(payload):
            cursor.execute(self._sql(INSERT_SUBJECT), (kind, subject, key))

    def write_batch(self, cursor: Any, events: Sequence[tuple[Any, str]]) -> None:
        """Keep published events (each with its topic), in the caller's transaction, with
        one bulk write for the events and one for their subjects (COPY on PostgreSQL:
        the caller has checked that none of them is here yet)."""
        rows: list[tuple[str, ...]] = []
        about: list[tuple[str, str, str]] = []
        for event, topic in events:
            payload = event.model_dump(mode="json")  # as json.loads(model_dump_json())
            key = f"{payload['event_type']}:{payload['event_id']}"
            rows.append(
                (key, topic, payload["event_type"], stamp(event.occurred_at), json.dumps(payload))
            )
            about += [(kind, subject, key) for kind, subject in subjects(payload)]
        copy_rows(cursor, EVENT_HEAD, rows, self.placeholder)
        copy_rows(cursor, SUBJECT_HEAD, about, self.placeholder)

    def about(self, found: Iterable[Subject]) -> list[dict[str, Any]]:
        """The events about any of `found`, oldest first (ties: by key), payloads parsed."""
        keys: set[str] = set()
        for kind, subject in found:
            keys.update(
                r["event_key"]
                for r in self._rows(
                    "SELECT event_key FROM journal_subjects WHERE kind = %s AND subject = %s",
                    (kind, subject),
                )
            )
        return self.events(sorted(keys))

    def events(self, keys: Sequence[str]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for first in range(0, len(keys), 500):
            chunk = keys[first : first + 500]
            marks = ", ".join(["%s"] * len(chunk))
            rows += self._rows(
                f"SELECT {COLUMNS} FROM journal_events WHERE event_key IN ({marks})", chunk
            )
        return _parsed(sorted(rows, key=lambda r: (r["occurred_at"], r["event_key"])))

    def until(self, before: str, types: Sequence[str] = ()) -> list[dict[str, Any]]:
        """Every event recorded before the instant `before` (a `stamp`), oldest first;
        only those of `types` when given."""
        sql = f"SELECT {COLUMNS} FROM journal_events WHERE occurred_at < %s"
        params: list[Any] = [before]
        if types:
            sql += f" AND event_type IN ({', '.join(['%s'] * len(types))})"
            params += list(types)
        return _parsed(self._rows(sql + " ORDER BY occurred_at, event_key", params))

    def count(self) -> int:
        return int(self._rows("SELECT COUNT(*) AS n FROM journal_events")[0]["n"])


def _parsed(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        row["payload"] = json.loads(row["payload"])
    return rows
