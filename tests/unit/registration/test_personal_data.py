"""Personal data sealed per producer and erased by destroying its key (crypto-shredding):
the raw store holds no plaintext before the erasure, nothing recovers it after, the
events stay and their chain verifies, and every rebuild reads it as erased."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

import pytest

from contracts.envelope import Actor
from runtime.chain import chained, verify
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.personal_data import (
    ERASED,
    PersonalDataError,
)
from runtime.settings import Settings
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.conftest import matrix, settings_for
from tests.unit.registration.helpers import DAK_HA
from tests.unit.registration.personal import (
    ADDRESS,
    COMMITTEE,
    EMAIL,
    ETHNICITY,
    NAME,
    OFFICER,
    PHONE,
    PLAINTEXTS,
    contains_any,
    published,
    raw_rows,
)


@pytest.fixture(params=matrix("sqlite", server="postgres"))
def registered(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Settings, RegistrationApp, UUID]]:
    """A producer with personal data and a dossier with a contact, on SQLite and (under
    `make test`) PostgreSQL: the stores whose raw rows can be read."""
    store_settings = settings_for(request.param, tmp_path)
    clock = FixedClock(datetime(2026, 7, 1, 8, tzinfo=UTC))
    app = build(store_settings, clock=clock).app
    producer = app.producers.register_producer(
        OFFICER,
        name="HTX Dược liệu Kon Rờ Bàng",
        kind="cooperative",
        commune_code=DAK_HA,
        legal_representative=NAME,
        legal_rep_gender="female",
        legal_rep_ethnicity=ETHNICITY,
        address=ADDRESS,
    )
    product = app.products.register_product(
        OFFICER, producer_id=producer, name="Sâm dây Kon Rờ Bàng", product_set=13
    )
    app.dossiers.submit_dossier(
        OFFICER,
        product_id=product,
        kind="first",
        received_on=date(2026, 6, 1),
        contact_phone=PHONE,
        contact_email=EMAIL,
    )
    yield store_settings, app, producer
    app.close()


def test_the_store_holds_ciphertext_only(
    registered: tuple[Settings, RegistrationApp, UUID],
) -> None:
    settings, app, producer = registered
    assert contains_any(raw_rows(settings), PLAINTEXTS) == []
    data = app.personal_data(app.get_producer(producer))
    assert data["legal_representative"]["name"] == NAME
    assert data["address"] == ADDRESS
    assert app.get_producer(producer).qualifies_for_3_2  # a woman: in clear, it is scored
    (listed,) = app.list_dossiers()
    dossier = app.get_dossier(listed.id)
    form = app.personal.open(str(producer), dossier.form_01["personal"])
    assert (form["phone"], form["email"], form["legal_representative"]) == (PHONE, EMAIL, NAME)
    assert contains_any(published(app), PLAINTEXTS) == []


def test_erasure_destroys_the_key_keeps_the_events_and_their_chain(
    registered: tuple[Settings, RegistrationApp, UUID],
) -> None:
    settings, app, producer = registered
    events_before = app.recorder.max_notification_id() or 0
    wrapped = app.personal._keys.get(str(producer))
    assert wrapped is not None and wrapped[1] is not None
    assert wrapped[1] in raw_rows(settings)

    assert app.producers.erase_personal_data(COMMITTEE, producer_id=producer, reference="12/ĐN")

    # One event more, recording who erased and the request's number, no data.
    assert app.recorder.max_notification_id() == events_before + 1
    last = app.recorder.select_notifications(start=events_before + 1, limit=1)[0]
    assert last.topic.endswith("Producer.PersonalDataErased")
    body = json.loads(last.state)
    assert body["meta"]["actor"]["id"] == "ct-ubnd-xa" and body["reference"] == "12/ĐN"
    assert contains_any(last.state, PLAINTEXTS) == []
    # The key is gone from the store (the row stays as the mark, its bytes overwritten).
    assert app.personal._keys.get(str(producer)) == (wrapped[0], None)
    if settings.store == "sqlite":  # secure_delete: not even in freed pages
        assert wrapped[1] not in raw_rows(settings)
    # The events are unchanged: the chain still verifies.
    assert verify(chained(app.recorder)).intact
    # Erasing again is refused; the published events replay without the data.
    with pytest.raises(CommandRejected) as again:
        app.producers.erase_personal_data(COMMITTEE, producer_id=producer)
    assert again.value.kind == "failed_precondition"
    assert contains_any(published(app), PLAINTEXTS) == []


def test_after_erasure_every_rebuild_reads_it_as_erased(
    registered: tuple[Settings, RegistrationApp, UUID],
) -> None:
    settings, app, producer = registered
    sealed = app.get_producer(producer).personal
    app.producers.erase_personal_data(COMMITTEE, producer_id=producer)
    app.close()
    # A new process over the same store and the same KEK: the state is rebuilt from the
    # events, and the sealed value no longer opens for anyone.
    again = build(settings, clock=FixedClock(datetime(2026, 7, 2, tzinfo=UTC))).app
    try:
        rebuilt = again.get_producer(producer)
        assert rebuilt.personal_data_erased and rebuilt.qualifies_for_3_2
        assert again.personal_data(rebuilt) is ERASED
        assert again.personal.open(str(producer), sealed) is ERASED
        with pytest.raises(PersonalDataError):
            again.personal.seal(str(producer), {"address": "x"})
        # A new dossier for the erased producer records no personal contact.
        product = again.products.register_product(
            OFFICER, producer_id=producer, name="Sâm dây túi lọc", product_set=13
        )
        with pytest.raises(CommandRejected) as refused:
            again.dossiers.submit_dossier(
                OFFICER,
                product_id=product,
                kind="first",
                received_on=date(2026, 6, 2),
                contact_phone=PHONE,
            )
        assert refused.value.field == "contact_phone"
        dossier = again.dossiers.submit_dossier(
            OFFICER, product_id=product, kind="first", received_on=date(2026, 6, 2)
        )
        assert again.get_dossier(dossier).form_01["personal"] is None
        assert verify(chained(again.recorder)).intact
    finally:
        again.close()


def test_only_the_producers_own_committee_erases(
    registered: tuple[Settings, RegistrationApp, UUID],
) -> None:
    _, app, producer = registered
    elsewhere = CommandContext(
        Actor(id="ct-ubnd-xa-khac", role="commune_committee", jurisdiction="23503")
    )
    with pytest.raises(CommandRejected) as refused:
        app.producers.erase_personal_data(elsewhere, producer_id=producer)
    assert refused.value.kind == "permission_denied"
    assert app.personal_data(app.get_producer(producer))["address"] == ADDRESS
