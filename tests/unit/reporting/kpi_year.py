"""A constructed year of events for the KPI tests (2025, district 615 of Kon Tum under R1).

The year: product A first recognised 3★ (March); B re-recognised 3★ (re-evaluation, April:
not "new"); C upgraded 3★ → 4★ (May: counted once, as a new 4★); D recognised 3★ in
February and revoked in June (same half-year); E's certificate valid to 30/06/2025, the
last day of H1 (valid at H1's end, expired in H2); F recognised in another district (612);
G a dossier past its commune check deadline; H forwarded to the province and returned."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import Tracking

from contracts import evaluation as ev
from contracts import inspection as ins
from contracts import promotion as pr
from contracts import registration as rg
from contracts.envelope import Actor
from runtime.clock import FixedClock
from services.reporting.application import ReportingApp

WHO = Actor(id="x", role="system")
ids: dict[str, UUID] = {}


def uid(name: str) -> UUID:
    return ids.setdefault(name, uuid4())


def env(aggregate: str | UUID, on: date = date(2025, 1, 2)) -> dict[str, Any]:
    return {
        "event_id": uuid4(),
        "aggregate_id": aggregate if isinstance(aggregate, UUID) else uid(aggregate),
        "aggregate_version": 1,
        "occurred_at": datetime(on.year, on.month, on.day, 3, tzinfo=UTC),
        "actor": WHO,
        "correlation_id": uuid4(),
    }


def units(district: str) -> dict[str, str]:
    return {
        "commune_code": "23" + district,
        "province_code": "51",
        "legacy_district_code": district,
        "legacy_province_code": "62",
    }


def producer(name: str, kind: str, *, sme: bool = False, district: str = "615") -> Any:
    return rg.ProducerRegistered(
        **env(name),
        name=name,
        kind=kind,
        is_sme=sme,
        **units(district),
    )


def product(name: str, owner: str, district: str = "615") -> Any:
    return rg.ProductRegistered(
        **env(name), producer_id=uid(owner), name=name, product_set=13, **units(district)
    )


def submitted(dossier: str, name: str, kind: str, on: date, deadline: date | None = None) -> Any:
    return rg.DossierSubmitted(
        **env(dossier, on),
        product_id=uid(name),
        producer_id=uuid4(),
        kind=kind,
        received_on=on,
        commune_code="23615",
        check_deadline=deadline,
    )


def recognised(dossier: str, name: str, star: int, on: date, valid_to: date) -> Any:
    return ev.Recognized(
        **env(uuid4(), on),
        dossier_id=uid(dossier),
        product_id=uid(name),
        star=star,
        decision_no=f"QĐ-{dossier}",
        decided_on=on,
        authority="UBND huyện Đăk Hà",
        valid_from=on,
        valid_to=valid_to,
        certificate_no=f"GCN-{dossier}",
    )


def superseded(dossier: str, name: str, on: date, by: str) -> Any:
    return ev.CertificateSuperseded(
        **env(uuid4(), on),
        dossier_id=uid(dossier),
        product_id=uid(name),
        certificate_no=f"GCN-{dossier}",
        by_certificate_no=f"GCN-{by}",
        superseded_on=on,
    )


def concluded(kind: type[Any], name: str, on: date, plan: str) -> Any:
    extra = {"concluded_on": on, "conclusion_no": f"KL-{name}", "findings": "…"}
    return kind(
        **env(uuid4(), on),
        product_id=uid(name),
        inspection_kind="periodic",
        plan_id=uid(plan),
        **extra,
    )


def year_of_events() -> list[Any]:
    """The year of the module docstring: producers and products, certificates, dossiers."""
    return [*registered(), *certificates(), *dossiers()]


def registered() -> list[Any]:
    """Producers P1-P3 and products A-E, G, H in district 615; P4 and F in 612."""
    owners = (("A", "P1"), ("B", "P2"), ("C", "P3"), ("D", "P1"), ("E", "P2"), ("G", "P3"))
    return [
        producer("P1", "cooperative"),
        producer("P2", "enterprise", sme=True),
        producer("P3", "household_business"),
        producer("P4", "cooperative", district="612"),
        *(product(n, o) for n, o in (*owners, ("H", "P1"))),
        product("F", "P4", district="612"),
    ]


def certificates() -> list[Any]:
    """A first 3★; B re-recognised; C upgraded to 4★; D revoked; E expiring; F in 612."""
    d = date
    return [
        submitted("dA", "A", "first", d(2025, 1, 20)),
        recognised("dA", "A", 3, d(2025, 3, 10), d(2028, 3, 9)),
        recognised("dB0", "B", 3, d(2022, 5, 1), d(2025, 4, 30)),
        submitted("dB", "B", "re_evaluation", d(2025, 1, 25)),
        recognised("dB", "B", 3, d(2025, 4, 20), d(2028, 4, 19)),
        superseded("dB0", "B", d(2025, 4, 20), "dB"),
        recognised("dC0", "C", 3, d(2023, 1, 15), d(2026, 1, 14)),
        submitted("dC", "C", "upgrade", d(2025, 2, 1)),
        recognised("dC", "C", 4, d(2025, 5, 15), d(2028, 5, 14)),
        superseded("dC0", "C", d(2025, 5, 15), "dC"),
        submitted("dD", "D", "first", d(2025, 1, 5)),
        recognised("dD", "D", 3, d(2025, 2, 1), d(2028, 1, 31)),
        ev.Revoked(
            **env(uuid4(), d(2025, 6, 10)),
            dossier_id=uid("dD"),
            product_id=uid("D"),
            certificate_no="GCN-dD",
            decision_no="QĐ-thu-hồi-D",
            decided_on=d(2025, 6, 10),
            authority="UBND huyện",
            ground="b",
        ),
        recognised("dE", "E", 3, d(2022, 7, 1), d(2025, 6, 30)),
        submitted("dF", "F", "first", d(2025, 1, 6)),
        recognised("dF", "F", 3, d(2025, 3, 1), d(2028, 2, 28)),
    ]


def dossiers() -> list[Any]:
    """G past its commune check deadline; H forwarded to the province and returned."""
    d = date
    return [
        submitted("dG", "G", "first", d(2025, 5, 20), deadline=d(2025, 6, 5)),
        submitted("dH", "H", "first", d(2025, 3, 1)),
        ev.ForwardedToProvince(
            **env(uuid4(), d(2025, 5, 25)),
            dossier_id=uid("dH"),
            product_id=uid("H"),
            product_name="H",
            product_set=13,
            score=Decimal(88),
            from_level="district",
            to_level="province",
            forwarded_on=d(2025, 5, 25),
            awarded_star=4,
            next_round_decided_by=d(2025, 6, 30),
        ),
        ev.ReturnedByProvince(
            **env(uuid4(), d(2025, 6, 20)),
            dossier_id=uid("dH"),
            product_id=uid("H"),
            by_level="province",
            score=Decimal(68),
            star_band=3,
            options=["recognise"],
            returned_on=d(2025, 6, 20),
            reason="Dưới 70 điểm",
        ),
    ]


def promotion_and_inspection() -> list[Any]:
    """Promotion's and inspection's facts of the year in district 615."""
    return [*promotion(), *inspection()]


def joined(channel: str, owner: str, kind: str, modern: bool, partner: str) -> Any:
    """Producer `owner` sells through `channel` from 01/02/2025."""
    return pr.SalesChannelJoined(
        **env(channel),
        producer_id=uid(owner),
        channel_id=uid(channel),
        channel_type=kind,
        modern=modern,
        partner=partner,
        since=date(2025, 2, 1),
    )


def promotion() -> list[Any]:
    """P1's value chain; P2 in a supermarket until 31/05; P3 at a market; a showroom."""
    d = date
    return [
        pr.ValueChainLinked(
            **env("vc1"),
            producer_id=uid("P1"),
            link_id=uid("vc1"),
            raw_material_area="Đăk Hà",
            area="10",
            area_unit="ha",
            partner_kind="enterprise",
            partner="X",
            contract_no="1",
            since=d(2025, 1, 1),
        ),
        joined("ch1", "P2", "supermarket", True, "Co.op"),
        pr.SalesChannelLeft(
            **env("ch1", d(2025, 5, 31)),
            producer_id=uid("P2"),
            channel_id=uid("ch1"),
            channel_type="supermarket",
            left_on=d(2025, 5, 31),
        ),
        joined("ch2", "P3", "market", False, "Chợ"),
        pr.ShowroomOpened(
            **env("sr"),
            name="Điểm OCOP Đăk Hà",
            commune_code="23615",
            province_code="51",
            district_code="615",
            operator="HTX",
            opened_on=d(2025, 4, 1),
        ),
    ]


def inspection() -> list[Any]:
    """A Q2 plan for A and C: A passed, C failed."""
    d = date
    return [
        ins.InspectionPlanned(
            **env("plan"),
            jurisdiction="615",
            level="district",
            period="2025-Q2",
            starts_on=d(2025, 4, 1),
            ends_on=d(2025, 6, 30),
            cadence_months=3,
            cadence_source="kontum-district-2025",
            products=[
                ins.PlannedProduct(product_id=uid(n), certificate_no="x", star=3)
                for n in ("A", "C")
            ],
        ),
        concluded(ins.InspectionPassed, "A", d(2025, 6, 15), "plan"),
        concluded(ins.InspectionFailed, "C", d(2025, 6, 20), "plan"),
    ]


def apply(app: ReportingApp, events: list[Any]) -> None:
    """Each event applied in turn, from one source at increasing positions."""
    for n, event in enumerate(events, start=1):
        app.process_event(event, Tracking("test@t#0", n))


def app_with(events: list[Any], today: date = date(2026, 1, 10)) -> ReportingApp:
    """Reporting in memory on `today`, Kon Tum's district plan in force, `events` applied."""
    app = ReportingApp(
        {},
        clock=FixedClock(datetime(today.year, today.month, today.day, 3, tzinfo=UTC)),
        local_policies=("kontum-district-2025",),
    )
    apply(app, events)
    return app


def whole_year() -> ReportingApp:
    """Reporting with the whole year applied: every service's facts."""
    return app_with(year_of_events() + promotion_and_inspection())
