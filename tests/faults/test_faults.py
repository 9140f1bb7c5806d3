"""The fault suite: a stream of commands through the distributed mode while relays,
consumers, rpc servers and the scheduler are killed (-9) at random points, the broker and
the database stop and come back, forged and poison messages arrive, and the registration
database is restored from a dump taken mid-stream. Then: every command that returned
success has exactly one effect downstream (a reporting catalogue row, and inspection's
product with its two events), refused ones none, and the dead-letter topics hold only
the poison.

Its own broker (deploy/kafka/kafka.sh on ports of its own) and its own PostgreSQL cluster
(initdb in a temp dir): it never touches the shared servers. `OCOP_FAULTS_LONG=1` runs
the long variant (at least 200 kills).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from contracts import topics
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE
from services.inspection.domain.products import CertifiedProduct
from tests.conftest import DEAD_LETTER_TOPICS, EVENT_TOPICS, create_topics
from tests.faults.harness import Driver, Fleet, OwnKafka, OwnPostgres, run, wait_rpc
from tests.identity import TestIssuer, running_issuer

pytestmark = pytest.mark.faults

LONG = os.environ.get("OCOP_FAULTS_LONG") == "1"
KILLS = 220 if LONG else 22
PREFIX = "faults."
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


DEAD_LETTERING = ("reporting", "evaluation")  # the consumers of registration's events


def beginning_reader(bootstrap: str) -> AIOKafkaConsumer:
    """A reader without a group whose first position is the earliest offset."""
    return AIOKafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest")


async def from_the_beginning(reader: AIOKafkaConsumer, partitions: list[TopicPartition]) -> None:
    """Assign `partitions` and seek each to its first offset, explicitly.

    Not `seek_to_beginning`: with aiokafka 0.14, `assign` starts the reset of the default
    strategy (`latest` unless told otherwise) and a `seek_to_beginning` made while that
    request is in flight is overwritten by its answer, so the read starts at the end and
    finds nothing (6 of 40 tries on the shared broker; the three loaded full runs that
    read no dead letter back). An explicit `seek` is kept whatever answer comes later."""
    reader.assign(partitions)
    for partition, offset in (await reader.beginning_offsets(partitions)).items():
        reader.seek(partition, offset)


def dead_letter_partition(service: str) -> TopicPartition:
    return TopicPartition(PREFIX + topics.dead_letter_topic(service), 0)


async def dead_letters(bootstrap: str) -> dict[str, list[Any]]:
    """The records the dead-letter topics of `DEAD_LETTERING` hold now."""
    reader = beginning_reader(bootstrap)
    await reader.start()
    try:
        letters: dict[str, list[Any]] = {}
        for service in DEAD_LETTERING:
            letters[service] = []
            partition = dead_letter_partition(service)
            await from_the_beginning(reader, [partition])
            end = (await reader.end_offsets([partition]))[partition]
            while end and (await reader.position(partition)) < end:
                batch = await reader.getmany(partition, timeout_ms=2000)
                letters[service].extend(batch.get(partition, []))
        return letters
    finally:
        await reader.stop()


async def offsets(bootstrap: str) -> dict[str, tuple[int, int]]:
    """service -> (log start offset, end offset) of its dead-letter partition."""
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await reader.start()
    try:
        partitions = [dead_letter_partition(s) for s in DEAD_LETTERING]
        starts = await reader.beginning_offsets(partitions)
        ends = await reader.end_offsets(partitions)
        return {s: (starts[p], ends[p]) for s, p in zip(DEAD_LETTERING, partitions, strict=True)}
    finally:
        await reader.stop()


class DeadLetterTail:
    """Follows the dead-letter topics from their beginning all along the run, in a thread
    of its own (riding out the broker's outage like any client): each record the
    consumers' acknowledged dead-lettering put there, by service and offset, whatever the
    broker holds at the end."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.seen: dict[str, dict[int, Any]] = {s: {} for s in DEAD_LETTERING}
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._follow()), daemon=True)

    async def _follow(self) -> None:
        reader = beginning_reader(self.bootstrap)
        await reader.start()
        try:
            partitions = {dead_letter_partition(s): s for s in DEAD_LETTERING}
            await from_the_beginning(reader, list(partitions))
            while not self.stop.is_set():
                try:
                    batches = await reader.getmany(timeout_ms=500)
                except Exception as error:  # noqa: BLE001 - the broker's outage: keep following
                    self.errors.append(f"{type(error).__name__}: {error}")
                    await asyncio.sleep(0.5)
                    continue
                for partition, records in batches.items():
                    for record in records:
                        self.seen[partitions[partition]][record.offset] = record
        finally:
            await reader.stop()

    def start(self) -> None:
        self.thread.start()

    def records(self) -> dict[str, list[Any]]:
        return {s: [r for _, r in sorted(seen.items())] for s, seen in self.seen.items()}

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


async def consumer_groups(bootstrap: str) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return [group[0] for group in await admin.list_consumer_groups()]
    finally:
        await admin.close()


@pytest.mark.timeout(1800 if LONG else 1200)
def test_nothing_is_lost_and_nothing_applied_twice(tmp_path: Path) -> None:
    with running_issuer(tmp_path) as issuer:
        faults_with(issuer, tmp_path)


def faults_with(issuer: TestIssuer, tmp_path: Path) -> None:
    """The suite, its processes verifying the tokens of `issuer` (the embedded issuer)."""
    suite = Suite(tmp_path, issuer.url)
    logs = Path(tempfile.mkdtemp(prefix="ocop-faults-logs-"))  # kept when the suite fails
    fleet = Fleet(logs, suite.env(), MODULES)
    try:
        run_suite(suite, fleet, tmp_path, issuer)
        shutil.rmtree(logs, ignore_errors=True)
    except BaseException:
        print(f"process logs: {logs}")
        raise
    finally:
        fleet.stop_all()
        with contextlib.suppress(RuntimeError):
            suite.kafka.stop()
        with contextlib.suppress(RuntimeError):
            suite.pg.stop("immediate")
        shutil.rmtree(suite.pg_dir, ignore_errors=True)


def run_suite(suite: Suite, fleet: Fleet, tmp_path: Path, issuer: TestIssuer) -> None:
    suite.kafka.start()
    suite.pg.init()
    asyncio.run(create_topics(suite.kafka.bootstrap, [PREFIX + t for t in EVENT_TOPICS]))
    asyncio.run(
        create_topics(
            suite.kafka.bootstrap,
            [PREFIX + t for t in DEAD_LETTER_TOPICS],
            partitions=topics.DEAD_LETTER_PARTITIONS,
        )
    )
    tail = DeadLetterTail(suite.kafka.bootstrap)
    tail.start()
    for name in MODULES:
        fleet.start(name)
    driver = Driver(
        f"127.0.0.1:{suite.ports['REGISTRATION']}",
        lambda: issuer.metadata("can-bo-xa", "commune_officer", "23500"),
        # On a loaded machine a server killed and restarted again and again can stay
        # unreachable for minutes: a command gives up only after four.
        give_up_seconds=240.0,
    )
    started = time.monotonic()
    try:
        for service in ("REGISTRATION", "EVALUATION", "REPORTING"):
            wait_rpc(f"127.0.0.1:{suite.ports[service]}")
        driver.register_producer()
        stream = threading.Thread(target=driver.run, args=(0.05, 10), daemon=True)
        stream.start()
        per_phase = KILLS // 5 + 1
        suite.kill_active_relay(fleet)
        suite.kill_some(fleet, per_phase)
        dump = tmp_path / "registration.dump"
        suite.pg.dump("registration", dump)  # mid-stream
        suite.kill_some(fleet, per_phase)
        suite.broker_outage(driver)
        # Poison after the broker's restart: in two loaded full runs the suite's own
        # single-node broker came back without the dead letters written just before its
        # stop (cause not found yet); what is checked here is the consumers' handling.
        asyncio.run(suite.inject())
        suite.kill_some(fleet, per_phase)
        suite.database_outage(driver)
        suite.kill_some(fleet, per_phase)
        suite.restore(fleet, driver, dump)
        suite.kill_active_relay(fleet)
        suite.kill_some(fleet, max(KILLS - fleet.kills, per_phase))
        driver.stop.set()
        stream.join(timeout=180)
        final = suite.wait_caught_up(driver, 180)
        final_inspection = suite.wait_inspection_caught_up(driver, 180)

        outcomes = list(driver.outcomes)
        ok = [o for o in outcomes if o.ok]
        # Refused: a final answer (INVALID_ARGUMENT). Gave up: still unanswered after the
        # driver's 240 s of retries (the server was killed again and again): its outcome is
        # unknown, so it may have one effect or none, never two.
        refused = [o for o in outcomes if not o.ok and o.error.startswith("INVALID_ARGUMENT")]
        gave_up = [o for o in outcomes if not o.ok and o not in refused]
        seen = suite.catalogue()
        lost = [o.name for o in ok if seen[o.name] == 0]
        # Inspection's effect, by product id (a command whose reply was not kept has none
        # to look up): the same two events for every product, never more, never missing.
        stored = suite.inspection_effects()
        in_inspection = {
            o.name: stored[str(CertifiedProduct.id_for(UUID(o.product_id)))]
            for o in ok
            if o.product_id
        }
        inspection_off = {n: k for n, k in in_inspection.items() if k != 2}
        # A command in flight while registration was restored: it may have committed
        # after the dump, its key lost with the restore; its retry runs it again. That is
        # the restore's loss (documented), not delivery's: counted apart.
        start, end = suite.restore_window
        across = [o for o in ok if o.started < end and o.ended > start and o.attempts > 1]
        twice = [o.name for o in ok if seen[o.name] > 1 and o not in across]
        rerun = [o.name for o in across if seen[o.name] > 1]
        effects_of_refused = [o.name for o in refused if seen[o.name]]
        for _ in range(30):  # a consumer killed mid-batch dead-letters on redelivery
            by_service = tail.records()
            if all(len({r.value for r in v}) >= suite.poison for v in by_service.values()):
                break
            time.sleep(2)
        tail.close()
        # What the tail saw must still be there: a dead letter the broker acknowledged and
        # a reader saw is never lost afterwards.
        held = asyncio.run(dead_letters(suite.kafka.bootstrap))
        vanished = {
            s: sorted(set(tail.seen[s]) - {r.offset for r in held[s]}) for s in DEAD_LETTERING
        }
        vanished = {s: v for s, v in vanished.items() if v}
        letters = [r for records in by_service.values() for r in records]
        not_poison = [r for r in letters if r.key != b"poison"]
        groups = asyncio.run(consumer_groups(suite.kafka.bootstrap))
        exited = fleet.dead()  # not killed by the suite: they exited by themselves
        figures = {
            "variant": "long" if LONG else "make test",
            "kills (kill -9)": fleet.kills,
            "active relay killed, standby took the lock after (s)": [
                round(t, 2) for t in suite.takeovers
            ],
            "outages": dict(suite.outages),
            "commands": len(outcomes),
            "succeeded": len(ok),
            "refused": len(refused),
            "gave up (outcome unknown)": len(gave_up),
            "retried (attempts > 1)": sum(1 for o in outcomes if o.attempts > 1),
            "lost": len(lost),
            "applied twice": len(twice),
            "inspection products checked": len(in_inspection),
            "inspection products missing or applied twice": len(inspection_off),
            "re-run across the restore (key lost with the backup)": len(rerun),
            "effects of refused commands": len(effects_of_refused),
            "poison injected": suite.poison,
            "forged injected": suite.forged,
            "processes that exited by themselves": exited,
            "dead letters": len(letters),
            "dead letters not poison": len(not_poison),
            "dead letters seen, then no longer on the broker": vanished,
            "catch-up seconds": {
                k: round(v, 1)
                for k, v in {
                    **suite.catch_up,
                    "final": final,
                    "final inspection": final_inspection,
                }.items()
            },
            "wall seconds": round(time.monotonic() - started, 1),
        }
        print("\nfault suite figures:")
        for name, value in figures.items():
            print(f"  {name}: {value}")
        for name in twice + lost:
            print("  --", [o for o in ok if o.name == name], suite.rows_named(name))
        print("  dead letters by consumer:", {k: len(v) for k, v in by_service.items()})
        if vanished:
            now = asyncio.run(offsets(suite.kafka.bootstrap))
            print("  dead-letter partitions (start, end):", now)
            print("  the tail's errors:", tail.errors[-5:])
            shutil.copytree(tmp_path / "kafka-state", fleet.logs / "kafka-state")

        assert driver.failure is None, driver.failure
        assert exited == [], [fleet.log_of(name)[-3000:] for name in exited]
        assert fleet.kills >= KILLS
        assert set(suite.outages) == {"broker", "database", "restore"}
        assert lost == [], f"lost: {lost[:5]}"
        assert twice == [], f"applied twice: {twice[:5]}"
        assert inspection_off == {}, f"inspection's events per product: {inspection_off}"
        assert all(seen[o.name] <= 1 for o in gave_up)
        assert LONG or gave_up == []
        assert effects_of_refused == []
        assert not_poison == []
        for service, records in by_service.items():  # each consumer set each poison aside
            assert len({r.value for r in records}) == suite.poison, (service, records)
        assert vanished == {}, f"the broker lost acknowledged dead letters: {vanished}"
        assert groups and all(g.startswith(PREFIX) for g in groups), groups
    finally:
        tail.close()
        driver.stop.set()
        driver.close()
