"""Smoke test of the local PostgreSQL that ``deploy/postgres/postgres.sh`` runs.

Connects as the service role over TCP with a password (as the services do) to
the ``ocop_test`` database. Settings come from ``OCOP_PG_HOST``, ``OCOP_PG_PORT``,
``OCOP_PG_USER`` and ``OCOP_PG_PASSWORD``; when the server does not answer the
test fails (start it with ``deploy/infra.sh up``).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import psycopg
import pytest
import pytest_asyncio
from psycopg import sql
from psycopg.conninfo import make_conninfo

pytestmark = [pytest.mark.postgres, pytest.mark.asyncio]

CONNINFO = make_conninfo(
    host=os.environ.get("OCOP_PG_HOST", "127.0.0.1"),
    port=os.environ.get("OCOP_PG_PORT", "5432"),
    user=os.environ.get("OCOP_PG_USER", "ocop"),
    password=os.environ.get("OCOP_PG_PASSWORD", "ocop"),
    dbname="ocop_test",
    connect_timeout="5",
)
TEXT = "Mật ong U Minh Hạ ★★★★"  # NFC Vietnamese must survive the round trip


async def _connect() -> psycopg.AsyncConnection[tuple[object, ...]]:
    try:
        return await psycopg.AsyncConnection.connect(CONNINFO)
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"cannot connect to PostgreSQL database ocop_test ({exc});"
            " start it with deploy/infra.sh up",
            pytrace=False,
        )


@pytest_asyncio.fixture
async def conn() -> AsyncIterator[psycopg.AsyncConnection[tuple[object, ...]]]:
    connection = await _connect()
    try:
        yield connection
    finally:
        await connection.close()


async def test_temp_table_commit_and_read_back(
    conn: psycopg.AsyncConnection[tuple[object, ...]],
) -> None:
    async with conn.cursor() as cur:
        await cur.execute(
            "SELECT current_user, current_database(), current_setting('server_encoding')"
        )
        assert await cur.fetchone() == (
            os.environ.get("OCOP_PG_USER", "ocop"),
            "ocop_test",
            "UTF8",
        )

        await cur.execute("CREATE TEMP TABLE smoke (id int PRIMARY KEY, name text NOT NULL)")
        await cur.executemany(
            "INSERT INTO smoke (id, name) VALUES (%s, %s)",
            [(1, TEXT), (2, "Cà phê Đăk Hà")],
        )
    await conn.commit()

    async with conn.cursor() as cur:
        await cur.execute("SELECT id, name FROM smoke ORDER BY id")
        assert await cur.fetchall() == [(1, TEXT), (2, "Cà phê Đăk Hà")]


async def test_committed_rows_are_visible_to_another_session(
    conn: psycopg.AsyncConnection[tuple[object, ...]],
) -> None:
    table = sql.Identifier(f"smoke_{uuid.uuid4().hex[:12]}")
    async with conn.cursor() as cur:
        await cur.execute(
            sql.SQL("CREATE TABLE {} (id int PRIMARY KEY, name text NOT NULL)").format(table)
        )
        await cur.execute(sql.SQL("INSERT INTO {} VALUES (1, %s)").format(table), (TEXT,))
    await conn.commit()
    try:
        other = await _connect()
        try:
            async with other.cursor() as cur:
                await cur.execute(sql.SQL("SELECT name FROM {} WHERE id = 1").format(table))
                assert await cur.fetchone() == (TEXT,)
        finally:
            await other.close()
    finally:
        await conn.execute(sql.SQL("DROP TABLE {}").format(table))
        await conn.commit()
