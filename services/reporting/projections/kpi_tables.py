"""The KPI read models' tables (`domain.facts.TABLES`), written beside the catalogue.

`apply_writes` runs inside the catalogue's transaction (the event's tracking record is
written in the same one), so an event's KPI rows are stored exactly once; each write is
an upsert of the event's own columns, so the order of events does not matter. The tables
can be dropped and rebuilt from the topics at any time, like the catalogue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.reporting.domain import fact_writes, facts
from services.reporting.domain.snapshot import Snapshot
from services.reporting.projections.store import upsert_rows


def create_statements() -> list[str]:
    """CREATE TABLE IF NOT EXISTS for every KPI table (all columns text, "" if unknown)."""
    out = []
    for table, (key, columns) in facts.TABLES.items():
        cols = ", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in (*key, *columns))
        out.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols}, PRIMARY KEY ({', '.join(key)}))")
    out.append(
        "CREATE TABLE IF NOT EXISTS kpi_sources (source TEXT PRIMARY KEY, events INTEGER NOT NULL)"
    )
    return out


def _upsert(write: facts.Write, placeholder: str) -> tuple[str, tuple[str, ...]]:
    names = (*write.key, *write.values)
    marks = ", ".join([placeholder] * len(names))
    updates = ", ".join(f"{c} = excluded.{c}" for c in write.values)
    conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    statement = (
        f"INSERT INTO {write.table} ({', '.join(names)}) VALUES ({marks}) "
        f"ON CONFLICT ({', '.join(write.key)}) {conflict}"
    )
    return statement, (*write.key.values(), *write.values.values())


def apply_writes(cursor: Any, event: Any, placeholder: str) -> None:
    """Store `event`'s KPI rows with `cursor` (the caller's transaction)."""
    source = facts.source_of(event)
    if source is None:
        return
    for write in fact_writes.writes(event):
        cursor.execute(*_upsert(write, placeholder))
    cursor.execute(
        f"INSERT INTO kpi_sources (source, events) VALUES ({placeholder}, 1) "
        "ON CONFLICT (source) DO UPDATE SET events = kpi_sources.events + 1",
        (source,),
    )


def apply_batch(cursor: Any, events: Sequence[Any], placeholder: str) -> None:
    """Store the KPI rows of `events` (in order) with `cursor`, as `apply_writes` one event
    after another would: each row's writes merged in memory (a later value wins, as a later
    upsert would), then one multi-row upsert per table and set of columns, and one for the
    sources' counts."""
    merged: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, str]] = {}
    counts: dict[str, int] = {}
    for event in events:
        source = facts.source_of(event)
        if source is None:
            continue
        counts[source] = counts.get(source, 0) + 1
        for write in fact_writes.writes(event):
            merged.setdefault((write.table, tuple(write.key.items())), {}).update(write.values)
    groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[tuple[str, ...]]] = {}
    for (table, key), values in merged.items():
        names = tuple(sorted(values))
        groups.setdefault((table, tuple(k for k, _ in key), names), []).append(
            (*(v for _, v in key), *(values[n] for n in names))
        )
    for (table, key_names, names), rows in groups.items():
        updates = ", ".join(f"{c} = excluded.{c}" for c in names)
        conflict = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
        upsert_rows(
            cursor,
            f"INSERT INTO {table} ({', '.join((*key_names, *names))})",
            rows,
            f"ON CONFLICT ({', '.join(key_names)}) {conflict}",
            placeholder,
        )
    upsert_rows(
        cursor,
        "INSERT INTO kpi_sources (source, events)",
        list(counts.items()),
        "ON CONFLICT (source) DO UPDATE SET events = kpi_sources.events + excluded.events",
        placeholder,
    )


def _rows(cursor: Any, table: str) -> list[dict[str, str]]:
    key, columns = facts.TABLES[table]
    names = (*key, *columns)
    cursor.execute(f"SELECT {', '.join(names)} FROM {table}")
    return [{n: row[n] for n in names} for row in cursor.fetchall()]


def load(cursor: Any) -> Snapshot:
    """Every KPI read model, as one `Snapshot` (read in the caller's transaction)."""
    cursor.execute("SELECT source, events FROM kpi_sources")
    sources = {row["source"]: int(row["events"]) for row in cursor.fetchall()}

    def by(table: str, key: str) -> dict[str, dict[str, str]]:
        return {r[key]: r for r in _rows(cursor, table)}

    return Snapshot(
        producers=by("kpi_producers", "producer_id"),
        products=by("kpi_products", "product_id"),
        product_codes_ever=by("kpi_product_codes", "code"),
        dossiers=by("kpi_dossiers", "dossier_id"),
        certificates=by("kpi_certificates", "dossier_id"),
        inspection_plans=_rows(cursor, "kpi_inspection_plans"),
        inspections=_rows(cursor, "kpi_inspections"),
        channels=_rows(cursor, "kpi_channels"),
        value_chains=_rows(cursor, "kpi_value_chains"),
        showrooms=_rows(cursor, "kpi_showrooms"),
        answers=by("kpi_answers", "dossier_id"),
        sources=sources,
    )
