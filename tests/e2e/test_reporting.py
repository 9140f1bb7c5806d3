"""The same commands give the same report in both modes: the promotion story (a product
recognised 3★ by its district in 2024, displayed and listed on a supermarket channel in
2025, its certificate revoked on 20/08/2025) is driven through the CLI as separate
processes on PostgreSQL and Kafka, then in the embedded mode (`ocop run`); the annual
report of 2025 for the province is written by `ocop reporting report` in each, and the
two workbooks' cell values are compared (the product ids, generated anew in each run,
left out)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from runtime.settings import Settings
from tests.conftest import SERVICES  # every service gets a port: `ocop run` serves all
from tests.e2e.environments import distributed_env, embedded_env, free_port, processes_of
from tests.e2e.harness import Processes, wait_serving
from tests.e2e.test_inspection import until
from tests.e2e.test_promotion import promotion_story

pytestmark = pytest.mark.e2e

PROVINCE = ("--user", "so-nnmt")  # the province's agriculture office (51)
PROCESSES = processes_of("registration", "evaluation", "promotion", "reporting")
REPORT = ("--period", "2025", "--jurisdiction=51", "--issuer", "UBND tỉnh Quảng Ngãi",
          "--number", "12/BC-UBND", "--signer", "Trần Văn B")  # fmt: skip


def _caught_up(proc: Processes) -> dict[str, Any] | None:
    """The 2025 KPIs once reporting has the revocation and the channel (None before)."""
    reply = proc.cli(*PROVINCE, "reporting", "kpi", "--period", "2025", "--jurisdiction=51")
    lines = {k["code"]: k for k in reply["kpis"]}
    done = lines["revoked"]["value"] == "1" and lines["showrooms"]["value"] == "1"
    return lines if done else None


def report_cells(proc: Processes, out: Path) -> dict[str, list[tuple[Any, ...]]]:
    lines = until(lambda: _caught_up(proc), timeout=90)
    assert lines, "reporting never caught up with the story"
    assert (lines["new_3_star"]["value"], lines["certified_products"]["value"]) == ("0", "0")
    assert lines["inspections_done"]["has_data"] is False  # inspection never ran here
    written = proc.cli(*PROVINCE, "reporting", "report", *REPORT, "--out", str(out))
    assert written["due"] == "2026-01-15"
    book = load_workbook(written["xlsx"])
    cells: dict[str, list[tuple[Any, ...]]] = {}
    for sheet in book.worksheets:
        rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
        header = next((r for r in rows if "Mã sản phẩm" in r), None)
        if header is not None:
            column = header.index("Mã sản phẩm")
            rows = [r[:column] + r[column + 1 :] for r in rows]
        cells[sheet.title] = rows
    revoked = [r for r in cells["Thu hồi"] if r[0] == 1]
    assert [r[1:4] for r in revoked] == [("Cà phê rang xay Đăk Hà", 3, "402/QĐ-UBND")]
    return cells


@pytest.mark.kafka
@pytest.mark.postgres
def test_both_modes_write_the_same_report(
    postgres_settings: Settings, topic_prefix: str, tmp_path: Path
) -> None:
    ports = {s: free_port() for s in SERVICES}
    env = distributed_env(postgres_settings, topic_prefix, tmp_path / "data", ports)
    (tmp_path / "distributed").mkdir()
    (tmp_path / "embedded").mkdir()
    proc = Processes(tmp_path / "distributed", env)
    for name, module in PROCESSES:
        proc.start(name, "-m", module)
    try:
        for service in ("registration", "evaluation", "promotion", "reporting"):
            wait_serving(f"127.0.0.1:{ports[service]}", processes=proc)
        promotion_story(proc)
        distributed = report_cells(proc, tmp_path / "distributed-report")
        proc.assert_alive()
    finally:
        codes = proc.stop()
    assert codes == {name: 0 for name, _ in PROCESSES}, {
        name: proc.log_of(name)[-2000:] for name, code in codes.items() if code
    }

    ports = {s: free_port() for s in SERVICES}
    proc = Processes(tmp_path / "embedded", embedded_env(ports))
    proc.seed_demo_accounts(tmp_path / "d")
    proc.start("embedded", "-m", "cli.main", "run", "--no-demo", "--data-dir", str(tmp_path / "d"))
    try:
        for port in ports.values():
            wait_serving(f"127.0.0.1:{port}", processes=proc)
        promotion_story(proc)
        embedded = report_cells(proc, tmp_path / "embedded-report")
        proc.assert_alive()
    finally:
        codes = proc.stop()
    assert codes == {"embedded": 0}, proc.log_of("embedded")[-2000:]
    assert embedded == distributed
