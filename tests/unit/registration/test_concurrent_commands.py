"""Commands in parallel over gRPC (issue 18, T3): the server serves calls from a pool of
threads, so two commands may load the same aggregate at once. Optimistic concurrency keeps
it whole: one wins; the other finds its versions taken, runs again on the aggregate as the
winner left it (and is refused like any late command) or, after `CONFLICT_ATTEMPTS`, is
ABORTED; never an UNKNOWN error, never two results.

The collision is made certain, not hoped for: the first two saves of a race wait for each
other, so both commands have loaded the idea before either stores (left to the scheduler,
a fast store let each command finish before the next loaded, and no two ever collided)."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any
from uuid import UUID

import grpc
import pytest

from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.commands import CommandContext
from services.registration.adapters import grpc_api
from services.registration.application import RegistrationApp
from tests.identity import TestIssuer, served
from tests.unit.registration.helpers import producer

CALLERS = 8
OFFICER = {"id": "can-bo-xa", "role": "commune_officer", "jurisdiction": "23500"}


def approved_idea(app: RegistrationApp, actor: CommandContext) -> UUID:
    """An idea whose business plan is approved: the next step makes it a product, once."""
    idea = app.ideas.register_idea(
        actor,
        producer_id=producer(app, actor),
        name="Cà phê",
        product_set=13,
        submitted_on=date(2026, 3, 2),
    )
    app.ideas.accept_idea(actor, idea_id=idea, decided_on=date(2026, 3, 16))
    app.ideas.submit_business_plan(actor, idea_id=idea, summary="PA", submitted_on=date(2026, 4, 1))
    app.ideas.approve_business_plan(actor, idea_id=idea, decided_on=date(2026, 4, 15))
    return idea


def first_two_saves_meet(app: RegistrationApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, the first two calls of `app.save` wait for each other before storing."""
    meet = threading.Barrier(2, timeout=30)
    waiting = iter(range(2))
    guard = threading.Lock()
    save = app.save

    def meeting_save(*objects: Any, **kwargs: Any) -> Any:
        with guard:
            first_two = next(waiting, None) is not None
        if first_two:
            meet.wait()
        return save(*objects, **kwargs)

    monkeypatch.setattr(app, "save", meeting_save)


def race(stub: pb_grpc.RegistrationStub, idea: UUID) -> list[grpc.StatusCode]:
    """`CALLERS` clients making a product of the same idea at the same moment."""
    start = threading.Barrier(CALLERS)
    request = pb.RegisterProductRequest(actor=common_pb2.Actor(**OFFICER), idea_id=str(idea))

    def call(_: int) -> grpc.StatusCode:
        start.wait()
        try:
            stub.RegisterProduct(request, timeout=60)
        except grpc.RpcError as error:
            return error.code()
        return grpc.StatusCode.OK

    with ThreadPoolExecutor(CALLERS) as clients:
        return list(clients.map(call, range(CALLERS)))


def test_concurrent_commands_on_one_aggregate_one_wins_the_others_are_refused_or_aborted(
    app: RegistrationApp,
    actor: CommandContext,
    issuer: TestIssuer,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.INFO, logger="runtime.rpc")
    with served(issuer, app, grpc_api, "registration", pb_grpc.RegistrationStub) as stub:
        idea = approved_idea(app, actor)
        first_two_saves_meet(app, monkeypatch)
        codes = race(stub, idea)
    assert codes.count(grpc.StatusCode.OK) == 1, codes  # one product per idea, never two
    assert set(codes) <= {
        grpc.StatusCode.OK,
        grpc.StatusCode.FAILED_PRECONDITION,  # ran again: the idea is a product now
        grpc.StatusCode.ABORTED,  # changed under it every time
    }, Counter(codes)
    assert app.get_idea(idea).status == "product_registered"
    assert "concurrent change" in caplog.text, f"the two commands did not collide: {codes}"
