"""The KPI read models as a set of events alone makes them: for the KPIs as of a past date
(`application/audit.py`), folded from the journal's events recorded by then with the
very writes the live KPI tables take (`kpi_tables.apply_writes`), in a private in-memory
SQLite database discarded afterwards. Never a stored snapshot."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from services.reporting.domain.snapshot import Snapshot
from services.reporting.projections import kpi_tables


def kpi_snapshot(events: Iterable[Any]) -> Snapshot:
    """The KPI `Snapshot` after `events` (parsed contract events, oldest first)."""
    connection = sqlite3.connect(":memory:")
    try:
        connection.row_factory = sqlite3.Row
        cursor = connection.cursor()
        for statement in kpi_tables.create_statements():
            cursor.execute(statement)
        for event in events:
            kpi_tables.apply_writes(cursor, event, "?")
        return kpi_tables.load(cursor)
    finally:
        connection.close()
