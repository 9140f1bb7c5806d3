"""Issue 9, kinds 3 and 4: identifiers that cannot be spelled twice and official code
lists, each computed by one value object (`runtime.identifiers`) that the edge applies to
every field of that meaning."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import grpc
import pytest

from contracts.rpc import common_pb2, registration_pb2
from runtime.errors import CommandRejected
from runtime.identifiers import (
    business_registration_no,
    decision_number,
    ethnic_group,
    ethnic_groups,
    ethnicity,
    gender,
    unit_code,
)
from runtime.input_guard import canonical_text
from services.evaluation.domain.decisions import RecognitionDecision
from services.registration.domain.personal import qualifies_for_3_2
from tests.unit.inputs.servers import Running, running

OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(Path(tmp_path_factory.mktemp("ids"))) as up:
        yield up


def register(edge: Running, **fields: Any) -> Any:
    values = {
        "actor": OFFICER,
        "name": "HTX",
        "kind": "cooperative",
        "commune_code": "23500",
        "legal_representative": "A",
        **fields,
    }
    return edge.stubs["registration"].RegisterProducer(
        registration_pb2.RegisterProducerRequest(**values)
    )


def refusal(call: Any) -> tuple[grpc.StatusCode, str]:
    with pytest.raises(grpc.RpcError) as error:
        call()
    failure: Any = error.value
    return failure.code(), str(dict(failure.trailing_metadata() or ()).get("ocop-field", ""))


@pytest.mark.parametrize(
    "spelling",
    [
        "617 448 2489",
        "６１７４４８２４８９",  # full-width digits
        "617.448.2489",
        "617-448-2489",
        "617\u200b448\u200b2489",  # zero-width spaces
        " 6174482489 ",
        "617–448–2489",  # en dashes
    ],
)
def test_a_business_registration_number_has_one_form(spelling: str) -> None:
    assert business_registration_no("business_registration_no", spelling) == "6174482489"
    assert canonical_text("business_registration_no", spelling) == "6174482489"


@pytest.mark.parametrize(
    "bad", ["12345", "61744824890", "KT-DEMO-001", "617448248O", "٦١٧٤٤٨٢٤٨٩x"]
)
def test_a_malformed_registration_number_is_refused(bad: str) -> None:
    with pytest.raises(CommandRejected) as refused:
        business_registration_no("business_registration_no", bad)
    assert refused.value.field == "business_registration_no"


def test_two_spellings_of_one_number_are_one_producer(edge: Running) -> None:
    """The issue's example: "617 448 2489" and its full-width form beside "6174482489"."""
    register(edge, business_registration_no="6174482489")
    for spelling in ("617 448 2489", "６１７４４８２４８９"):
        assert refusal(lambda s=spelling: register(edge, business_registration_no=s)) == (
            grpc.StatusCode.ALREADY_EXISTS,
            "business_registration_no",
        )


@pytest.mark.parametrize(
    ("level", "raw", "canonical"),
    [
        ("commune", "023500", "23500"),
        ("commune", "23500", "23500"),
        ("commune", "２３５００", "23500"),
        ("commune", "100", "00100"),
        ("province", "1", "01"),
        ("province", "051", "51"),
        ("district", "610", "610"),
        ("district", "0610", "610"),
        ("district", "2", "002"),
    ],
)
def test_unit_codes_are_zero_padded_to_their_official_width(
    level: str, raw: str, canonical: str
) -> None:
    assert unit_code(level, "code", raw) == canonical


@pytest.mark.parametrize(
    ("level", "raw"),
    [("commune", "123456"), ("province", "100"), ("commune", "0"), ("commune", "23 500x")],
)
def test_impossible_unit_codes_are_refused(level: str, raw: str) -> None:
    with pytest.raises(CommandRejected):
        unit_code(level, "code", raw)


def test_a_padded_commune_code_is_the_same_commune(edge: Running) -> None:
    """The issue's example: "023500" and "23500" gave two products one product code."""
    producer = register(edge, commune_code="023500").producer_id
    view = edge.stubs["registration"].GetProducer(
        registration_pb2.GetProducerRequest(producer_id=producer)
    )
    assert view.commune_code == "23500"


@pytest.mark.parametrize(
    "spelling",
    [
        "125/QĐ-UBND",
        "125/QD-UBND",  # typed without the stroke
        "125/QÐ-UBND",  # U+00D0, the Icelandic eth
        "125/qđ-ubnd",
        "Số: 125/QĐ-UBND",
        "125 / QĐ – UBND",
        "0125/QĐ-UBND",
    ],
)
def test_a_decision_number_has_one_form(spelling: str) -> None:
    assert decision_number("decision_no", spelling) == "125/QĐ-UBND"


def test_official_mixed_case_abbreviations_are_kept() -> None:
    assert decision_number("decision_no", "26/2026/qd-ttg") == "26/2026/QĐ-TTg"


@pytest.mark.parametrize(
    "bad", ["125", "QĐ-UBND", "1/QĐ", "125/QĐ-", "0/QĐ-UBND", "12/ABCDEFGHIJKL-UBND"]
)
def test_a_number_not_of_the_decree_30_form_is_refused(bad: str) -> None:
    with pytest.raises(CommandRejected) as refused:
        decision_number("decision_no", bad)
    assert refused.value.field == "decision_no"


def test_decision_numbers_are_unique_per_issuer_per_calendar_year() -> None:
    """Numbering restarts every 1 January: 12/QĐ-UBND of 2027 is not 12/QĐ-UBND of 2026,
    and a look-alike of 2026 is."""
    of_2026 = RecognitionDecision.id_for("province", "51", "12/QĐ-UBND", 2026)
    assert RecognitionDecision.id_for("province", "51", "12/QD-UBND", 2026) == of_2026
    assert RecognitionDecision.id_for("province", "51", "12/QÐ-UBND", 2026) == of_2026
    assert RecognitionDecision.id_for("province", "51", "12/QĐ-UBND", 2027) != of_2026
    assert RecognitionDecision.id_for("province", "62", "12/QĐ-UBND", 2026) != of_2026


def test_certificate_numbers_carry_the_year_of_their_decision() -> None:
    from services.evaluation.application.decision_commands import certificate_number

    assert certificate_number("12/QĐ-UBND", date(2027, 1, 5), 1) == "12/2027/QĐ-UBND/01"
    assert certificate_number("26/2026/QĐ-TTg", date(2026, 3, 5), 2) == "26/2026/QĐ-TTg/02"


def test_the_list_has_the_54_ethnic_groups_with_their_codes() -> None:
    groups = ethnic_groups()
    assert len(groups) == 54 and set(groups) == {f"{n:02d}" for n in range(1, 55)}
    assert groups["01"].name == "Kinh" and groups["13"].name == "Ba Na"


@pytest.mark.parametrize(
    "spelling", ["Kinh", "Dân tộc Kinh", "Người Kinh", "Kinh (Việt)", "Việt", "kinh", "01", "1"]
)
def test_every_spelling_of_kinh_is_kinh_and_not_a_minority(spelling: str) -> None:
    """The issue's example: these all counted as a minority for criterion 3.2."""
    assert ethnicity("legal_rep_ethnicity", spelling) == "Kinh"
    assert not qualifies_for_3_2({"ethnicity": spelling, "gender": "male"})


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Ba Na", "Ba Na"),
        ("ba-na", "Ba Na"),
        ("Bahnar", "Ba Na"),
        ("Xơ-đăng", "Xơ Đăng"),
        ("xo dang", "Xơ Đăng"),
        ("H'Mông", "Mông"),
        ("Dân tộc Gia-rai", "Gia Rai"),
        (unicodedata.normalize("NFD", "Giẻ Triêng"), "Gié Triêng"),
        ("Khơ-me", "Khmer"),
    ],
)
def test_common_spellings_of_minorities_are_accepted(spelling: str, name: str) -> None:
    group = ethnic_group("legal_rep_ethnicity", spelling)
    assert group.name == name and group.minority
    assert qualifies_for_3_2({"ethnicity": spelling})


@pytest.mark.parametrize("bad", ["Martian", "Kinh (Ba Na)", "55", "0", "dân tộc", "Kinh Ba Na"])
def test_an_ethnicity_not_on_the_list_is_refused(bad: str) -> None:
    with pytest.raises(CommandRejected) as refused:
        ethnicity("legal_rep_ethnicity", bad)
    assert refused.value.field == "legal_rep_ethnicity"


def test_an_unknown_ethnicity_is_refused_at_the_edge_naming_the_field(edge: Running) -> None:
    assert refusal(lambda: register(edge, legal_rep_ethnicity="Người sao Hỏa")) == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "legal_rep_ethnicity",
    )


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [("nữ", "female"), ("Nữ", "female"), ("female", "female"), ("NAM", "male"), ("khác", "other")],
)
def test_gender_is_a_code_with_vietnamese_spellings(spelling: str, canonical: str) -> None:
    assert gender("legal_rep_gender", spelling) == canonical
    with pytest.raises(CommandRejected):
        gender("legal_rep_gender", "woman?")
