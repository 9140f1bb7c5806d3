"""``ocop rules list|show|explain``, run in-process through the argparse entry."""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

import pytest
import yaml

from rules.cli import EXIT_BAD_INPUT, EXIT_OK, add_rules_commands, main

EXAMPLE = str(resources.files("rules").joinpath("examples", "set13-coffee-75-no-etrace.yaml"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_commands_mount_on_any_parser() -> None:
    parser = argparse.ArgumentParser(prog="ocop")
    add_rules_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["rules", "show", "R3", "--set", "13", "--lang", "en"])
    assert (args.rule_set, args.set, args.lang) == ("R3", 13, "en")
    assert callable(args.func)


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "list")
    assert code == EXIT_OK
    assert [line.split()[0] for line in out.splitlines() if line.startswith("R")] == [
        "R0",
        "R1",
        "R2",
        "R3",
    ]
    assert "Chính sách địa phương" in out and "kontum-district-2025" in out
    _, english, _ = run(capsys, "rules", "list", "--lang", "en")
    assert "Local policies" in english


def test_show_rule_set_and_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "show", "R1")
    assert code == EXIT_OK
    assert "148/QĐ-TTg" in out and "UBND cấp huyện" in out and "r1-sheets-from-2026" in out
    code, out, _ = run(capsys, "rules", "show", "R3", "--set", "13", "--lang", "en")
    assert code == EXIT_OK
    assert "Product set 13: Coffee and cocoa" in out
    assert "mã truy xuất nguồn gốc điện tử — 3  [minimum 4★]" in out
    assert "6.1.1 Tạp chất lạ (2)" in out
    assert "unacceptable_foreign_matter" in out


def test_explain_the_coffee_example_in_both_modes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "explain", EXAMPLE)
    assert code == EXIT_OK
    assert "Điểm trung bình: 75,00" in out
    assert "Khung điểm: 4★" in out
    assert "Không đạt 4★" in out and "2.3 Phong cách, ghi nhãn hàng hóa" in out and "5.1" in out
    assert "mã truy xuất nguồn gốc điện tử" in out
    assert "Chế độ hạ sao (cap): 3★" in out
    assert "Chế độ loại (reject): không đạt" in out
    assert "Áp dụng — chế độ hạ sao (cap): 3★" in out
    code, out, _ = run(capsys, "rules", "explain", EXAMPLE, "--mode", "reject", "--lang", "en")
    assert code == EXIT_OK
    assert "Not 4★" in out and "Cap mode: 3★" in out
    assert "Applied — reject mode: not recognised" in out


def test_explain_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "explain", EXAMPLE, "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["rule_set"]["id"] == "R3" and data["rule_set"]["version"] == "1.0.0"
    assert data["score"] == {"total": "75.00", "parts": {"A": "32.00", "B": "17.00", "C": "26.00"}}
    assert data["band"] == {"star": 4, "from": "70", "below": "90"}
    unmet = [(m["star"], m["criterion"]) for m in data["minimums"] if not m["met"]]
    assert (4, "2.3") in unmet and (4, "5.1") in unmet
    assert all(m["met"] for m in data["minimums"] if m["star"] == 3)
    assert data["outcomes"]["cap"]["awarded_star"] == 3
    assert data["outcomes"]["cap"]["certificate_issued"] is True
    assert data["outcomes"]["reject"]["outcome"] == "not_recognised"
    assert data["result"]["awarded_star"] == 3
    assert len(data["knockouts"]) == 6 and not any(k["triggered"] for k in data["knockouts"])


def _write(tmp_path: Path, document: object, name: str = "sheet.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return str(path)


def _example() -> dict[str, object]:
    document: dict[str, object] = yaml.safe_load(Path(EXAMPLE).read_text(encoding="utf-8"))
    return document


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"product_set": 27}, "product_set: R3 không có bộ sản phẩm 27"),
        ({"rule_set": "R9"}, "rule_set: không có bộ quy tắc 'R9'"),
        ({"filing_date": "2019-01-01"}, "filing_date: không có bộ quy tắc nào"),
        ({"filing_date": "2020-01-01"}, "filing_date: hồ sơ nộp ngày 01/01/2020 thuộc R0"),
        ({"product_set": "cà phê"}, "product_set: giá trị không hợp lệ"),
    ],
)
def test_bad_sheet_fields_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    document = {**_example(), **change}
    code, out, err = run(capsys, "rules", "explain", _write(tmp_path, document))
    assert code == EXIT_BAD_INPUT and out == ""
    assert expected in err


def test_unknown_criterion_and_option_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = _example()
    members = document["members"]
    assert isinstance(members, list)
    members[0]["choices"]["9.9"] = 1
    code, _, err = run(capsys, "rules", "explain", _write(tmp_path, document), "--lang", "en")
    assert code == EXIT_BAD_INPUT
    assert "members[TV1].choices.9.9: unknown criterion for product set 13" in err
    del members[0]["choices"]["9.9"]
    members[1]["choices"]["2.3"] = 7
    code, _, err = run(capsys, "rules", "explain", _write(tmp_path, document), "--lang", "en")
    assert code == EXIT_BAD_INPUT
    assert "members[TV2].choices.2.3: unknown option '7'" in err


def test_missing_file_and_json_sheet(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "rules", "explain", str(tmp_path / "nope.yaml"))
    assert code == EXIT_BAD_INPUT and "không tìm thấy tệp" in err
    path = tmp_path / "sheet.json"
    path.write_text(json.dumps(_example(), default=str, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run(capsys, "rules", "explain", str(path), "--lang", "en")
    assert code == EXIT_OK and "Mean score: 75.00" in out


def test_unknown_rule_set_and_set_on_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "rules", "show", "R9")
    assert code == EXIT_BAD_INPUT and "R9" in err
    code, _, err = run(capsys, "rules", "show", "R3", "--set", "0", "--lang", "en")
    assert code == EXIT_BAD_INPUT and "product_set: R3 has no product set 0" in err


EXAMPLES = Path(__file__).resolve().parents[3] / "rules" / "examples"


@pytest.mark.parametrize(
    ("example", "applied"),
    [
        (
            "r1-district-75-missing-4star",
            "chuyển cấp trên đánh giá — chuyển hồ sơ lên UBND cấp tỉnh; cấp trên áp dụng yêu cầu "
            "tối thiểu, chưa cấp giấy chứng nhận",
        ),
        (
            "r3-province-92-missing-5star",
            "UBND cấp tỉnh phê duyệt kết quả, chuyển hồ sơ lên Bộ Nông nghiệp và Môi trường",
        ),
        (
            "r3-central-92-missing-5star",
            "chưa đạt 5★, trả hồ sơ về UBND cấp tỉnh: công nhận 4★ theo kết quả đánh giá hoặc "
            "hoàn thiện hồ sơ và tổ chức đánh giá lại; không cấp giấy chứng nhận cho đến khi "
            "UBND cấp tỉnh quyết định",
        ),
        (
            "r1-province-75-missing-4star",
            "chưa đạt 4★, trả hồ sơ về UBND cấp huyện: công nhận 3★ theo kết quả đánh giá hoặc "
            "hoàn thiện hồ sơ và tổ chức đánh giá lại; không cấp giấy chứng nhận cho đến khi "
            "UBND cấp huyện quyết định",
        ),
        (
            "r1-province-45",
            "chưa đạt 4★, trả hồ sơ về UBND cấp huyện: hoàn thiện hồ sơ và tổ chức đánh giá lại; "
            "không cấp giấy chứng nhận cho đến khi UBND cấp huyện quyết định",
        ),
        (
            "r3-province-60-missing-3star",
            "không đạt — không ban hành quyết định công nhận, không cấp giấy chứng nhận",
        ),
    ],
)
def test_explain_routes_as_the_law_reads(
    capsys: pytest.CaptureFixture[str], example: str, applied: str
) -> None:
    """Issue 12's routes, each from a sheet file under rules/examples."""
    code, out, _ = run(capsys, "rules", "explain", str(EXAMPLES / f"{example}.yaml"))
    assert code == EXIT_OK
    last = out.splitlines()[-1]
    assert last.startswith("  Áp dụng — chế độ hạ sao (cap): ")
    assert applied in last
    code, out, _ = run(capsys, "rules", "explain", str(EXAMPLES / f"{example}.yaml"), "--json")
    result = json.loads(out)["result"]
    assert result["certificate_issued"] is False
    assert (result["awarded_star"] is None) == (example == "r3-province-60-missing-3star")


@pytest.mark.parametrize(
    ("example", "tier", "message"),
    [
        (
            "r1-district-after-30-06-2025",
            None,
            "tier: cấp huyện chấm dứt từ sau ngày 30/06/2025; ngày 02/07/2025 nhiệm vụ thuộc "
            "cấp tỉnh. Căn cứ: chính quyền địa phương hai cấp từ 01/07/2025 (Nghị quyết "
            "202/2025/QH15): không còn cấp huyện; Quyết định 1489/QĐ-TTg bãi bỏ điểm b khoản 1 "
            "Phụ lục II Quyết định 148/QĐ-TTg (cấp huyện đánh giá, công nhận 3 sao), nhiệm vụ "
            "chuyển về cấp tỉnh",
        ),
        (
            "r3-district-council",
            None,
            "tier: R3 không có hội đồng cấp huyện (chỉ có: cấp tỉnh, cấp trung ương)",
        ),
        (
            "r3-district-council",
            "commune",
            "tier: R3 không có hội đồng cấp xã (chỉ có: cấp tỉnh, cấp trung ương)",
        ),
    ],
)
def test_explain_refuses_abolished_and_absent_councils(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    example: str,
    tier: str | None,
    message: str,
) -> None:
    path = EXAMPLES / f"{example}.yaml"
    if tier is not None:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        path = Path(_write(tmp_path, {**document, "tier": tier}))
    code, out, err = run(capsys, "rules", "explain", str(path))
    assert code == EXIT_BAD_INPUT and out == ""
    assert err.strip() == message


def test_explain_minimums_gate_forwarding_switch(capsys: pytest.CaptureFixture[str]) -> None:
    sheet = str(EXAMPLES / "r1-district-75-missing-4star.yaml")
    code, out, _ = run(capsys, "rules", "explain", sheet, "--minimums-gate-forwarding")
    assert code == EXIT_OK
    assert out.splitlines()[-1].endswith(
        "3★ — UBND cấp huyện ra quyết định công nhận và cấp giấy chứng nhận"
    )
