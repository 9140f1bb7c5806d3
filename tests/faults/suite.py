"""The fault suite's own servers and its faults (`test_faults.py`): a broker and a
PostgreSQL cluster of its own, the processes it kills (-9) at random, the broker's and the
database's outages, the registration database restored from a dump, forged and poison
messages; and how it reads what reached reporting and inspection."""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from uuid import UUID

from aiokafka import AIOKafkaProducer, TopicPartition

from contracts import topics
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE
from services.inspection.domain.products import CertifiedProduct
from tests.faults.dead_letters import (
    PREFIX,
    beginning_reader,
    from_the_beginning,
)
from tests.faults.harness import Driver, Fleet
from tests.faults.servers import OwnKafka, OwnPostgres, run

LONG = os.environ.get("OCOP_FAULTS_LONG") == "1"
KILLS = 220 if LONG else 22
MODULES = {
    "registration-rpc": "services.registration.entrypoints.rpc",
    "registration-relay-a": "services.registration.entrypoints.relay",
    "registration-relay-b": "services.registration.entrypoints.relay",
    "evaluation-rpc": "services.evaluation.entrypoints.rpc",
    "evaluation-stream": "services.evaluation.entrypoints.stream",
    "evaluation-relay": "services.evaluation.entrypoints.relay",
    "evaluation-scheduler": "services.evaluation.entrypoints.scheduler",
    "reporting-rpc": "services.reporting.entrypoints.rpc",
    "reporting-stream": "services.reporting.entrypoints.stream",
    "inspection-stream": "services.inspection.entrypoints.stream",
}
REGISTRATION = ("registration-rpc", "registration-relay-a", "registration-relay-b")


class Suite:
    def __init__(self, tmp: Path, issuer_url: str) -> None:
        self.tmp = tmp
        self.issuer_url = issuer_url
        self.rng = random.Random(2026)
        self.kafka = OwnKafka(tmp / "kafka-state")
        # Outside pytest's temp dir (mode 0700): the cluster runs as user postgres under root.
        self.pg_dir = Path(tempfile.mkdtemp(prefix="ocop-faults-pg-"))
        self.pg = OwnPostgres(self.pg_dir)
        self.ports = {s: _port() for s in ("REGISTRATION", "EVALUATION", "REPORTING", "INSPECTION")}
        self.catch_up: dict[str, float] = {}
        self.outages: Counter[str] = Counter()
        self.poison = 0
        self.forged = 0
        self.restore_window = (0.0, 0.0)
        self.takeovers: list[float] = []

    def env(self) -> dict[str, str]:
        return {
            "OCOP_STORE": "postgres",
            "OCOP_DELIVERY": "kafka",
            "OCOP_KAFKA_BOOTSTRAP": self.kafka.bootstrap,
            "OCOP_TOPIC_PREFIX": PREFIX,
            "OCOP_PG_HOST": "127.0.0.1",
            "OCOP_PG_PORT": str(self.pg.port),
            "OCOP_PG_USER": self.pg.user,
            "OCOP_PG_PASSWORD": "",
            "OCOP_DATA_DIR": str(self.tmp / "data"),
            "OCOP_RELAY_POLL_SECONDS": "0.2",
            "OCOP_OIDC_ISSUER": self.issuer_url,
            **{f"OCOP_{s}_PORT": str(p) for s, p in self.ports.items()},
        }

    # -- what reached reporting -----------------------------------------------------

    def catalogue(self) -> Counter[str]:
        rows = self.pg.sql("ocop_reporting", "SELECT name FROM catalogue_products")
        return Counter(name for (name,) in rows)

    def inspection_effects(self) -> Counter[str]:
        """product id -> events inspection stored for its product (an event-sourced
        projection: ProductRegistered creates it and locates it, two events; a second
        application would add a third)."""
        tables = self.pg.sql(
            "ocop_inspection",
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
            "AND column_name IN ('originator_id', 'originator_version', 'state') "
            "AND table_name NOT LIKE '%snapshot%' GROUP BY table_name HAVING count(*) = 3",
        )
        by_aggregate: Counter[str] = Counter()
        for (table,) in tables:
            rows = self.pg.sql(
                "ocop_inspection",
                f'SELECT originator_id::text, count(DISTINCT originator_version) FROM "{table}" '
                "GROUP BY originator_id",
            )
            by_aggregate.update(dict(rows))
        return by_aggregate

    def rows_named(self, name: str) -> list[tuple[Any, ...]]:
        return self.pg.sql(
            "ocop_reporting",
            f"SELECT product_id, registered_at FROM catalogue_products WHERE name = '{name}'",
        )

    def wait_caught_up(self, driver: Driver, timeout: float) -> float:
        """Seconds until every command that succeeded so far is seen by reporting."""
        started = time.monotonic()
        wanted = {o.name for o in list(driver.outcomes) if o.ok}
        while True:
            try:
                if wanted <= set(self.catalogue()):
                    return time.monotonic() - started
            except Exception:  # noqa: BLE001 - the database may be coming back
                pass
            if time.monotonic() - started > timeout:
                missing = wanted - set(self.catalogue())
                raise AssertionError(f"{len(missing)} commands not seen after {timeout} s")
            time.sleep(0.25)

    def wait_inspection_caught_up(self, driver: Driver, timeout: float) -> float:
        """Seconds until inspection holds both events of every product a successful command
        created (its stream catches up on its own schedule: after a database outage its
        reconnection backs off, so reporting being current says nothing about it). Returns
        when caught up or at `timeout`; the test then asserts the counts, so a product
        missing after `timeout` fails there, with the counts shown."""
        started = time.monotonic()
        ids = {
            str(CertifiedProduct.id_for(UUID(o.product_id)))
            for o in list(driver.outcomes)
            if o.ok and o.product_id
        }
        while time.monotonic() - started < timeout:
            try:
                stored = self.inspection_effects()
                if all(stored[i] >= 2 for i in ids):
                    break
            except Exception:  # noqa: BLE001 - the database may be coming back
                pass
            time.sleep(0.5)
        return time.monotonic() - started

    # -- faults -----------------------------------------------------------------------

    def kill_some(self, fleet: Fleet, count: int) -> None:
        for _ in range(count):
            name = self.rng.choice(sorted(MODULES))
            fleet.kill(name)
            fleet.start(name)
            time.sleep(self.rng.uniform(0.5, 2.0) if not LONG else self.rng.uniform(0.4, 1.2))

    def active_relay(self, fleet: Fleet) -> str | None:
        """The registration relay holding the advisory lock (its connection is named)."""
        rows = self.pg.sql(
            "ocop_registration",
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
            "WHERE l.locktype = 'advisory' AND l.granted",
        )
        pids = {
            int(name.rsplit(" ", 1)[1])
            for (name,) in rows
            if name.startswith("ocop-leader relay:registration ")
        }
        for name in REGISTRATION[1:]:
            if fleet.children[name].pid in pids:
                return name
        return None

    def kill_active_relay(self, fleet: Fleet) -> None:
        """kill -9 the active relay; the standby must take the lock: how long it took."""
        deadline = time.monotonic() + 60
        while (active := self.active_relay(fleet)) is None:
            assert time.monotonic() < deadline, "no registration relay holds the lock"
            time.sleep(0.2)
        standby = next(n for n in REGISTRATION[1:] if n != active)
        fleet.kill(active)
        killed = time.monotonic()
        while self.active_relay(fleet) != standby:
            assert time.monotonic() - killed < 30, "the standby relay did not take over"
            time.sleep(0.1)
        self.takeovers.append(time.monotonic() - killed)
        fleet.start(active)

    def broker_outage(self, driver: Driver) -> None:
        self.kafka.stop()
        time.sleep(6)
        self.kafka.start()
        self.outages["broker"] += 1
        self.catch_up["broker"] = self.wait_caught_up(driver, 120)

    def database_outage(self, driver: Driver) -> None:
        self.pg.stop("fast")
        time.sleep(6)
        self.pg.start()
        self.outages["database"] += 1
        self.catch_up["database"] = self.wait_caught_up(driver, 120)

    def restore(self, fleet: Fleet, driver: Driver, dump: Path) -> None:
        """The operator's procedure: hold the commands, stop registration's server, let its
        relays publish what it stored, restore its database from the dump (its later events
        and idempotency keys are lost at the source), open a new epoch, start again."""
        driver.hold.set()
        assert driver.idle.wait(driver.give_up_seconds + 30), "a command never ended"
        down = time.monotonic()
        fleet.kill("registration-rpc")
        self.wait_caught_up(driver, 120)
        for name in REGISTRATION[1:]:
            fleet.kill(name)
        self.pg.restore("registration", dump)
        run(sys.executable, "-m", "system.epoch", "registration", env=self.env())
        for name in REGISTRATION:
            fleet.start(name)
        self.restore_window = (down, time.monotonic())
        driver.hold.clear()
        self.outages["restore"] += 1
        self.catch_up["restore"] = self.wait_caught_up(driver, 120)

    async def inject(self) -> None:
        """Poison (unparseable, and valid JSON of no event) and a forged copy of a real
        event carrying notification id 999999999: a duplicate that must hide nothing."""
        topic = PREFIX + topics.REGISTRATION_EVENTS
        reader = beginning_reader(self.kafka.bootstrap)
        await reader.start()
        try:
            partition = TopicPartition(topic, 0)
            await from_the_beginning(reader, [partition])
            real = (await reader.getmany(partition, timeout_ms=5000, max_records=1))[partition][0]
        finally:
            await reader.stop()
        producer = AIOKafkaProducer(bootstrap_servers=self.kafka.bootstrap, acks="all")
        await producer.start()
        try:
            for value in (b"{not json", b'{"event_type": "Nothing", "n": 1}'):
                headers = [(HEADER_SOURCE, b"intruder"), (HEADER_NOTIFICATION_ID, b"1")]
                await producer.send_and_wait(topic, value, key=b"poison", headers=headers)
                self.poison += 1
            forged = [
                (k, b"999999999" if k == HEADER_NOTIFICATION_ID else v) for k, v in real.headers
            ]
            await producer.send_and_wait(topic, real.value, key=real.key, headers=forged)
            self.forged += 1
        finally:
            await producer.stop()


def _port() -> int:
    from tests.e2e.harness import free_port

    return free_port()
