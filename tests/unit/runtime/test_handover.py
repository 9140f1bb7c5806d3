"""`runtime.handover`: what a call's scope check loaded reaches its handler once, and only
within that call; a handler that runs again (after a concurrent change) reads the store."""

from __future__ import annotations

from uuid import uuid4

from runtime import handover


def test_the_check_s_loads_reach_the_handler_once() -> None:
    producer, aggregate = uuid4(), object()
    with handover.handing_over():
        assert handover.taken(producer) is None  # the check reads the store
        handover.kept(producer, aggregate)
        assert handover.taken(producer) is None  # still checking: nothing handed yet
        handover.checked()
        assert handover.taken(producer) is aggregate  # the handler's first load
        assert handover.taken(producer) is None  # a second load, or a retry, reads the store


def test_nothing_is_kept_after_the_check_nor_outside_a_call() -> None:
    idea = uuid4()
    with handover.handing_over():
        handover.checked()
        handover.kept(idea, object())  # the handler's own load
        assert handover.taken(idea) is None
    handover.kept(idea, object())
    assert handover.taken(idea) is None


def test_calls_do_not_share_what_they_kept() -> None:
    producer = uuid4()
    with handover.handing_over():
        handover.kept(producer, object())
    with handover.handing_over():
        handover.checked()
        assert handover.taken(producer) is None
