"""Every refusal names its field and changes nothing: wrong authority, a product not
under certificate, a ground not in the rule set, a date in the future, findings off the
checklist, outcomes that contradict the findings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.inspection.application import InspectionApp
from tests.unit.inspection.helpers import (
    ALL_GOOD,
    COMMUNE_OFFICER,
    DISTRICT_OFFICER,
    OFFICER,
    OTHER_PROVINCE,
    TEAM,
    certified,
    log_size,
    revoke,
)

BAD = {**ALL_GOOD, "quality": (False, "Không duy trì công bố chất lượng")}


@pytest.fixture
def ready(app: InspectionApp) -> dict[str, Any]:
    product = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    inspection = app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=product, planned_on=date(2025, 11, 5), team=TEAM
    )
    return {"product": product, "plan": plan.id, "inspection": inspection.id}


def record(
    app: InspectionApp, ready: dict[str, Any], ctx: CommandContext = OFFICER, **kw: Any
) -> None:
    args: dict[str, Any] = {
        "inspection_id": ready["inspection"],
        "visited_on": date(2025, 11, 5),
        "team": TEAM,
        "findings": BAD,
        "outcome": "failed",
        "ground": "b",
        "conclusion_no": "KL-01/2025",
        **kw,
    }
    app.visits.record_visit(ctx, **args)


CASES: dict[str, tuple[str, Callable[[InspectionApp, dict[str, Any]], object]]] = {
    "a commune officer": ("actor", lambda a, r: record(a, r, COMMUNE_OFFICER)),
    "a district officer for an R2 product": ("actor", lambda a, r: record(a, r, DISTRICT_OFFICER)),
    "another province": ("actor.jurisdiction", lambda a, r: record(a, r, OTHER_PROVINCE)),
    "a ground not in the rule set": ("ground", lambda a, r: record(a, r, ground="f")),
    "no ground for a failure": ("ground", lambda a, r: record(a, r, ground="")),
    "a ground on a pass": (
        "ground",
        lambda a, r: record(a, r, findings=ALL_GOOD, outcome="passed", ground="b"),
    ),
    "a visit in the future": (
        "visited_on",
        lambda a, r: record(a, r, visited_on=date(2025, 11, 21)),
    ),
    "a conclusion in the future": (
        "concluded_on",
        lambda a, r: record(a, r, concluded_on=date(2026, 1, 2)),
    ),
    "a finding off the checklist": (
        "findings",
        lambda a, r: record(a, r, findings={**BAD, "packaging_colour": (True, "")}),
    ),
    "a missing finding": (
        "findings",
        lambda a, r: record(a, r, findings={k: v for k, v in BAD.items() if k != "traceability"}),
    ),
    "passed with a non-compliant finding": (
        "outcome",
        lambda a, r: record(a, r, outcome="passed", ground=""),
    ),
    "an unknown outcome": ("outcome", lambda a, r: record(a, r, outcome="warned")),
    "no conclusion record": ("conclusion_no", lambda a, r: record(a, r, conclusion_no=" ")),
    "no team": ("team", lambda a, r: record(a, r, team=[])),
    "a remediation without a deadline": (
        "deadline",
        lambda a, r: record(a, r, outcome="remediation", ground=""),
    ),
    "a follow-up before the deadline": (
        "follow_up_on",
        lambda a, r: record(
            a,
            r,
            outcome="remediation",
            ground="",
            deadline=date(2025, 12, 1),
            follow_up_on=date(2025, 11, 30),
        ),
    ),
    "an unknown inspection": (
        "inspection_id",
        lambda a, r: record(a, {**r, "inspection": r["product"]}),
    ),
    # (the certificate is revoked before the count starts: see REVOKED_FIRST)
    "a product whose certificate was revoked": ("product_id", record),
    "a plan by a commune officer": (
        "actor.role",
        lambda a, r: a.plans.generate(COMMUNE_OFFICER, on=date(2025, 7, 1)),
    ),
    "the same plan twice": ("period", lambda a, r: a.plans.generate(OFFICER, on=date(2025, 12, 1))),
    "a plan edited by another office": (
        "actor",
        lambda a, r: a.plans.schedule(
            OTHER_PROVINCE, plan_id=r["plan"], product_id=r["product"], planned_on=date(2025, 11, 7)
        ),
    ),
    "a planned date outside the period": (
        "planned_on",
        lambda a, r: a.plans.schedule(
            OFFICER, plan_id=r["plan"], product_id=r["product"], planned_on=date(2026, 1, 7)
        ),
    ),
    "an unknown lead agency": (
        "lead_agency",
        lambda a, r: a.plans.schedule(
            OFFICER,
            plan_id=r["plan"],
            product_id=r["product"],
            planned_on=date(2025, 11, 7),
            lead_agency="police",
        ),
    ),
    "an ad hoc inspection of a product never certified": (
        "product_id",
        lambda a, r: a.visits.open_ad_hoc(
            OFFICER,
            product_id=r["plan"],
            trigger="complaint",
            note="",
            planned_on=date(2025, 11, 21),
        ),
    ),
}

REVOKED_FIRST = {"a product whose certificate was revoked"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_refused_with_the_field_named_and_nothing_changed(
    app: InspectionApp, ready: dict[str, Any], case: str
) -> None:
    field, act = CASES[case]
    if case in REVOKED_FIRST:
        revoke(app, ready["product"], date(2025, 11, 1))
    before = log_size(app)
    with pytest.raises(CommandRejected) as refused:
        act(app, ready)
    assert refused.value.field == field
    assert refused.value.message("vi") != refused.value.message("en")
    assert log_size(app) == before


def test_the_district_inspects_r1_three_stars_until_it_was_abolished(app: InspectionApp) -> None:
    # R1 (Decision 148): the district inspects 3★; after 30/06/2025 its roles pass to the province.
    found = app.product(certified(app, "Sâm dây", on=date(2024, 3, 1), rule_set="R1"))
    assert found.certificate is not None
    before = app.inspector(DISTRICT_OFFICER.actor, found, found.certificate, date(2025, 6, 30))
    assert before.value == "district"
    with pytest.raises(CommandRejected) as refused:
        app.inspector(DISTRICT_OFFICER.actor, found, found.certificate, date(2025, 7, 1))
    assert refused.value.field == "actor"


def test_a_district_plans_until_its_abolition_and_no_longer(app: InspectionApp) -> None:
    product = certified(app, "Sâm dây", on=date(2024, 3, 1), rule_set="R1")
    q2 = app.plans.generate(DISTRICT_OFFICER, on=date(2025, 4, 1))
    assert set(q2.entries) == {str(product)}
    before = log_size(app)
    with pytest.raises(CommandRejected) as refused:
        app.plans.generate(DISTRICT_OFFICER, on=date(2025, 7, 1))
    assert (refused.value.kind, refused.value.field) == ("permission_denied", "actor")
    assert log_size(app) == before


def test_a_visit_dated_before_the_certificate_is_refused(app: InspectionApp) -> None:
    product = certified(app, "Mật ong rừng", on=date(2025, 5, 2))
    opened = app.visits.open_ad_hoc(
        OFFICER, product_id=product, trigger="complaint", note="", planned_on=date(2025, 11, 21)
    )
    before = log_size(app)
    with pytest.raises(CommandRejected) as refused:
        record(app, {"inspection": opened.id}, visited_on=date(2025, 4, 30))
    assert refused.value.field == "product_id"
    assert log_size(app) == before


def test_a_certificate_past_its_validity_is_not_inspected_before_its_expiry_arrives(
    app: InspectionApp,
) -> None:
    product = certified(app, "Mật ong rừng", on=date(2022, 11, 1), valid_to=date(2025, 11, 1))
    before = log_size(app)
    with pytest.raises(CommandRejected) as refused:
        app.visits.open_ad_hoc(
            OFFICER, product_id=product, trigger="complaint", note="", planned_on=date(2025, 11, 21)
        )
    assert refused.value.field == "product_id"
    assert log_size(app) == before
