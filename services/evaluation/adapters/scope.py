"""Whose record each evaluation call touches (`runtime.identity.scope`): a dossier's
evaluation lies in the dossier's units (`Evaluation.path`, from the commune's forwarding);
a product's certificates in the units of the dossier its current certificate was issued
on. Evaluation does not know a producer's sign-in, so `own` reaches nothing here yet.

Rounds are left to the policy and the service's own check (`domain/council.py`: the
round's unit against the actor's): a round spans a unit's communes, and everyone whose
dossiers are in it may read it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from runtime.identity.scope import UNSCOPED, Locate, Record
from runtime.jurisdiction import UnitPath
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.model import Evaluation


def by_dossier(servicer: Any, request: Any) -> Record | None:
    app: EvaluationApp = servicer.app
    evaluation = app.find(Evaluation.id_for(UUID(request.dossier_id)), Evaluation)
    return Record(evaluation.path) if evaluation is not None else None


def by_dossiers(servicer: Any, request: Any) -> list[Record]:
    app: EvaluationApp = servicer.app
    found = (app.find(Evaluation.id_for(UUID(d)), Evaluation) for d in request.dossier_ids)
    return [Record(e.path) for e in found if e is not None]


def by_product(servicer: Any, request: Any) -> Record | None:
    app: EvaluationApp = servicer.app
    certification = app.find_certification(UUID(request.product_id))
    current = certification.cert() if certification is not None else None
    if not current or not current.get("dossier_id"):
        return None
    evaluation = app.find(Evaluation.id_for(UUID(current["dossier_id"])), Evaluation)
    return Record(evaluation.path) if evaluation is not None else None


def by_rows(servicer: Any, request: Any) -> list[Record]:
    """Earlier recognitions: each row names its units."""
    return [
        Record(
            UnitPath(
                commune=row.commune,
                province=row.province,
                district=row.district,
                legacy_commune=row.legacy_commune,
                legacy_province=row.legacy_province,
            )
        )
        for row in request.rows
    ]


TABLE: dict[str, Locate | str] = {
    "RecordEarlierRecognitions": by_rows,
    "OpenRound": UNSCOPED,
    "AppointMember": UNSCOPED,
    "GetRound": UNSCOPED,
    "DeclareConflict": by_dossier,
    "RecordAdvisory": by_dossier,
    "SubmitSheet": by_dossier,
    "GetSheets": by_dossier,
    "RequestRescore": by_dossier,
    "ConveneMeeting": by_dossier,
    "AdoptResult": by_dossier,
    "ApproveAndForward": by_dossier,
    "RecordHigherLevelResult": by_dossier,
    "Reevaluate": by_dossier,
    "IssueDecision": by_dossiers,
    "GetCertificates": by_product,
    "GetDecisionDocument": by_dossier,
    "GetCertificateDocument": by_product,
    "OpenRevocation": by_product,
    "DecideRevocation": by_product,
    "GetEvaluation": by_dossier,
}
