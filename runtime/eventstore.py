"""Environment for an eventsourcing application: one store per service."""

from __future__ import annotations

from datetime import date
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from runtime.group_commit import GROUP_COMMIT
from runtime.settings import Settings

# eventsourcing's factories, extended to recognise duplicates by event identity
# (`runtime.tracking`); the memory one is eventsourcing's "popo".
MEMORY_FACTORY = "runtime.tracking:POPOEventFactory"
SQLITE_FACTORY = "runtime.tracking:SQLiteEventFactory"
POSTGRES_FACTORY = "runtime.tracking:PostgresEventFactory"


def event_store_env(settings: Settings, service: str) -> dict[str, str]:
    """The eventsourcing environment for `service` under `settings.store`.

    SQLite: one file per service in the data folder. PostgreSQL: one database per
    service (`<prefix><service>`), tables `<app>_events`, concurrent commands' events
    stored in one transaction unless `settings.pg_group_commit` is off
    (`runtime.group_commit`). Every store records the
    consumed events' identities (`runtime.tracking`).
    """
    if settings.store == "memory":
        return {"PERSISTENCE_MODULE": MEMORY_FACTORY}
    if settings.store == "sqlite":
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": SQLITE_FACTORY,
            "SQLITE_DBNAME": str(settings.data_dir / f"{service}.sqlite"),
            "SQLITE_LOCK_TIMEOUT": "10",
        }
    return {
        "PERSISTENCE_MODULE": POSTGRES_FACTORY,
        "POSTGRES_DBNAME": f"{settings.pg_db_prefix}{service}",
        "POSTGRES_HOST": settings.pg_host,
        "POSTGRES_PORT": str(settings.pg_port),
        "POSTGRES_USER": settings.pg_user,
        "POSTGRES_PASSWORD": settings.pg_password,
        "POSTGRES_POOL_SIZE": str(settings.pg_pool_size),
        "POSTGRES_MAX_OVERFLOW": "5",
        GROUP_COMMIT: "y" if settings.pg_group_commit else "n",
    }


class DateAsISO(Transcoding):
    """Stores `datetime.date` values as ISO strings in event payloads."""

    type = date
    name = "date_iso"

    def encode(self, obj: Any) -> str:
        assert isinstance(obj, date)
        return obj.isoformat()

    def decode(self, data: Any) -> date:
        assert isinstance(data, str)
        return date.fromisoformat(data)


def register_common_transcodings(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
