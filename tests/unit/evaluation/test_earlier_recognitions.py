"""Recognitions of earlier decisions (issue 20): recorded under the rule set of their
date, published as their own kind, idempotent, refused row by row."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

from contracts.evaluation import RecognitionRecorded, Recognized
from runtime.clock import FixedClock
from services.evaluation.adapters import outbound
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.certificates import ProductCertification
from tests.unit.evaluation.helpers import OFFICER

SHA = "ab" * 32
UNIT = {"commune": "23500", "province": "51", "legacy_commune": "23425", "district": "615"}


def row(line: int, **change: object) -> dict[str, object]:
    base: dict[str, object] = {
        "line": line,
        "product_id": str(uuid4()),
        "product_name": "Cà phê rang xay",
        "star": 3,
        "score": "",
        "decision_no": "1234/QĐ-UBND",
        "decided_on": "2020-12-24",
        "authority": "",
        "certificate_no": "",
        "valid_to": "",
        "unit": UNIT,
    }
    return {**base, **change}


def test_an_r0_certificate_is_recorded_published_and_expires(
    app: EvaluationApp, clock: FixedClock
) -> None:
    first = row(2, score="72.5", star=4)
    done = app.earlier.record(OFFICER, [first], source_sha256=SHA, source_name="kontum.csv")
    assert (done.recorded, done.unchanged, done.problems) == (1, 0, [])
    product = first["product_id"]
    certification = app.find_certification(UUID(str(product)))
    assert certification is not None
    cert = certification.cert()
    assert cert is not None
    assert (cert["rule_set_id"], cert["star"], cert["valid_to"]) == ("R0", 4, date(2023, 12, 24))
    assert cert["number"] == "1234/2020/QĐ-UBND"
    notes = app.recorder.select_notifications(1, 100)
    events = [app.mapper.to_domain_event(n) for n in notes]
    published = [p for e in events for _, p in outbound.translate(e)]
    recorded = [p for p in published if isinstance(p, RecognitionRecorded)]
    assert len(recorded) == 1 and isinstance(recorded[0], Recognized)
    assert recorded[0].source_sha256 == SHA and recorded[0].source_line == 2
    assert recorded[0].rule_set_id == "R0" and recorded[0].actor.id == OFFICER.actor.id
    assert str(recorded[0].score) == "72.50"
    # expires like any other: the scheduler's entry point, on 2026's today
    assert app.certificates.advance_certificates(certification.product_id, clock.today()) >= 1
    after = app.find_certification(certification.product_id)
    assert after is not None and after.cert() is not None
    assert after.cert()["status"] == "expired"  # type: ignore[index]


def test_the_same_rows_twice_change_nothing(app: EvaluationApp) -> None:
    rows = [row(2), row(3, decided_on="2024-06-14", decision_no="58/QĐ-UBND")]
    assert app.earlier.record(OFFICER, rows, source_sha256=SHA).recorded == 2
    before = app.recorder.max_notification_id()
    again = app.earlier.record(OFFICER, rows, source_sha256=SHA)
    assert (again.recorded, again.unchanged, again.problems) == (0, 2, [])
    assert app.recorder.max_notification_id() == before


def test_every_bad_row_is_named_and_nothing_is_recorded(app: EvaluationApp) -> None:
    rows = [
        row(2),
        row(3, star=2),  # not certified under R0
        row(4, score="55", star=4),  # 55 points reach 3 stars
        row(5, decision_no="bốn năm"),
        row(6, decided_on="2031-01-01"),  # after today
        row(7, valid_to="2023-01-01"),  # R0 gives 24/12/2023
        row(8, unit={"commune": "26734", "province": "79"}),  # another province
    ]
    done = app.earlier.record(OFFICER, rows, source_sha256=SHA)
    assert [(line, p.field) for line, p in done.problems] == [
        (3, "star"),
        (4, "star"),
        (5, "decision_no"),
        (6, "decided_on"),
        (7, "valid_to"),
        (8, "actor.jurisdiction"),
    ]
    assert done.recorded == 0 and app.recorder.max_notification_id() in (None, 0)
    only_valid = app.earlier.record(OFFICER, rows, source_sha256=SHA, valid_rows_only=True)
    assert only_valid.recorded == 1


def test_a_later_decision_held_is_not_replaced_by_an_older_one(app: EvaluationApp) -> None:
    product = str(uuid4())
    newer = row(2, product_id=product, decided_on="2024-06-14", decision_no="58/QĐ-UBND")
    older = row(3, product_id=product)
    assert app.earlier.record(OFFICER, [newer], source_sha256=SHA).recorded == 1
    refused = app.earlier.record(OFFICER, [older], source_sha256=SHA)
    assert [(line, p.field) for line, p in refused.problems] == [(3, "decided_on")]
    found = app.find(ProductCertification.id_for(UUID(product)), ProductCertification)
    assert found is not None and found.cert()["rule_set_id"] == "R1"  # type: ignore[index]
