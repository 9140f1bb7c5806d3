"""Replies of the registration gRPC API: aggregates and query results as proto views."""

from __future__ import annotations

from datetime import date

from contracts.rpc import registration_pb2 as pb
from runtime.personal_data import ERASED, Erased
from services.registration.application import RegistrationApp
from services.registration.application.rulebook import requirements
from services.registration.domain import Dossier, Producer, Product, ProductIdea
from services.registration.projections.listings import DossierRow, IdeaRow


def iso(value: date | None) -> str:
    """A date as yyyy-mm-dd, or "" when absent (proto3 has no null)."""
    return value.isoformat() if value else ""


def idea_view(idea: ProductIdea | IdeaRow) -> pb.IdeaView:
    return pb.IdeaView(
        idea_id=str(idea.id),
        producer_id=str(idea.producer_id),
        name=idea.name,
        product_set=idea.product_set,
        status=idea.status,
        reason=idea.reason or "",
        product_id=str(idea.product_id) if idea.product_id else "",
    )


def producer_view(app: RegistrationApp, p: Producer, lang: str = "vi") -> pb.ProducerView:
    """The producer with its personal data opened, or the erasure placeholder in `lang`."""
    legacy = p.legacy_unit or {}
    data = app.personal_data(p)
    erased = isinstance(data, Erased)
    gone = ERASED.text(lang)
    rep = {} if erased else data["legal_representative"]
    return pb.ProducerView(
        legal_representative=gone if erased else rep["name"],
        legal_rep_gender=gone if erased else rep.get("gender") or "",
        legal_rep_ethnicity=gone if erased else rep.get("ethnicity") or "",
        legal_rep_disability=False if erased else bool(rep.get("disability")),
        address=gone if erased else data.get("address") or "",
        personal_data_erased=erased,
        account=p.account,
        producer_id=str(p.id),
        name=p.name,
        kind=p.kind,
        is_sme=p.is_sme,
        business_registration_no=p.business_registration_no or "",
        commune_code=p.commune_code,
        province_code=p.province_code,
        legacy_commune_code=legacy.get("old_commune_code", ""),
        legacy_district_code=legacy.get("old_district_code", ""),
        legacy_province_code=legacy.get("old_province_code", ""),
        legacy_valid_to=legacy.get("valid_to", ""),
        legal_rep_qualifies_3_2=p.qualifies_for_3_2,
    )


def product_view(p: Product) -> pb.ProductView:
    legacy = p.legacy_unit or {}
    return pb.ProductView(
        product_id=str(p.id),
        producer_id=str(p.producer_id),
        name=p.name,
        product_set=p.product_set,
        commune_code=p.commune_code,
        province_code=p.province_code,
        legacy_commune_code=legacy.get("old_commune_code", ""),
        legacy_district_code=legacy.get("old_district_code", ""),
        codes=[
            pb.ProductCode(code=c["code"], format=c["format"], assigned_on=iso(c["assigned_on"]))
            for c in p.codes
        ],
        dossier_ids=[str(i) for i in p.dossier_ids],
        idea_id=str(p.idea_id) if p.idea_id else "",
    )


def dossier_brief(app: RegistrationApp, d: DossierRow) -> pb.DossierView:
    """The dossier's status line, as listed (no documents, gaps or changes)."""
    return pb.DossierView(
        dossier_id=str(d.id),
        product_id=str(d.product_id),
        producer_id=str(d.producer_id),
        product_set=d.product_set,
        kind=d.kind,
        status=d.status,
        received_on=iso(d.received_on),
        assessed_on=iso(d.assessed_on),
        report_no=d.report_no or "",
        forwarded_to=d.forwarded_to or "",
        forwarded_on=iso(d.forwarded_on),
        rule_set_id=d.rule_set_id,
        product_code=d.product_code or "",
        check_deadline=iso(d.check_deadline),
        overdue=d.is_overdue(app.clock.today()),
        self_assessed=d.self_assessed,
        samples=d.samples,
        paper_copy_received_on=iso(d.paper_copy_received_on),
    )


def dossier_view(app: RegistrationApp, d: Dossier, lang: str = "vi") -> pb.DossierView:
    """The whole dossier: status, documents, what is missing (in `lang`, vi or en),
    returns, changes since the product's previous forwarded dossier."""
    view = dossier_brief(app, DossierRow.of(d))
    view.criteria_on_sheet = len(requirements(d.rule_set_id, d.kind, d.product_set).sheet)
    view.documents.extend(pb.DocumentView(**doc) for doc in d.documents.values())
    view.missing.extend(en if lang == "en" else vi for vi, en in app.missing(d))
    view.returns.extend(f"{iso(r['returned_on'])}: {r['reason']}" for r in d.returns)
    changes = app.changes_since_last_dossier(d) if d.kind != "first" else {}
    view.changes.extend(
        pb.Change(criterion=code, before=c["before"] or "", after=c["after"])
        for code, c in changes.get("criteria", {}).items()
    )
    return view
