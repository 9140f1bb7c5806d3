"""`RegistrationApp.registered_producer` (issue 18, T3): a producer's facts fixed at its
registration are read from the store once, then served from the app's bounded cache; it
stays right because no event changes them, which the first test holds the domain to."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from eventsourcing.domain import Aggregate

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from services.registration.domain.producer import Producer
from tests.unit.registration.helpers import DAK_HA, producer

OFFICER = CommandContext(Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA))
COMMITTEE = CommandContext(Actor(id="ct-ubnd-xa", role="commune_committee", jurisdiction=DAK_HA))

CACHED_FACTS = ("id", "name", "kind", "commune_code", "province_code", "legacy_unit", "account")


def test_no_producer_event_but_its_registration_sets_a_cached_fact() -> None:
    """A new event class of `Producer` must be checked against `CACHED_FACTS` (and this
    list extended) before `registered_producer` may serve it from the cache."""
    events = {
        name
        for name, value in vars(Producer).items()
        if isinstance(value, type) and issubclass(value, Aggregate.Event)
    }
    assert events - {"Event", "Created"} == {"Registered", "PersonalDataErased"}
    shell: Any = Producer.__new__(Producer)
    before = {fact: object() for fact in CACHED_FACTS if fact != "id"}
    vars(shell).update(before)
    Producer.PersonalDataErased.apply(None, shell)  # type: ignore[arg-type]
    assert {fact: getattr(shell, fact) for fact in before} == before


def test_a_producer_is_read_once_and_its_erasure_changes_no_cached_fact(
    app: RegistrationApp,
) -> None:
    producer_id = producer(app, OFFICER)
    first = app.registered_producer(producer_id)
    assert app.registered_producer(producer_id) is first  # no second read
    assert app.get_producer(producer_id) is not first  # the store, every time
    facts = {fact: getattr(first, fact) for fact in CACHED_FACTS}
    app.producers.erase_personal_data(COMMITTEE, producer_id=producer_id, reference="CV 12/2026")
    fresh = app.get_producer(producer_id)
    assert fresh.personal_data_erased
    assert {fact: getattr(fresh, fact) for fact in CACHED_FACTS} == facts


def test_an_unknown_producer_is_not_found_every_time(app: RegistrationApp) -> None:
    missing = uuid.uuid4()
    for _ in range(2):
        with pytest.raises(CommandRejected) as refused:
            app.registered_producer(missing)
        assert (refused.value.kind, refused.value.field) == ("not_found", "producer_id")


def test_the_cache_is_bounded(app: RegistrationApp) -> None:
    ids = [producer(app, OFFICER, name=f"HTX số {n}") for n in range(3)]
    app._registered = type(app._registered)(2)
    first = [app.registered_producer(i) for i in ids]
    assert app.registered_producer(ids[2]) is first[2]
    assert app.registered_producer(ids[0]) is not first[0]  # least recently used, evicted
