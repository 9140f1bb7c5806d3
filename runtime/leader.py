"""One active relay per service: a lock in the service's own store elects it.

PostgreSQL: a session-level advisory lock held on a dedicated connection (the lock
goes when the process or its connection dies). SQLite: an exclusive `flock` on a file
beside the database (the kernel releases it when the process dies). Memory: a lock in
the process. The lock only elects; the relay's term (`runtime.tracking`) fences what a
relay that lost the lock may still try to write.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import threading
from pathlib import Path
from typing import Any, Protocol

import psycopg
from eventsourcing.postgres import PostgresDatastore
from eventsourcing.sqlite import SQLiteDatastore

log = logging.getLogger(__name__)


class Leadership(Protocol):
    def acquire(self) -> bool:
        """Try to become the leader without waiting; True if this process now is."""

    def holds(self) -> bool:
        """Whether this process still holds the lock (False after its connection died)."""

    def release(self) -> None: ...


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for `name`."""
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class PostgresAdvisoryLock:
    """`pg_try_advisory_lock` on a connection of its own, kept open while leading."""

    def __init__(self, name: str, connect: dict[str, Any]) -> None:
        self.name = name
        self.key = lock_key(name)
        self.connect = connect
        self.connection: psycopg.Connection[Any] | None = None

    def acquire(self) -> bool:
        self.release()
        try:
            connection = psycopg.connect(
                **self.connect,
                autocommit=True,
                connect_timeout=3,
                application_name=f"ocop-leader {self.name} pid {os.getpid()}",
            )
        except psycopg.OperationalError:
            return False
        row = connection.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()
        if row is None or not row[0]:
            connection.close()
            return False
        self.connection = connection
        return True

    def holds(self) -> bool:
        if self.connection is None or self.connection.closed:
            return False
        try:
            self.connection.execute("SELECT 1")
        except psycopg.Error:
            self.release()
            return False
        return True

    def release(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(psycopg.Error):
                self.connection.close()
            self.connection = None

    def __del__(self) -> None:
        self.release()


class FileLock:
    """An exclusive, non-blocking `flock` on `path`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self) -> bool:
        if self.fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd
        return True

    def holds(self) -> bool:
        return self.fd is not None

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __del__(self) -> None:
        self.release()


class ProcessLock:
    """For the memory store, which lives in one process: one lock per store (recorder)."""

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock
        self.held = False

    def acquire(self) -> bool:
        if not self.held:
            self.held = self.lock.acquire(blocking=False)
        return self.held

    def holds(self) -> bool:
        return self.held

    def release(self) -> None:
        if self.held:
            self.lock.release()
            self.held = False

    def __del__(self) -> None:
        self.release()


def postgres_connect_kwargs(recorder: Any) -> dict[str, Any] | None:
    """What `psycopg.connect` needs to reach the PostgreSQL database of `recorder` (or of
    anything with its `datastore`); None for another store. A connection of its own,
    outside the recorder's pool."""
    datastore = getattr(recorder, "datastore", None)
    if not isinstance(datastore, PostgresDatastore):
        return None
    pool_kwargs = datastore.pool.kwargs
    given = pool_kwargs() if callable(pool_kwargs) else pool_kwargs
    return {k: v for k, v in (given or {}).items() if k != "row_factory"}


def leadership_for(name: str, recorder: Any) -> Leadership:
    """The lock that elects `name`'s leader in `recorder`'s store."""
    datastore = getattr(recorder, "datastore", None)
    if (kwargs := postgres_connect_kwargs(recorder)) is not None:
        return PostgresAdvisoryLock(name, kwargs)
    if isinstance(datastore, SQLiteDatastore) and not datastore.pool.is_sqlite_memory_mode:
        safe = name.replace(":", "-").replace("/", "-")
        return FileLock(Path(f"{datastore.pool.db_name}.{safe}.lock"))
    locks = recorder.__dict__.setdefault("_relay_locks", {})
    return ProcessLock(locks.setdefault(name, threading.Lock()))
