"""Plans per period: who is due, at quarter boundaries and after mid-quarter
certification; products whose certificate ends leave the plan (OCOP-RULES.md §14.27,
the Kon Tum 2025 plan's quarterly cadence read from its local policy)."""

from __future__ import annotations

from datetime import date

import pytest

from runtime.errors import CommandRejected
from services.inspection.application import InspectionApp
from services.inspection.domain.values import Period
from tests.unit.inspection.helpers import OFFICER, TEAM, certified, expire, planned, revoke


def test_the_cadence_comes_from_the_local_policy(app: InspectionApp) -> None:
    period, source = app.plans.period_of(date(2025, 8, 15))
    assert (period.starts_on, period.ends_on, period.key) == (
        date(2025, 7, 1),
        date(2025, 9, 30),
        "2025-Q3",
    )
    assert source.startswith("kontum-district-2025")


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (date(2025, 1, 1), "2025-Q1"),
        (date(2025, 3, 31), "2025-Q1"),
        (date(2025, 4, 1), "2025-Q2"),
        (date(2025, 9, 30), "2025-Q3"),
        (date(2025, 10, 1), "2025-Q4"),
        (date(2025, 12, 31), "2025-Q4"),
    ],
)
def test_quarter_boundaries(day: date, key: str) -> None:
    assert Period.containing(day, 3).key == key


def test_without_a_cadence_no_plan_is_made(app: InspectionApp) -> None:
    # The Kon Tum policy ends on 31/12/2025 and no rule set sets a national frequency.
    with pytest.raises(CommandRejected) as refused:
        app.plans.generate(OFFICER, on=date(2026, 2, 1))
    assert refused.value.field == "period"


def test_a_product_certified_mid_quarter_is_first_due_the_next_quarter(
    app: InspectionApp,
) -> None:
    before = certified(app, "Sâm dây Ngọc Linh", on=date(2025, 6, 30))
    on_first_day = certified(app, "Cà phê Đăk Hà", on=date(2025, 7, 1))
    mid = certified(app, "Rượu chuối hột", on=date(2025, 8, 15))
    last_day = certified(app, "Mật ong rừng", on=date(2025, 9, 30))

    q3 = app.plans.generate(OFFICER, on=date(2025, 7, 1))
    q4 = app.plans.generate(OFFICER, on=date(2025, 10, 1))

    assert planned(app, q3.id) == {before, on_first_day}
    assert planned(app, q4.id) == {before, on_first_day, mid, last_day}
    assert q4.coverage() == (0, 4)


def test_an_expired_or_revoked_product_leaves_the_plan_and_the_next(
    app: InspectionApp,
) -> None:
    kept = certified(app, "Cà phê Đăk Hà", on=date(2025, 1, 10))
    revoked = certified(app, "Rượu chuối hột", on=date(2025, 2, 1))
    expiring = certified(app, "Mật ong rừng", on=date(2022, 8, 20), valid_to=date(2025, 8, 20))
    q3 = app.plans.generate(OFFICER, on=date(2025, 7, 1))
    assert planned(app, q3.id) == {kept, revoked, expiring}

    revoke(app, revoked, date(2025, 8, 5))
    expire(app, expiring, date(2025, 8, 21))

    assert planned(app, q3.id) == {kept}
    entry = app.plan(q3.id).entries[str(revoked)]
    assert (entry["status"], entry["reason"]) == ("withdrawn", "revoked")
    assert app.plan(q3.id).coverage() == (0, 1)
    q4 = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    assert planned(app, q4.id) == {kept}


def test_the_level_plans_only_the_stars_it_inspects(app: InspectionApp) -> None:
    # R2: the province inspects 3 and 4 stars; the central level 5 stars first.
    three = certified(app, "Cà phê Đăk Hà", on=date(2025, 7, 10))
    four = certified(app, "Sâm dây", on=date(2025, 7, 10), star=4)
    elsewhere = certified(app, "Trà", on=date(2025, 7, 10), province="52", district="")
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    assert planned(app, plan.id) == {three, four}
    assert elsewhere not in planned(app, plan.id)


def test_a_plan_is_edited_scheduled_and_completed_by_hand(app: InspectionApp) -> None:
    product = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    late = certified(app, "Mật ong rừng", on=date(2025, 10, 20))
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    app.plans.add(OFFICER, plan_id=plan.id, product_id=late)
    inspection = app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=product, planned_on=date(2025, 11, 5), team=TEAM
    )
    again = app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=product, planned_on=date(2025, 11, 12)
    )
    assert again.id == inspection.id
    assert again.planned_on == date(2025, 11, 12)
    entry = app.plan(plan.id).entries[str(product)]
    assert (entry["status"], entry["planned_on"]) == ("scheduled", date(2025, 11, 12))
    assert planned(app, plan.id) == {product, late}


def test_overdue_inspections_are_those_past_their_date(app: InspectionApp) -> None:
    product = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    other = certified(app, "Mật ong rừng", on=date(2025, 5, 2))
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=product, planned_on=date(2025, 11, 5), team=TEAM
    )
    today = app.clock.today()
    assert [r["product_id"] for r in app.queries.overdue(today)] == [str(product)]
    after = app.queries.overdue(date(2026, 1, 1))
    assert {r["product_id"] for r in after} == {str(product), str(other)}


def test_only_certificates_inspected_periodically_are_planned(app: InspectionApp) -> None:
    # The Kon Tum 2025 policy sets a cadence for R1 and R2 certificates only; R3 sets no
    # national frequency (Art. 9, §14.27): such a product gets ad hoc inspections only.
    r1 = certified(app, "Sâm dây", on=date(2024, 3, 1), rule_set="R1")
    r3 = certified(app, "Trà", on=date(2025, 5, 2), rule_set="R3")
    plan = app.plans.generate(OFFICER, on=date(2025, 7, 1))
    assert planned(app, plan.id) == {r1}
    opened = app.visits.open_ad_hoc(
        OFFICER, product_id=r3, trigger="complaint", note="", planned_on=date(2025, 11, 21)
    )
    assert opened.kind == "ad_hoc"
