"""The embedded mode's sandbox clock (issue 13 item 10): it starts at a given date, moves
only on command (`ocop admin clock set|advance`), is refused in a production deployment,
and every command says it is on."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from cli.main import main
from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.sandbox import SandboxRefused, advance_sandbox
from runtime.settings import Settings
from system.embedded import EmbeddedSystem
from tests.unit.registration.helpers import product

ACTOR = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))


def test_the_services_live_on_the_sandbox_date(tmp_path: Path) -> None:
    settings = Settings(store="sqlite", data_dir=tmp_path, sandbox_clock=date(2025, 4, 1))
    system = EmbeddedSystem(settings)
    try:
        registration = system.registration.app
        assert registration.clock.today() == date(2025, 4, 1)
        assert system.evaluation.app.clock.today() == date(2025, 4, 1)
        product_id = product(registration, ACTOR)
        with pytest.raises(CommandRejected) as refused:  # tomorrow, in the sandbox
            registration.dossiers.submit_dossier(
                ACTOR, product_id=product_id, kind="first", received_on=date(2025, 4, 2)
            )
        assert refused.value.field == "received_on"
        advance_sandbox(tmp_path, timedelta(days=5), production=False)  # e.g. from the CLI
        assert registration.clock.today() == date(2025, 4, 6)
        registration.dossiers.submit_dossier(
            ACTOR, product_id=product_id, kind="first", received_on=date(2025, 4, 2)
        )
    finally:
        system.close()
    # started again with the setting: the clock keeps where it was moved to
    again = EmbeddedSystem(settings)
    try:
        assert again.registration.app.clock.today() == date(2025, 4, 6)
    finally:
        again.close()


def test_production_refuses_the_sandbox(tmp_path: Path) -> None:
    with pytest.raises(SandboxRefused):
        EmbeddedSystem(
            Settings(
                store="sqlite", data_dir=tmp_path, production=True, sandbox_clock=date(2025, 4, 1)
            )
        )


def test_ocop_admin_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_DATA_DIR", str(tmp_path))
    assert main(["--json", "admin", "clock", "set", "01/05/2025"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out) == {"sandbox_clock": "on", "today": "2025-05-01"}
    assert main(["--json", "--lang", "en", "admin", "clock", "advance", "--days", "30"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["today"] == "2025-05-31"
    assert "SANDBOX CLOCK: today is 01/05/2025" in err  # every command while it is on
    assert main(["rules", "list"]) == 0
    assert "ĐỒNG HỒ THỬ NGHIỆM: hôm nay là 31/05/2025" in capsys.readouterr().err
    monkeypatch.setenv("OCOP_PRODUCTION", "true")
    assert main(["--json", "admin", "clock", "advance", "--days", "1"]) == 2
    out, err = capsys.readouterr()
    assert json.loads(err)["code"] == "failed_precondition" and "THỬ NGHIỆM" not in err
    monkeypatch.delenv("OCOP_PRODUCTION")
    assert main(["admin", "clock", "off"]) == 0
    capsys.readouterr()
    assert main(["rules", "list"]) == 0
    assert "THỬ NGHIỆM" not in capsys.readouterr().err
