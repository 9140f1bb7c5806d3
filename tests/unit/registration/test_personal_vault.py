"""Personal data sealed per producer (see test_personal_data for the erasure): a sealed
value opens for its subject and its KEK only, values stored before sealing open as stored,
and over gRPC a view shows the data, then the placeholder once the committee erased it."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import grpc
import pytest

from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.errors import LANG_METADATA
from runtime.personal_data import (
    PersonalDataError,
    PersonalDataVault,
    kek_from_file,
    new_kek,
)
from runtime.personal_keys import KEYS_TABLE
from runtime.settings import Settings
from services.registration.adapters import grpc_api
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.identity import TestIssuer, served
from tests.unit.registration.helpers import DAK_HA
from tests.unit.registration.personal import ADDRESS, NAME


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
    officer = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA)
    committee = common_pb2.Actor(id="ct-ubnd-xa", role="commune_committee", jurisdiction=DAK_HA)
    with served(issuer, app, grpc_api, "registration", pb_grpc.RegistrationStub) as stub:
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
            stub.ErasePersonalData(pb.ErasePersonalDataRequest(actor=officer, producer_id=producer))
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
