"""A 10,000-row register imported through the real gRPC servers on SQLite stores (the
embedded mode's), checked then imported in batches; the time is printed for the note
(docs/operators/import.md), not asserted: the machine is shared."""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

import pytest

from cli.client import Client
from cli.commands.imports import import_portfolio
from cli.portfolio_file import TEMPLATE
from runtime.settings import Settings
from system.embedded import EmbeddedSystem
from tests.identity import TestIssuer
from tests.unit.inputs.servers import STUBS

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(1800)]
ROWS = 10_000
PER_PRODUCER = 5
# Pre-July-2025 communes of Kon Tum (legacy units table) the rows are spread over.
COMMUNES = ("23500", "23401", "23446", "23473", "23527", "23299", "23335", "23317")


def register(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(TEMPLATE)
        for n in range(ROWS):
            producer = n // PER_PRODUCER
            r0 = n % 2 == 0
            writer.writerow(
                [
                    n + 1,
                    f"Hợp tác xã thử nghiệm số {producer}",
                    "Hợp tác xã",
                    f"98{producer:08d}",
                    "Người đại diện",
                    "",
                    "",
                    COMMUNES[producer % len(COMMUNES)],
                    f"Sản phẩm thử nghiệm {n}",
                    13,
                    "",
                    3 + n % 2,
                    "",
                    "1456/QĐ-UBND" if r0 else "512/QĐ-UBND",
                    "24/12/2020" if r0 else "28/06/2024",
                    "UBND tỉnh Kon Tum",
                    "",
                    "",
                    "thử tải",
                ]
            )


def test_ten_thousand_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "10000.csv"
    register(path)
    ports = {f"{name}_port": 0 for name in (*STUBS, "identity")}
    settings = Settings(store="sqlite", data_dir=tmp_path / "data", **ports)  # type: ignore[arg-type]
    system = EmbeddedSystem(settings)
    try:
        bound = system.start_rpc()
        assert system.issuer is not None
        token = TestIssuer(system.issuer).token("nhap-10000", "province_officer", "51")
        addresses = {name: f"127.0.0.1:{bound[name]}" for name in STUBS}
        client = Client(addresses, lang="vi", wait_seconds=5, token=token)
        args = argparse.Namespace(
            file=str(path),
            mapping=None,
            dry_run=False,
            valid_rows_only=False,
            json=True,
            quiet=False,
            lang="vi",
        )
        capsys.readouterr()
        started = time.monotonic()
        code = import_portfolio(args, client)
        took = time.monotonic() - started
        report = json.loads(capsys.readouterr().out)
        assert code == 0, report
        assert report["products_created"] == ROWS
        assert report["certificates_recorded"] == ROWS
        with capsys.disabled():
            print(f"\n10,000-row import (check + import, SQLite, gRPC): {took:.1f} s")
        started = time.monotonic()
        assert import_portfolio(args, client) == 0
        again = json.loads(capsys.readouterr().out)
        assert (again["products_created"], again["certificates_recorded"]) == (0, 0)
        with capsys.disabled():
            print(f"the same file again (changes nothing): {time.monotonic() - started:.1f} s")
        client.close()
    finally:
        system.close()
