"""The CLI speaks one way everywhere: refusals as {code, field, message} with --json and
the same exit code, help texts in English with --lang en, dates as dd/mm/yyyy or ISO."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.commands import evaluation, promotion, registration, reporting
from cli.main import main

GROUPS = (registration.GROUP, evaluation.GROUP, reporting.GROUP, promotion.GROUP)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_a_missing_argument_with_json_is_a_json_refusal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "--json", "registration", "receive", "--dossier", "d")
    assert code == 2
    assert json.loads(err) == {
        "code": "invalid_argument",
        "field": "--on",
        "message": "the following arguments are required: --on",
    }


def test_a_bad_value_with_json_names_its_argument(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ("registration", "register-idea", "--producer", "p", "--name", "n", "--on", "x")
    code, _, err = run(capsys, "--json", *argv, "--set", "chè")
    assert code == 2
    refusal = json.loads(err)
    assert (refusal["code"], refusal["field"]) == ("invalid_argument", "--set")
    assert "chè" in refusal["message"]


def test_without_json_argparse_speaks_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "registration", "receive", "--dossier", "d")
    assert code == 2
    assert err.startswith("usage: ocop registration receive")
    assert "the following arguments are required: --on" in err


def test_a_refusal_of_the_cli_itself_is_json_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    listing = tmp_path / "self.json"
    listing.write_text('["1.1", "3"]', encoding="utf-8")
    argv = ("registration", "self-assess", "--dossier", "d", "--file", str(listing))

    code, out, err = run(capsys, "--json", *argv)
    assert (code, out) == (2, "")
    assert json.loads(err) == {
        "code": "invalid_argument",
        "field": "file",
        "message": "expected a JSON object {criterion: option}",
    }
    code, _, err = run(capsys, *argv)
    assert (code, err) == (2, "file: expected a JSON object {criterion: option}\n")


def test_every_command_and_argument_has_english_help() -> None:
    for group in GROUPS:
        assert group.help[1] != group.help[0], group.name
        for command in group.commands:
            assert command.help[1] and command.help[1] != command.help[0], command.name
            for arg in command.args:
                assert arg.help and arg.en, f"{command.name} {arg.flag}"


@pytest.mark.parametrize(
    ("argv", "english", "vietnamese"),
    [
        ((), "Output as JSON", "Kết quả dạng JSON"),
        (("registration",), "Register an OCOP producer", "Đăng ký chủ thể OCOP"),
        (("evaluation", "open-round"), "Opened on (dd/mm/yyyy or yyyy-mm-dd)", "Ngày mở"),
        (("reporting", "products"), "Filter by status", "Lọc theo trạng thái"),
        (("run",), "Do not load the Kon Tum demo data", "Không nạp dữ liệu mẫu"),
    ],
)
def test_help_follows_the_language(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], english: str, vietnamese: str
) -> None:
    code, en, _ = run(capsys, "--lang", "en", *argv, "--help")
    assert code == 0
    assert english in en
    assert vietnamese not in en
    code, vi, _ = run(capsys, *argv, "--help")
    assert code == 0
    assert vietnamese in vi
    assert english not in vi


def test_every_date_argument_reads_dd_mm_yyyy() -> None:
    dated = [
        (command.name, arg.flag)
        for group in GROUPS
        for command in group.commands
        for arg in command.args
        if arg.flag.endswith("-on") or arg.flag == "--on"
    ]
    assert len(dated) >= 15
    for group in GROUPS:
        for command in group.commands:
            for arg in command.args:
                if (command.name, arg.flag) in dated:
                    assert arg.type is not None and arg.type("25/04/2025") == "2025-04-25", (
                        command.name,
                        arg.flag,
                    )
