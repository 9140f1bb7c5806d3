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


def test_queries_answer_the_same_through_a_rebuild(demo: Running) -> None:
    queries = Queries(demo)
    before = queries.answers()
    assert len(before[0]) > 1000  # 35 products, their trails, the KPIs: real answers
    failures: list[BaseException] = []
    differing: list[int] = []
    asked = 0
    answered = threading.Condition()
    stop = threading.Event()

    def ask() -> None:
        nonlocal asked
        while not stop.is_set():
            try:
                if queries.answers() != before:
                    differing.append(asked)
            except BaseException as error:  # noqa: BLE001 - every failure is the finding
                failures.append(error)
            with answered:
                asked += 1
                answered.notify_all()

    def one_more_answer() -> None:
        """Waits for the asker to finish one more round of queries: the interleaving is
        made certain, not left to the scheduler (a starved asker may not run at all)."""
        with answered:
            seen = asked
            assert answered.wait_for(lambda: asked > seen, timeout=60), "no query answered"

    paced = 0

    def source() -> Batches:
        """The stored messages, each batch given to the rebuild after one more round of
        queries: queries are answered while the new version is being filled."""
        nonlocal paced
        total, batches = stored(demo.system.stored_messages("reporting"), batch=20)()

        def each() -> Iterator[Sequence[InMessage]]:
            nonlocal paced
            for batch in batches:
                one_more_answer()
                paced += 1
                yield batch

        return total, each()

    asker = threading.Thread(target=ask)
    asker.start()
    try:
        app = demo.system.reporting.app
        done = rebuild(app, source, demo.system.settings, progress=False, grace_seconds=GRACE)
        one_more_answer()  # and after the switch
    finally:
        stop.set()
        asker.join()
    assert failures == [] and differing == []
    assert paced > 1 and asked > paced  # during the rebuild and after the switch
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
