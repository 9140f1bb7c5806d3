"""Personal data sealed per producer and erased by destroying its key (crypto-shredding):
the raw store holds no plaintext before the erasure, nothing recovers it after, the
events stay and their chain verifies, and every rebuild reads it as erased."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import grpc
import psycopg
import pytest

from contracts.envelope import Actor
from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.chain import chained, verify
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.errors import LANG_METADATA, CommandRejected
from runtime.personal_data import (
    ERASED,
    PersonalDataError,
    PersonalDataVault,
    kek_from_file,
    new_kek,
)
from runtime.personal_keys import KEYS_TABLE
from runtime.rpc import build_server
from runtime.settings import Settings
from services.registration.adapters import grpc_api, outbound
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.conftest import matrix, settings_for
from tests.identity import TestIssuer, interceptor, signed_channel
from tests.unit.registration.helpers import DAK_HA

NAME = "Hơ Thị Blút"
ETHNICITY = "Xơ Đăng"
ADDRESS = "Thôn Kon Rờ Bàng 2, Đăk Hà"
PHONE = "0905123456"
EMAIL = "blut.htx@example.vn"
PLAINTEXTS = (NAME, ADDRESS, PHONE, EMAIL, ETHNICITY)

OFFICER = CommandContext(Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA))
COMMITTEE = CommandContext(Actor(id="ct-ubnd-xa", role="commune_committee", jurisdiction=DAK_HA))


def forms(text: str) -> list[bytes]:
    """How `text` can appear in a stored row: UTF-8, or JSON with non-ASCII escaped."""
    return [text.encode("utf-8"), json.dumps(text)[1:-1].encode("ascii")]


def row_bytes(rows: Iterator[Any]) -> bytes:
    """Rows as bytes: their repr and every binary value as it is."""
    return b"".join(
        repr(row).encode() + b"".join(bytes(v) for v in row if isinstance(v, bytes | memoryview))
        for row in rows
    )


def raw_rows(settings: Settings) -> bytes:
    """Every byte of every row of every table of registration's store, and for SQLite
    the files themselves (pages, WAL): what a backup or a stolen disk holds."""
    if settings.store == "sqlite":
        found = b"".join(p.read_bytes() for p in settings.data_dir.glob("registration.sqlite*"))
        with sqlite3.connect(settings.data_dir / "registration.sqlite") as db:
            listed = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            for (table,) in listed:
                found += row_bytes(db.execute(f'SELECT * FROM "{table}"'))
        return found
    found = b""
    with psycopg.connect(
        host=settings.pg_host,
        port=settings.pg_port,
        user=settings.pg_user,
        password=settings.pg_password,
        dbname=f"{settings.pg_db_prefix}registration",
    ) as pg:
        tables = pg.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        for (table,) in tables.fetchall():
            found += row_bytes(iter(pg.execute(f'SELECT * FROM "{table}"').fetchall()))
    return found


def contains_any(blob: bytes, texts: tuple[str, ...]) -> list[str]:
    return [t for t in texts if any(form in blob for form in forms(t))]


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


def published(app: RegistrationApp) -> bytes:
    """Every event the relay publishes, replayed from the notification log."""
    out = b""
    for notification in app.recorder.select_notifications(start=1, limit=10_000):
        event = app.mapper.to_domain_event(notification)
        for _, integration in outbound.translate(event):
            out += integration.model_dump_json().encode()
    return out


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


def test_a_sealed_value_opens_for_its_subject_only_and_with_its_kek_only(
    tmp_path: Path,
) -> None:
    settings = Settings(store="sqlite", data_dir=tmp_path)
    app = build(settings).app
    try:
        vault = app.personal
        sealed = vault.seal("a", {"name": NAME})
        vault.seal("b", {"name": "other"})
        assert vault.open("a", sealed) == {"name": NAME}
        with pytest.raises(PersonalDataError):
            vault.open("b", sealed)  # moved onto another subject: the tag fails
        stranger = PersonalDataVault(app.recorder, new_kek())
        with pytest.raises(PersonalDataError):
            stranger.open("a", sealed)
        # KEK rotation: every live key re-wrapped; the new KEK opens, the old no longer.
        new = new_kek()
        assert vault.rewrap(new) == 2
        assert PersonalDataVault(app.recorder, new).open("a", sealed) == {"name": NAME}
        with pytest.raises(PersonalDataError):
            vault.open("a", sealed)
    finally:
        app.close()
    key_file = tmp_path / "personal-data.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert kek_from_file(key_file, create=False) == kek_from_file(key_file, create=True)


def test_values_stored_before_sealing_open_as_stored() -> None:
    vault = PersonalDataVault(object(), new_kek())
    stored: dict[str, Any] = {"plain": {"address": ADDRESS}}
    assert vault.open("x", stored) == {"address": ADDRESS}
    assert KEYS_TABLE == "ocop_personal_keys"


def test_over_grpc_the_view_shows_the_data_then_the_placeholder(
    app: RegistrationApp, issuer: TestIssuer, caplog: pytest.LogCaptureFixture
) -> None:
    server, port = build_server(
        "127.0.0.1:0",
        [grpc_api.register(app)],
        [grpc_api.SERVICE_NAME],
        auth=interceptor(issuer, "registration"),
    )
    server.start()
    officer = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA)
    committee = common_pb2.Actor(id="ct-ubnd-xa", role="commune_committee", jurisdiction=DAK_HA)
    try:
        with signed_channel(issuer, f"127.0.0.1:{port}", ("kiem-toan", "auditor", "51")) as ch:
            stub = pb_grpc.RegistrationStub(ch)  # type: ignore[no-untyped-call]
            producer = stub.RegisterProducer(
                pb.RegisterProducerRequest(
                    actor=officer,
                    name="HTX Dược liệu",
                    kind="cooperative",
                    commune_code=DAK_HA,
                    legal_representative=NAME,
                    legal_rep_gender="female",
                    address=ADDRESS,
                )
            ).producer_id
            caplog.set_level(logging.INFO, logger="ocop.access")
            view = stub.GetProducer(pb.GetProducerRequest(producer_id=producer))
            assert (view.legal_representative, view.address) == (NAME, ADDRESS)
            assert view.legal_rep_gender == "female" and not view.personal_data_erased
            reads = [r.getMessage() for r in caplog.records if "personal_data_read" in r.message]
            assert reads and all(NAME not in line and ADDRESS not in line for line in reads)
            # A commune officer may not erase (policy); the commune's committee does.
            with pytest.raises(grpc.RpcError) as refused:
                stub.ErasePersonalData(
                    pb.ErasePersonalDataRequest(actor=officer, producer_id=producer)
                )
            assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
            erased = stub.ErasePersonalData(
                pb.ErasePersonalDataRequest(actor=committee, producer_id=producer, reference="7")
            )
            assert erased.personal_data_erased and erased.legal_representative == "[đã xoá]"
            english = stub.GetProducer(
                pb.GetProducerRequest(producer_id=producer), metadata=((LANG_METADATA, "en"),)
            )
            assert (english.legal_representative, english.address) == ("[erased]", "[erased]")
            assert english.legal_rep_qualifies_3_2  # the scored fact stays
    finally:
        server.stop(grace=0)
