"""Whose record each registration call touches (`runtime.identity.scope`): every record
of a producer — its ideas, products, dossiers — lies in the producer's units and belongs
to the producer's sign-in; a new producer lies in the commune the request names."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from contracts.rpc import registration_pb2 as pb
from runtime.identity.scope import LISTED, Locate, Record
from runtime.jurisdiction import UnitPath
from services.registration.application import RegistrationApp
from services.registration.domain import Producer


def producer_record(producer: Producer) -> Record:
    return Record(producer.path, producer.account)


def _producer(app: RegistrationApp, producer_id: str) -> Record:
    """The producer's units and account: fixed at registration, so from the app's cache."""
    return producer_record(app.registered_producer(UUID(producer_id)))


def _new_producer(servicer: Any, request: Any) -> Record | None:
    """The commune (and, for a pre-2025 commune, its old district and province) named."""
    app: RegistrationApp = servicer.app
    legacy = app.locate_legacy_commune(request.legacy_commune_code.strip()) or {}
    commune = request.commune_code.strip() or str(legacy.get("new_commune_code") or "")
    province = app.locate_commune(commune)
    if province is None:  # an unknown commune: the handler refuses it by its field
        return None
    return Record(
        UnitPath(
            commune=commune,
            province=province,
            district=str(legacy.get("old_district_code") or ""),
            legacy_commune=str(legacy.get("old_commune_code") or ""),
            legacy_province=str(legacy.get("old_province_code") or ""),
        )
    )


def by_rows(servicer: Any, request: pb.ImportPortfolioRequest) -> list[Record]:
    """An import: the commune each row names (rows naming an unknown one are refused by
    the import with their line)."""
    found = (_new_producer(servicer, row) for row in request.rows)
    return [record for record in found if record is not None]


def by_producer(servicer: Any, request: Any) -> Record:
    return _producer(servicer.app, request.producer_id)


def by_idea(servicer: Any, request: Any) -> Record:
    app: RegistrationApp = servicer.app
    return _producer(app, str(app.get_idea(UUID(request.idea_id)).producer_id))


def by_product(servicer: Any, request: Any) -> Record:
    app: RegistrationApp = servicer.app
    return _producer(app, str(app.get_product(UUID(request.product_id)).producer_id))


def by_dossier(servicer: Any, request: Any) -> Record:
    app: RegistrationApp = servicer.app
    return _producer(app, str(app.get_dossier(UUID(request.dossier_id)).producer_id))


def _idea_or_producer(servicer: Any, request: pb.RegisterProductRequest) -> Record:
    return by_idea(servicer, request) if request.idea_id else by_producer(servicer, request)


TABLE: dict[str, Locate | str] = {
    "RegisterProducer": _new_producer,
    "RegisterIdea": by_producer,
    "AdvanceIdea": by_idea,
    "RegisterProduct": _idea_or_producer,
    "SubmitDossier": by_product,
    "RecordSelfAssessment": by_dossier,
    "AttachDocument": by_dossier,
    "ReceiveAtCommune": by_dossier,
    "ReturnDossier": by_dossier,
    "ResubmitDossier": by_dossier,
    "AssessDossier": by_dossier,
    "ForwardDossier": by_dossier,
    "GetDossier": by_dossier,
    "ListDossiers": LISTED,
    "GetProducer": by_producer,
    "GetProduct": by_product,
    "ListIdeas": LISTED,
    "ErasePersonalData": by_producer,
    "ImportPortfolio": by_rows,
    "GetDossierBundle": by_dossier,
    "GetDocument": by_dossier,  # exactly as GetDossier: the document is the dossier's
}
