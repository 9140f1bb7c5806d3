"""Replies of the evaluation gRPC adapter: aggregates in, protobuf views out, each in the
caller's language (`lang`, from the ocop-lang metadata) where its text has two."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from contracts.rpc import evaluation_pb2 as pb
from rules import Tier
from rules.i18n import TIER_AUTHORITY
from rules.text import Lang
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.decisions import RecognitionDecision
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.rounds import Round
from services.evaluation.domain.text import explanation_from_codes


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def explanation_in(evaluation: Evaluation, lang: str) -> str:
    """The public explanation in `lang`; English falls back to a rendering of the stored
    codes (results adopted before English was recorded), then to the Vietnamese."""
    if lang != "en":
        return evaluation.explanation
    return (
        evaluation.explanation_en
        or explanation_from_codes(
            evaluation.rule_set_id,
            evaluation.score,
            evaluation.parts,
            evaluation.band,
            evaluation.outcome,
            evaluation.star or None,
            evaluation.routing,
        )
        or evaluation.explanation
    )


def view(evaluation: Evaluation, lang: str = "vi") -> pb.EvaluationView:
    """A dossier's evaluation; its public explanation in `lang` (vi or en): as recorded, or
    for a result recorded before its English text existed, rendered from its codes."""
    return pb.EvaluationView(
        dossier_id=str(evaluation.dossier_id),
        product_id=str(evaluation.product_id),
        product_name=evaluation.product_name,
        product_set=evaluation.product_set,
        status=evaluation.status,
        score=str(evaluation.score) if evaluation.score is not None else "",
        star=evaluation.star,
        outcome=evaluation.outcome,
        decision_no=evaluation.decision_no,
        rule_set_id=evaluation.rule_set_id,
        explanation=explanation_in(evaluation, lang),
        round_id=str(evaluation.round_id),
        level=evaluation.level,
        mode=evaluation.mode,
        forwarded_to=evaluation.forwarded_to,
        certificate_no=evaluation.certificate_no,
        returned_options=list(evaluation.returned.get("options", [])),
        kind=evaluation.kind,
        higher=_higher(evaluation.higher),
        advisory=[
            pb.AdvisoryRecord(kind=a["kind"], on=str(a["on"]), summary=a["summary"])
            for a in evaluation.advisory
        ],
    )


def _higher(answer: dict[str, Any]) -> pb.HigherAnswer | None:
    if not answer:
        return None
    return pb.HigherAnswer(
        level=answer["level"],
        result=answer["result"],
        score=str(answer["score"]),
        star=answer["star"],
        reason=answer["reason"],
        answered_by=answer["by"],
        answered_on=_d(answer["on"]),
    )


def round_view(round_: Round, lang: str = "vi", dossiers: list[UUID] | None = None) -> pb.RoundView:
    return pb.RoundView(
        round_id=str(round_.id),
        level=round_.level,
        jurisdiction=round_.jurisdiction,
        name=round_.name_en if lang == "en" else round_.name_vi,
        forwarded_by=_d(round_.forwarded_by),
        decided_by=_d(round_.decided_by),
        source=round_.source,
        status=round_.status,
        members=[
            pb.Member(member_id=m, name=v["name"], role=v["role"])
            for m, v in round_.members.items()
        ],
        dossier_ids=[str(d) for d in dossiers or ()],
    )


def decision_view(decision: RecognitionDecision, lang: str = "vi") -> pb.DecisionView:
    return pb.DecisionView(
        decision_no=decision.decision_no,
        decided_on=_d(decision.decided_on),
        signer=decision.signer,
        authority=" ".join(
            (TIER_AUTHORITY[Tier(decision.authority)][_lang(lang)], decision.jurisdiction)
        ).strip(),
        legal_basis=decision.legal_basis,
        items=[pb.DecisionItem(**item) for item in decision.items],
    )


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "vi"


def issuer_in(issuer: str, lang: str) -> str:
    """A certificate's issuer as stored ("UBND cấp huyện 615": the authority's Vietnamese
    name and its unit code) in `lang`: the name is read back as its tier's code."""
    for names in TIER_AUTHORITY.values():
        if issuer.startswith(names["vi"]):
            return names[_lang(lang)] + issuer.removeprefix(names["vi"])
    return issuer


def _case(entry: dict[str, Any] | None) -> str:
    if not entry:
        return ""
    return "; ".join(f"{k}={_d(v) if isinstance(v, date) else v}" for k, v in entry.items() if v)


def certificates_view(
    certification: ProductCertification, today: date | None = None, lang: str = "vi"
) -> pb.CertificatesView:
    """Every certificate of the product; `current` names the one in force (on `today`, when
    given: an expired certificate is never current, recorded as expired yet or not)."""
    held = certification.holding() if today is None else certification.in_force_on(today)
    return pb.CertificatesView(
        product_id=str(certification.product_id),
        current=held["number"] if held else "",
        certificates=[
            pb.Certificate(
                certificate_no=c["number"],
                dossier_id=c["dossier_id"],
                decision_no=c["decision_no"],
                star=c["star"],
                issuer=issuer_in(c["issuer"], lang),
                rule_set_id=c["rule_set_id"],
                issued_on=_d(c["issued_on"]),
                valid_to=_d(c["valid_to"]),
                status=c["status"],
                notice_by=_d(c["notice_by"]),
                window_opens=_d(c["window_opens"]),
                window_closes=_d(c["window_closes"]),
                grace_until=_d(c["grace_until"]),
                revocation=_case(c["revocation"]),
                reevaluation=_case(c["reevaluation"]),
            )
            for c in certification.certificates.values()
        ],
    )


def sheets_view(seen: dict[str, Any], lang: str = "vi") -> pb.SheetsView:
    """What `CouncilCommands.sheets_for` lets the actor see."""
    return pb.SheetsView(
        submitted=seen["submitted"],
        conflicted=seen["conflicted"],
        mode=seen["mode"],
        sheets=[
            pb.SheetTotal(
                member_id=m,
                total=str(s["total"]),
                part_a=str(s["parts"].get("A", "")),
                part_b=str(s["parts"].get("B", "")),
                part_c=str(s["parts"].get("C", "")),
            )
            for m, s in sorted(seen["sheets"].items())
        ],
        mean=seen["mean"] or "",
        spread=seen["spread"] or "",
    )
