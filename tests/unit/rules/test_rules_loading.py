"""Loading the shipped rule sets, and refusing deliberately broken ones."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
import unicodedata
from importlib import resources
from typing import Any

import pytest
import yaml

from rules import RuleSetError, load_rule_set
from rules.build import build_bundle, build_rule_set
from rules.loader import all_local_policies, all_rule_sets, load_bundle
from rules.rubric import ProductSetRubric


def _data(name: str) -> Any:
    text = resources.files("rules").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)


def r3_document() -> dict[str, Any]:
    document: dict[str, Any] = _data("r3-qd26-2026.yaml")
    return document


def _bundle_documents() -> tuple[Any, Any, Any, Any]:
    return (
        _data("qd26-2026.rubric.json"),
        _data("qd26-2026.repairs.yaml"),
        _data("qd26-2026.knockouts.yaml"),
        _data("qd26-2026.product-sets.yaml"),
    )


def test_every_shipped_rule_set_loads_and_validates() -> None:
    rule_sets = all_rule_sets()
    assert [rs.id for rs in rule_sets] == ["R0", "R1", "R2", "R3"]
    for rs in rule_sets:
        assert rs.instruments and rs.provenance and rs.ambiguities
        assert len(rs.rubric.sets) == (26 if rs.sheets_available else 0)
        assert load_rule_set(rs.id) is rs
    assert load_rule_set("r3-qd26-2026").id == "R3"
    assert load_rule_set(" r1 ").id == "R1"
    assert "2026" in load_rule_set("R1").provenance  # sheets taken from the 2026 data
    assert [p.id for p in all_local_policies()] == ["kontum-district-2025"]


def test_rule_sets_are_contiguous_by_filing_date() -> None:
    r0, r1, r2, r3 = all_rule_sets()
    assert r0.effective_to is not None
    assert r1.effective_to is not None and r2.effective_to is not None
    assert (r1.effective_from - r0.effective_to).days == 1
    assert (r2.effective_from - r1.effective_to).days == 1
    assert (r3.effective_from - r2.effective_to).days == 1
    assert r3.effective_to is None


def test_nothing_is_loaded_at_import() -> None:
    code = (
        "import rules, rules.cli\n"
        "from rules.loader import load_rule_set, load_bundle\n"
        "assert load_rule_set.cache_info().currsize == 0\n"
        "assert load_bundle.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_repairs_are_applied() -> None:
    rubric = load_bundle("qd26-2026").rubric
    coffee = rubric.product_set(13)
    assert coffee is not None
    assert [leaf.code for _, leaf in coffee.leaves() if leaf.code.startswith("6.")] == [
        "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.2.1", "6.2.2",
    ]  # fmt: skip
    honey = rubric.product_set(4)
    assert honey is not None and honey.leaf("7") is not None
    assert max(o.points for o in honey.leaf("7").options) == 3  # type: ignore[union-attr]
    tourism = rubric.product_set(26)
    assert tourism is not None
    assert [c.id for c in tourism.leaf("8").cases] == ["1", "2"]  # type: ignore[union-attr]
    bilingual = coffee.leaf("2.4")
    assert bilingual is not None and [o.points for o in bilingual.options] == [0, 1]


def test_knockout_lists_match_the_sheet_wording() -> None:
    raw = _data("qd26-2026.rubric.json")
    bundle = load_bundle("qd26-2026")

    def sets_with(*patterns: str) -> list[int]:
        """Sets having one text (note, header or option) matching every pattern."""
        found = []
        for product_set in raw["sets"]:
            texts = re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(product_set, ensure_ascii=False))
            if any(all(re.search(p, t, re.IGNORECASE) for p in patterns) for t in texts):
                found.append(product_set["no"])
        return found

    expected = {
        "imported_or_untraceable_material": sets_with("toàn bộ nguyên liệu nhập khẩu"),
        "copy_of_other_product": sets_with("giống hệt sản phẩm của nhà sản xuất khác"),
        "ip_violation": sets_with("vi phạm sở hữu trí tuệ"),
        "production_licence": sets_with("giấy phép sản xuất"),
        "unacceptable_foreign_matter": sets_with("tạp chất", "không đánh giá|không xem xét"),
    }
    for code, numbers in expected.items():
        knockout = next(k for k in bundle.knockouts if k.code == code)
        assert list(knockout.sets) == numbers, code


def test_vietnamese_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Cà phê")
    assert decomposed != "Cà phê"
    raw, repairs, knockouts, sets = _bundle_documents()
    raw["sets"][12]["name"] = decomposed
    from rules.text import nfc_tree

    bundle = build_bundle("qd26-2026", nfc_tree(raw), repairs, knockouts, sets)  # type: ignore[arg-type]
    product_set = bundle.rubric.product_set(13)
    assert product_set is not None and product_set.name == "Cà phê"


# ----- deliberately broken documents ------------------------------------------


def _first_group(raw: dict[str, Any], number: int, part: str) -> dict[str, Any]:
    product_set = next(s for s in raw["sets"] if s["no"] == number)
    section = next(p for p in product_set["sections"] if p["code"] == part)
    group: dict[str, Any] = section["groups"][0]
    return group


def test_refuses_groups_not_adding_up_to_their_part() -> None:
    raw, repairs, knockouts, sets = _bundle_documents()
    _first_group(raw, 13, "A")["max"] = 19
    with pytest.raises(RuleSetError) as caught:
        build_bundle("qd26-2026", raw, repairs, knockouts, sets)
    message = str(caught.value)
    assert "set 13 › part A: groups add up to 41, not the part's maximum 40" in message
    assert "set 13 › part A › group 1: criteria add up to 18, not the group's maximum 19" in message


def test_refuses_parts_not_adding_up_to_100() -> None:
    raw, repairs, knockouts, sets = _bundle_documents()
    product_set = next(s for s in raw["sets"] if s["no"] == 2)
    part_c = next(p for p in product_set["sections"] if p["code"] == "C")
    part_c["max"] = 30
    part_c["groups"] = part_c["groups"][:-2]  # drop 2 + 3 points so part C itself adds up
    assert sum(g["max"] for g in part_c["groups"]) == 30
    with pytest.raises(RuleSetError, match=r"set 2: parts add up to 95, not 100"):
        build_bundle("qd26-2026", raw, repairs, knockouts, sets)


def test_refuses_an_option_above_its_criterion_maximum() -> None:
    raw, repairs, knockouts, sets = _bundle_documents()
    criterion = _first_group(raw, 13, "A")["criteria"][0]  # 1.1, max 3
    criterion["options"][1]["points"] = 4
    with pytest.raises(
        RuleSetError,
        match=r"set 13 › part A › group 1 › criterion 1\.1 › option 2: worth 4, above the "
        r"criterion's maximum 3",
    ):
        build_bundle("qd26-2026", raw, repairs, knockouts, sets)


def test_the_raw_extraction_is_refused_without_its_repairs() -> None:
    raw, repairs, knockouts, sets = _bundle_documents()
    bare = {**repairs, "repairs": []}
    with pytest.raises(RuleSetError, match=r"set 4 › part C › group 7 › criterion 7 › option 3"):
        build_bundle("qd26-2026", raw, bare, knockouts, sets)


def test_refuses_a_repair_whose_source_changed() -> None:
    raw, repairs, knockouts, sets = _bundle_documents()
    product_set = next(s for s in raw["sets"] if s["no"] == 4)
    section = next(p for p in product_set["sections"] if p["code"] == "C")
    group = next(g for g in section["groups"] if g["code"] == "7")
    group["options"][2]["points"] = 3  # someone fixed the source
    with pytest.raises(RuleSetError, match=r"repair #1 .*expected option 3 to be worth 13"):
        build_bundle("qd26-2026", raw, repairs, knockouts, sets)


def test_refuses_broken_rule_set_documents() -> None:
    bundle = load_bundle("qd26-2026")
    bands = r3_document()
    bands["scoring"]["bands"][1]["min_score"] = 95  # 4★ above 5★
    with pytest.raises(RuleSetError, match=r"rule set R3 › scoring\.bands: 5★ must start above 4★"):
        build_rule_set(bands, bundle)
    tiers = r3_document()
    tiers["authorities"]["recognise"]["3"] = ["district"]
    with pytest.raises(RuleSetError, match=r"authorities\.recognise\.3: tiers \['district'\]"):
        build_rule_set(tiers, bundle)
    unknown = r3_document()
    unknown["scoring"]["minimum_shortfall_default"] = "warn"
    with pytest.raises(RuleSetError, match=r"minimum_shortfall_default"):
        build_rule_set(unknown, bundle)
    no_notes = r3_document()
    no_notes["ambiguities"] = []
    with pytest.raises(RuleSetError, match=r"ambiguities"):
        build_rule_set(no_notes, bundle)


def test_product_set_rubric_validates_when_built_directly() -> None:
    coffee = load_bundle("qd26-2026").rubric.product_set(13)
    assert coffee is not None
    data = copy.deepcopy(coffee.model_dump())
    data["parts"][1]["groups"][0]["criteria"][0]["max"] = 6  # 4.1: 5 → 6
    with pytest.raises(ValueError, match=r"set 13 › part B › group 4: criteria add up to 14"):
        ProductSetRubric.model_validate(data)


def test_a_deployment_can_supply_its_own_sheets() -> None:
    from rules import with_bundle

    r1 = load_rule_set("R1")
    raw, repairs, knockouts, sets = _bundle_documents()
    conditions = _data("qd26-2026.conditions.yaml")
    own = build_bundle("r1-local", raw, repairs, knockouts, sets, conditions)
    replaced = with_bundle(r1, own)
    assert replaced.scoring.rubric == "r1-local" and replaced.id == "R1"
    partial = {**sets, "sets": sets["sets"][:25]}  # a deployment list missing set 26
    with pytest.raises(RuleSetError, match=r"rule set R1 › product_sets: \[26\] not in both lists"):
        with_bundle(r1, build_bundle("r1-partial", raw, repairs, knockouts, partial, conditions))


def test_sheet_conditions_are_validated_on_load() -> None:
    """Conditional criteria are data: a bundle whose sheets carry "Chỉ áp dụng khi có
    câu chuyện sản phẩm" or set 26's alternative cases without a condition is refused,
    naming the set and criterion; a condition naming a missing criterion too."""
    from rules import with_bundle

    r3 = load_rule_set("R3")
    assert len(r3.conditions_for(13)) == 1 and len(r3.conditions_for(26)) == 1
    raw, repairs, knockouts, sets = _bundle_documents()
    bare = build_bundle("no-conditions", raw, repairs, knockouts, sets)
    with pytest.raises(RuleSetError) as refused:
        with_bundle(r3, bare)
    assert "set 13 › 5.2: condition in the sheet but not in conditions" in str(refused.value)
    assert "set 26 › 8: condition in the sheet but not in conditions" in str(refused.value)
    conditions = _data("qd26-2026.conditions.yaml")
    conditions["conditions"][0]["requires"] = "5.9"
    wrong = build_bundle("wrong", raw, repairs, knockouts, sets, conditions)
    with pytest.raises(
        RuleSetError, match=r"conditions\[0\] › set 1: criterion 5.2 or 5.9 missing"
    ):
        with_bundle(r3, wrong)
