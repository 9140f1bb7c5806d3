"""The scoring engine and explanations beyond the §14 rules."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from rules import (
    MemberSheet,
    Outcome,
    RuleSet,
    SheetError,
    ShortfallMode,
    Tier,
    council_result,
    explain,
    load_rule_set,
    parse_council_sheet,
    score_member,
    select_rule_set,
)

from .helpers import sheet_at


def test_member_sheet_subtotals(r3: RuleSet) -> None:
    scored = score_member(r3, 13, sheet_at(r3, 13, 81))
    assert scored.total == 81 == sum(scored.parts.values())
    assert scored.parts["A"] <= 40 and scored.parts["B"] <= 25 and scored.parts["C"] <= 35
    assert scored.points("6.1") == sum(
        (ln.points for ln in scored.lines if ln.criterion.startswith("6.1.")), Decimal(0)
    )


def test_a_member_cannot_sit_twice(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 13, 80)
    with pytest.raises(SheetError, match="members"):
        council_result(r3, 13, [sheet, sheet])
    with pytest.raises(SheetError, match="members"):
        council_result(r3, 13, [])


def test_minimums_across_members_all_members_rule(r3: RuleSet) -> None:
    with_code = sheet_at(r3, 1, 80, floor_star=4, member="TV1")
    without = sheet_at(r3, 1, 80, floor_star=4, overrides={"2.3": "2"}, member="TV2")
    result = council_result(r3, 1, [with_code, without])
    check = next(c for c in result.minimums if c.star == 4 and c.criterion == "2.3")
    assert check.member_points == (Decimal(3), Decimal(2)) and not check.met
    assert result.awarded_star == 3
    mean_rules = r3.model_copy(
        update={"scoring": r3.scoring.model_copy(update={"minimum_aggregation": "mean"})}
    )
    assert council_result(mean_rules, 1, [with_code, without]).awarded_star == 3  # 2.5 < 3


def test_reject_mode_from_deployment_default(r3: RuleSet) -> None:
    strict = r3.model_copy(
        update={
            "scoring": r3.scoring.model_copy(
                update={"minimum_shortfall_default": ShortfallMode.REJECT}
            )
        }
    )
    sheet = sheet_at(r3, 1, 75, floor_star=4, overrides={"2.3": "2"})
    assert council_result(strict, 1, [sheet]).outcome == Outcome.NOT_RECOGNISED
    assert council_result(strict, 1, [sheet], mode=ShortfallMode.CAP).awarded_star == 3


def test_sheet_document_parsing_normalises_and_accepts_flag_maps() -> None:
    sheet = parse_council_sheet(
        {
            "product_set": 13,
            "filing_date": date(2026, 6, 1),
            "knockouts": {"falsified_dossier": False, "registration_dossier": True},
            "members": [{"member": "Nguyễn Văn A", "choices": {"1.1": 2}}],
        }
    )
    assert sheet.knockouts == ("registration_dossier",)
    assert sheet.members[0].member == "Nguyễn Văn A"
    assert sheet.members[0].choices == {"1.1": "2"}
    with pytest.raises(SheetError, match="members"):
        parse_council_sheet({"product_set": 13, "members": []})
    with pytest.raises(SheetError, match="sheet"):
        parse_council_sheet(["not", "a", "mapping"])


def test_explanation_is_json_and_bilingual(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 1, 75, floor_star=4, overrides={"2.3": "2"})
    selection = select_rule_set(date(2026, 6, 1))
    result = council_result(r3, 1, [sheet])
    explanation = explain(r3, result, product="Bưởi", selection=selection)
    data = explanation.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["summary"]["vi"].startswith("Không đạt 4★")
    assert data["summary"]["en"].startswith("Not 4★")
    vi, en = explanation.render(), explanation.render("en")
    assert "Bộ quy tắc: R3 (phiên bản 1.0.0)" in vi and "Lý do chọn" in vi
    assert "Rule set: R3 (version 1.0.0)" in en
    assert [c.criterion for c in explanation.blocking()] == ["2.3"]
    with pytest.raises(ValueError, match="scored under R3"):
        explain(load_rule_set("R2"), result)


def test_explanation_of_a_knockout_and_of_a_clean_4_star(r3: RuleSet) -> None:
    rejected = council_result(
        r3, 13, [sheet_at(r3, 13, 95)], council_knockouts=["copy_of_other_product"]
    )
    text = explain(r3, rejected).render()
    assert "Bị loại (không xét điểm) vì: Giống hệt sản phẩm" in text
    assert "CÓ — ghi nhận bởi council" in text
    clean = council_result(r3, 13, [sheet_at(r3, 13, 80, floor_star=4)])
    summary = explain(r3, clean).summary("en")
    assert summary.startswith("The score 80.00 is in the 4★ band and meets every minimum")


def test_r1_after_districts_were_abolished_routes_to_the_province() -> None:
    r1 = load_rule_set("R1")
    sheet = sheet_at(r1, 13, 60, floor_star=3)
    before = council_result(r1, 13, [sheet], tier=Tier.DISTRICT, on=date(2025, 6, 20))
    after = council_result(r1, 13, [sheet], tier=Tier.PROVINCE, on=date(2025, 7, 20))
    assert before.routing.tier == Tier.DISTRICT
    assert after.routing.tier == Tier.PROVINCE and after.certificate_issued


def test_inputs_are_not_mutated(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 13, 77)
    copy = MemberSheet.model_validate(sheet.model_dump())
    council_result(r3, 13, [sheet])
    assert sheet == copy
