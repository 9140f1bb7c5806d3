"""Rebuilding reporting's read models while the system serves (issue 17): queries keep
answering, the same before, during and after; events published during the rebuild reach
the new version; a republish of every topic afterwards changes nothing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from contracts.rpc import audit_pb2, reporting_pb2
from contracts.rpc import audit_pb2_grpc as audit_grpc
from contracts.rpc import reporting_pb2_grpc as reporting_grpc
from runtime.messages import InMessage
from services.reporting.application.rebuild import Rebuild
from services.reporting.projections.models import DROPPED
from system.demo import load_demo
from system.demo_promotion import load_promotion_demo
from system.rebuild import Batches, rebuild, stored
from tests.identity import TestIssuer, signed_channel
from tests.unit.inputs.servers import Running, running

GRACE = 0.6  # above the pointer's refresh (0.5 s), as the real grace is


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Running]:
    with running(tmp_path) as r:
        load_demo(r.system)
        asyncio.run(r.system.deliver())
        load_promotion_demo(r.system)
        asyncio.run(r.system.deliver())
        yield r


class Queries:
    """The catalogue, a product's trail and the year's KPIs, over gRPC as an auditor."""

    def __init__(self, r: Running) -> None:
        assert r.system.issuer is not None
        channel = signed_channel(
            TestIssuer(r.system.issuer), r.addresses["reporting"], ("kiem-toan", "auditor", "")
        )
        self.reporting = reporting_grpc.ReportingStub(channel)  # type: ignore[no-untyped-call]
        self.audit = audit_grpc.AuditStub(channel)  # type: ignore[no-untyped-call]
        self.product = r.system.reporting.app.list_products()[0]["product_id"]

    def answers(self) -> tuple[Any, ...]:
        listed = self.reporting.ListProducts(reporting_pb2.ListProductsRequest(page_size=5000))
        trail = self.audit.GetTrail(audit_pb2.GetTrailRequest(kind="product", id=self.product))
        kpis = self.reporting.GetKpis(reporting_pb2.GetKpisRequest(period="2024"))
        return (
            listed.SerializeToString(deterministic=True),
            trail.SerializeToString(deterministic=True),
            kpis.SerializeToString(deterministic=True),
        )


def tables(r: Running) -> set[str]:
    app = r.system.reporting.app
    with app.tracking.datastore.transaction(commit=False) as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row["name"] for row in cursor.fetchall()}


class Asker:
    """Asks the queries over and over on a thread of its own while in its `with` block,
    comparing each round with the answers of `before`: a failure or a different answer
    is kept as the finding."""

    def __init__(self, queries: Queries, before: tuple[Any, ...]) -> None:
        self.queries, self.before = queries, before
        self.failures: list[BaseException] = []
        self.differing: list[int] = []
        self.asked = 0
        self.answered = threading.Condition()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.ask)

    def ask(self) -> None:
        while not self.stop.is_set():
            try:
                if self.queries.answers() != self.before:
                    self.differing.append(self.asked)
            except BaseException as error:  # noqa: BLE001 - every failure is the finding
                self.failures.append(error)
            with self.answered:
                self.asked += 1
                self.answered.notify_all()

    def one_more_answer(self) -> None:
        """Waits for the asker to finish one more round of queries: the interleaving is
        made certain, not left to the scheduler (a starved asker may not run at all)."""
        with self.answered:
            seen = self.asked
            assert self.answered.wait_for(lambda: self.asked > seen, timeout=60), (
                "no query answered"
            )

    def __enter__(self) -> Asker:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join()


class Paced:
    """The stored messages of `r`, each batch given to the rebuild after one more round
    of the asker's queries: queries are answered while the new version is being filled."""

    def __init__(self, r: Running, asker: Asker) -> None:
        self.r, self.asker = r, asker
        self.paced = 0

    def __call__(self) -> Batches:
        total, batches = stored(self.r.system.stored_messages("reporting"), batch=20)()

        def each() -> Iterator[Sequence[InMessage]]:
            for batch in batches:
                self.asker.one_more_answer()
                self.paced += 1
                yield batch

        return total, each()


def test_queries_answer_the_same_through_a_rebuild(demo: Running) -> None:
    queries = Queries(demo)
    before = queries.answers()
    assert len(before[0]) > 1000  # 35 products, their trails, the KPIs: real answers
    with Asker(queries, before) as asker:
        source = Paced(demo, asker)
        app = demo.system.reporting.app
        done = rebuild(app, source, demo.system.settings, progress=False, grace_seconds=GRACE)
        asker.one_more_answer()  # and after the switch
    assert asker.failures == [] and asker.differing == []
    assert source.paced > 1 and asker.asked > source.paced  # during the rebuild and after
    assert (done.version, done.replaced, done.dead) == (1, 0, 0)
    assert done.replayed == done.applied > 35
    assert app.versions()[0].version == 1 and app.pointer.read() == (1, -1)
    assert queries.answers() == before
    present = tables(demo)
    assert not present & set(DROPPED)  # version 0 dropped
    assert {f"{t}_v1" for t in DROPPED} <= present

    # A republish of every topic changes nothing: each message is a counted duplicate
    assert demo.system.replay_into("reporting") == 0
    assert queries.answers() == before


def test_events_published_during_a_rebuild_reach_the_new_version(demo: Running) -> None:
    system = demo.system
    app = system.reporting.app
    replay = system.stored_messages("reporting")

    def source() -> Batches:
        # While the new version is being filled, the commune registers one more product.
        from tests.unit.reporting.test_audit_rpc import register_one

        register_one(system)
        asyncio.run(system.deliver())
        return stored(replay)()

    done = rebuild(app, source, system.settings, progress=False, grace_seconds=GRACE)
    names = [r["name"] for r in app.list_products()]
    assert len(names) == 37 and "Mật ong rừng Kon Plông" in names
    assert done.replayed == len(replay) and done.applied == len(replay)


def test_a_second_rebuild_waits_for_the_first_or_restarts_it(demo: Running) -> None:
    app = demo.system.reporting.app
    first = Rebuild(app, grace_seconds=0)
    assert first.begin() == 1
    with pytest.raises(Exception) as refused:
        Rebuild(app, grace_seconds=0).begin()
    assert getattr(refused.value, "field", "") == "rebuild"
    again = Rebuild(app, grace_seconds=0)
    assert again.begin(restart=True) == 2  # version 1 forgotten
    assert "catalogue_products_v1" not in tables(demo)
    again.abandon()
    assert app.pointer.read() == (0, -1) and len(app.list_products()) == 36


def test_an_incomplete_source_leaves_the_live_version(demo: Running) -> None:
    """A source that gives nothing (a topic or store not read) is refused at the switch:
    the live version stays and answers as before; the half-built one is forgotten."""
    app = demo.system.reporting.app
    queries = Queries(demo)
    before = queries.answers()
    with pytest.raises(Exception) as refused:
        rebuild(app, stored([]), demo.system.settings, progress=False, grace_seconds=0)
    assert getattr(refused.value, "field", "") == "rebuild"
    assert app.pointer.read() == (0, -1)
    assert "catalogue_products_v1" not in tables(demo)
    assert queries.answers() == before
