"""A producer's personal data as the crypto-shredding tests read it: the plaintexts, the
commune's officer and committee, and every byte a backup or the relay would hold."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

import psycopg

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.registration.adapters import outbound
from services.registration.application import RegistrationApp
from tests.unit.registration.helpers import DAK_HA

NAME = "Hơ Thị Blút"
ETHNICITY = "Xơ Đăng"
ADDRESS = "Thôn Kon Rờ Bàng 2, Đăk Hà"
PHONE = "0905123456"
EMAIL = "blut.htx@example.vn"
PLAINTEXTS = (NAME, ADDRESS, PHONE, EMAIL, ETHNICITY)

OFFICER = CommandContext(Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA))
COMMITTEE = CommandContext(Actor(id="ct-ubnd-xa", role="commune_committee", jurisdiction=DAK_HA))


def forms(text: str) -> list[bytes]:
    """How `text` can appear in a stored row: UTF-8, or JSON with non-ASCII escaped."""
    return [text.encode("utf-8"), json.dumps(text)[1:-1].encode("ascii")]


def row_bytes(rows: Iterator[Any]) -> bytes:
    """Rows as bytes: their repr and every binary value as it is."""
    return b"".join(
        repr(row).encode() + b"".join(bytes(v) for v in row if isinstance(v, bytes | memoryview))
        for row in rows
    )


def raw_rows(settings: Settings) -> bytes:
    """Every byte of every row of every table of registration's store, and for SQLite
    the files themselves (pages, WAL): what a backup or a stolen disk holds."""
    if settings.store == "sqlite":
        found = b"".join(p.read_bytes() for p in settings.data_dir.glob("registration.sqlite*"))
        with sqlite3.connect(settings.data_dir / "registration.sqlite") as db:
            listed = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            for (table,) in listed:
                found += row_bytes(db.execute(f'SELECT * FROM "{table}"'))
        return found
    found = b""
    with psycopg.connect(
        host=settings.pg_host,
        port=settings.pg_port,
        user=settings.pg_user,
        password=settings.pg_password,
        dbname=f"{settings.pg_db_prefix}registration",
    ) as pg:
        tables = pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in tables.fetchall():
            found += row_bytes(iter(pg.execute(f'SELECT * FROM "{table}"').fetchall()))
    return found


def contains_any(blob: bytes, texts: tuple[str, ...]) -> list[str]:
    return [t for t in texts if any(form in blob for form in forms(t))]


def published(app: RegistrationApp) -> bytes:
    """Every event the relay publishes, replayed from the notification log."""
    out = b""
    for notification in app.recorder.select_notifications(start=1, limit=10_000):
        event = app.mapper.to_domain_event(notification)
        for _, integration in outbound.translate(event):
            out += integration.model_dump_json().encode()
    return out
