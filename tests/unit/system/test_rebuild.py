"""The embedded catalogue can be rebuilt (issue 13 item 8): delete `reporting.sqlite`,
start again, and reporting is replayed from the sources' own stores."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from cli.main import main
from runtime.settings import Settings
from system.demo import load_demo
from system.embedded import EmbeddedSystem
from tests.e2e.harness import free_port


def rows(settings: Settings) -> tuple[dict[str, int], list[dict[str, object]]]:
    system = EmbeddedSystem(settings)
    try:
        return system.replayed, system.reporting.app.list_products()
    finally:
        system.close()


def test_a_deleted_catalogue_is_replayed_from_the_sources(sqlite_settings: Settings) -> None:
    system = EmbeddedSystem(sqlite_settings)
    try:
        assert set(system.replayed.values()) == {0}  # a fresh folder: nothing to replay
        loaded = load_demo(system)
        asyncio.run(system.deliver())
        before = sorted(system.reporting.app.list_products(), key=lambda r: str(r["product_id"]))
    finally:
        system.close()
    assert loaded == len(before) == 36  # the register (35) and the walkthrough product

    catalogue: Path = sqlite_settings.data_dir / "reporting.sqlite"
    catalogue.unlink()
    replayed, after = rows(sqlite_settings)
    assert replayed["reporting"] > 0
    assert sorted(after, key=lambda r: str(r["product_id"])) == before
    # Started again with the catalogue in place: nothing is replayed, nothing doubles
    replayed, again = rows(sqlite_settings)
    assert replayed == {} and len(again) == 36


def test_ocop_reporting_rebuild(
    sqlite_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OCOP_REPORTING_PORT", str(free_port()))  # nothing serves there
    folder = str(sqlite_settings.data_dir)
    assert main(["--json", "reporting", "rebuild", "--data-dir", folder]) == 2
    assert json.loads(capsys.readouterr().err)["field"] == "data_dir"  # no data yet
    system = EmbeddedSystem(sqlite_settings)
    try:
        load_demo(system)
        asyncio.run(system.deliver())
    finally:
        system.close()
    assert main(["--json", "reporting", "rebuild", "--data-dir", folder]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["products"] == 36 and done["replayed"] > 36
