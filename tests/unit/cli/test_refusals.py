"""Input the CLI refuses itself, before calling a service, exits 2 with a refusal that
names the request field (never null) and says why in the language asked: Vietnamese by
default, English under `--lang en`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main

CASES = [
    (
        ["inspection", "schedule", "--plan", "p", "--product", "x", "--on", "05/11/2025",
         "--member", "Nguyễn Văn An"],
        "team",
        "--member Nguyễn Văn An: expected ROLE:Name",
    ),
    (
        ["inspection", "visit", "--inspection", "i", "--on", "05/11/2025", "--outcome",
         "passed", "--record", "BB-01/2025", "--evidence", "khong-co.jpg"],
        "evidence",
        "--evidence khong-co.jpg: no such file",
    ),
    (
        ["promotion", "plan", "--year", "2025", "--title", "KH", "--budget", "HT-1:1000"],
        "budget_lines",
        "--budget HT-1:1000: missing parts",
    ),
    (
        ["promotion", "plan", "--year", "2025", "--title", "KH", "--budget",
         "HT-1:mười triệu:province_budget:Hỗ trợ"],
        "budget_lines",
        "--budget mười triệu: amounts are whole đồng",
    ),
    (
        ["promotion", "add-activity", "--year", "2025", "--item", "HC:fair"],
        "activity",
        "--item HC:fair: missing parts",
    ),
    (
        ["promotion", "support", "--producer", "p", "--kind", "design", "--amount", "5tr",
         "--source", "province_budget", "--on", "01/06/2025"],
        "amount_vnd",
        "--amount 5tr: amounts are whole đồng",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("line", "field", "en"), CASES)
def test_a_refusal_before_calling_names_its_field_in_either_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    line: list[str],
    field: str,
    en: str,
) -> None:
    monkeypatch.setenv("OCOP_CONFIG_DIR", str(tmp_path))  # no sign-in
    monkeypatch.chdir(tmp_path)  # the evidence file is looked for here
    said = {}
    for lang in ("en", "vi"):
        assert main(["--json", "--lang", lang, *line]) == 2
        refusal = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
        assert (refusal["code"], refusal["field"]) == ("invalid_argument", field)
        said[lang] = refusal["message"]
    assert said["en"] == en
    assert said["vi"] != en  # Vietnamese by default
