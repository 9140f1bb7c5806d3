"""Whose record each inspection call touches (`runtime.identity.scope`): a product's
inspections and plan entries lie in the product's units (its commune, pre-2025 district
and province, as registration published them); a plan in its own unit. Inspection does not
know a producer's sign-in, so `own` reaches nothing here yet.

Plans and the lists (open remediations, overdue inspections) are `LISTED`: the handler
keeps the entries whose product the caller reaches (`visible_product`), and refuses a plan
whose unit and entries the caller reaches none of."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from runtime.identity.scope import LISTED, UNSCOPED, Locate, Record, unit_record, visible
from runtime.jurisdiction import UnitPath
from services.inspection.application import InspectionApp
from services.inspection.domain.inspection import Inspection
from services.inspection.domain.plan import InspectionPlan
from services.inspection.domain.products import CertifiedProduct


def product_record(app: InspectionApp, product_id: str | UUID) -> Record | None:
    """The product's units, None for a product inspection never heard of."""
    found = app.get_as(CertifiedProduct.id_for(UUID(str(product_id))), CertifiedProduct)
    if found is None:
        return None
    return Record(UnitPath(found.commune_code, found.province_code, found.district_code))


def visible_product(app: InspectionApp, product_id: str | UUID) -> bool:
    """For listings: the caller reaches the product (always outside a gRPC call)."""
    return visible(product_record(app, product_id))


def by_product(servicer: Any, request: Any) -> Record | None:
    return product_record(servicer.app, request.product_id)


def by_inspection(servicer: Any, request: Any) -> Record | None:
    app: InspectionApp = servicer.app
    found = app.get_as(UUID(request.inspection_id), Inspection)
    return product_record(app, found.product_id) if found is not None else None


def by_plan_and_product(servicer: Any, request: Any) -> list[Record]:
    """A plan entry: the product (the plan's own unit is the handler's check: only the
    plan's unit changes it)."""
    found = by_product(servicer, request)
    return [found] if found is not None else []


def plan_unit(app: InspectionApp, plan: InspectionPlan) -> Record:
    """A plan's own unit, placed by the products it lists."""
    paths = (product_record(app, pid) for pid in plan.entries)
    return unit_record(plan.jurisdiction, (r.path for r in paths if r is not None))


TABLE: dict[str, Locate | str] = {
    "GeneratePlan": UNSCOPED,  # the caller's own unit, from the verified token
    "AddToPlan": by_plan_and_product,
    "ScheduleInspection": by_plan_and_product,
    "OpenAdHoc": by_product,
    "RecordVisit": by_inspection,
    "GetPlan": LISTED,
    "GetInspection": by_inspection,
    "ProductHistory": by_product,
    "OpenRemediations": LISTED,
    "OverdueInspections": LISTED,
}
