"""An overdue remediation (inspection's RemediationOverdue) opens a revocation case only
where the certificate's rule set names a ground for it; R1-R3 name none (§14.26-27)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest

from contracts.envelope import Actor
from contracts.inspection import RemediationOverdue
from rules import RuleSet, load_rule_set
from runtime.clock import FixedClock
from services.evaluation.application import EvaluationApp, intake
from tests.unit.evaluation.certification import move, recognised
from tests.unit.evaluation.helpers import deliver, mark, published


def overdue(product: UUID) -> RemediationOverdue:
    return RemediationOverdue(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        aggregate_version=4,
        occurred_at=datetime(2027, 3, 11, tzinfo=UTC),
        actor=Actor(id="inspection", role="system"),
        correlation_id=uuid4(),
        rule_set_id="R3",
        product_id=product,
        inspection_kind="periodic",
        conclusion_no="BB-04/2027",
        deadline=date(2027, 3, 10),
        overdue_on=date(2027, 3, 11),
        findings="Tem truy xuất nguồn gốc hết hiệu lực",
    )


def test_no_rule_set_makes_an_overdue_remediation_a_revocation(
    app: EvaluationApp, clock: FixedClock
) -> None:
    product = recognised(app)
    move(clock, date(2027, 3, 11))
    assert all(load_rule_set(r).inspection.overdue_remediation_ground is None  # type: ignore[union-attr]
               for r in ("R1", "R2", "R3"))  # fmt: skip
    start = mark(app)
    deliver(app, overdue(product), "inspection")
    assert published(app, start) == []
    assert app.get_certification(product).holding()["revocation"] is None  # type: ignore[index]


def test_where_the_rule_set_names_a_ground_the_case_opens(
    app: EvaluationApp, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    product = recognised(app)
    move(clock, date(2027, 3, 11))
    r3 = load_rule_set("R3")
    assert r3.inspection is not None
    saying_so: RuleSet = r3.model_copy(
        update={"inspection": r3.inspection.model_copy(update={"overdue_remediation_ground": "b"})}
    )
    monkeypatch.setattr(intake, "load_rule_set", lambda rule_set_id: saying_so)
    start = mark(app)
    deliver(app, overdue(product), "inspection")
    opened = published(app, start)[0][1]
    assert opened.event_type == "RevocationOpened"
    assert (opened.ground, opened.decide_by) == ("b", date(2027, 3, 26))  # type: ignore[attr-defined]
    assert "BB-04/2027" in opened.reference  # type: ignore[attr-defined]
