"""Registration follows recognition (issue 20): evaluation's Recognized (and
RecognitionRecorded), CertificateExpired and Revoked give a product its current star and
certificate; an upgrade is compared with the recognised dossier; a re-evaluation dossier
is accepted only in the period the rules give, refused otherwise with the dates named;
the council's adopted result (Scored) is kept on the dossier."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from itertools import count
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import Tracking

from contracts.envelope import Actor
from contracts.evaluation import (
    CertificateExpired,
    RecognitionRecorded,
    Recognized,
    Revoked,
    Scored,
)
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from tests.unit.registration.helpers import assess_and_forward, complete, product

_positions = count(1)
AUTHORITY = Actor(id="ct-ubnd", role="authority", jurisdiction="51")


def deliver(app: RegistrationApp, event: Any) -> None:
    app.process_event(event, Tracking("evaluation@t#0", next(_positions)))


def envelope(**extra: Any) -> dict[str, Any]:
    return {
        "event_id": uuid4(),
        "aggregate_id": uuid4(),
        "aggregate_version": 1,
        "occurred_at": datetime(2026, 6, 1, tzinfo=UTC),
        "actor": AUTHORITY,
        "correlation_id": uuid4(),
        **extra,
    }


def recognized(product_id: UUID, dossier_id: UUID, valid_to: date, **extra: Any) -> Recognized:
    return Recognized(
        **envelope(rule_set_id=extra.pop("rule_set_id", "R3")),
        dossier_id=dossier_id,
        product_id=product_id,
        star=extra.pop("star", 4),
        decision_no="125/QĐ-UBND",
        decided_on=date(2023, 6, 28),
        authority="UBND tỉnh",
        valid_from=date(2023, 6, 28),
        valid_to=valid_to,
        certificate_no=extra.pop("certificate_no", "125/2023/QĐ-UBND/01"),
    )


def scored(product_id: UUID, dossier_id: UUID) -> Scored:
    return Scored(
        **envelope(rule_set_id="R3"),
        dossier_id=dossier_id,
        product_id=product_id,
        product_set=13,
        score=Decimal("72.50"),
        star_band=4,
        outcome="recognised",
        explanation="72,50 điểm: 4 sao",
        awarded_star=4,
        parts={"A": Decimal("30"), "B": Decimal("20"), "C": Decimal("22.5")},
        level="province",
        members_scoring=3,
    )


def revoked(product_id: UUID, certificate_no: str) -> Revoked:
    return Revoked(
        **envelope(),
        dossier_id=uuid4(),
        product_id=product_id,
        certificate_no=certificate_no,
        decision_no="9/QĐ-UBND",
        decided_on=date(2026, 5, 2),
        authority="UBND tỉnh",
        ground="a",
    )


def portfolio_row(line: int) -> dict[str, Any]:
    """One row of an office's register, as `ocop import portfolio` sends it."""
    return {
        "line": line,
        "producer_name": "Hợp tác xã Sáu Nhung",
        "producer_kind": "cooperative",
        "business_registration_no": "6101234568",
        "commune_code": "",
        "legacy_commune_code": "23500",
        "legal_representative": "Nguyễn Văn Sáu",
        "address": "Đăk Hà",
        "product_name": "Cà phê đặc biệt Sáu Nhung",
        "product_set": 13,
        "product_code": "",
    }


def earlier_row(line: int) -> dict[str, Any]:
    """One recognition of an earlier decision (R0), as the import sends it."""
    return {
        "line": line,
        "product_id": str(uuid4()),
        "product_name": "Cà phê đặc biệt Sáu Nhung",
        "star": 4,
        "score": "72.5",
        "decision_no": "1320/QĐ-UBND",
        "decided_on": "2021-12-24",
        "authority": "",
        "certificate_no": "",
        "valid_to": "",
        "unit": {"commune": "23500", "province": "51", "legacy_commune": "23500"},
    }


def forwarded(app: RegistrationApp, ctx: CommandContext, product_id: UUID, **kw: Any) -> UUID:
    dossier = app.dossiers.submit_dossier(ctx, product_id=product_id, **kw)
    complete(app, ctx, dossier, top=kw.get("kind") == "first")
    on = kw["received_on"]
    assess_and_forward(app, ctx, dossier, on)
    return dossier


def refusal(call: Any) -> CommandRejected:
    with pytest.raises(CommandRejected) as refused:
        call()
    return refused.value


def test_a_product_knows_its_star_and_certificate_and_their_end(
    app: RegistrationApp, actor: CommandContext
) -> None:
    product_id = product(app, actor)
    deliver(app, recognized(product_id, uuid4(), date(2026, 6, 28)))
    deliver(app, recognized(product_id, uuid4(), date(2026, 6, 28)))  # redelivered
    standing = app.get_product(product_id).standing
    assert standing is not None
    assert (standing["star"], standing["status"], standing["valid_to"]) == (
        4,
        "valid",
        date(2026, 6, 28),
    )
    expired = CertificateExpired(
        **envelope(),
        dossier_id=uuid4(),
        product_id=product_id,
        certificate_no="125/2023/QĐ-UBND/01",
        star=4,
        valid_to=date(2026, 6, 28),
        expired_on=date(2026, 6, 29),
    )
    deliver(app, expired)
    after = app.get_product(product_id)
    assert after.standing is not None and after.standing["status"] == "expired"
    assert after.certificate_in_force is None
    other = product(app, actor)
    recorded = RecognitionRecorded(
        **{
            **recognized(other, uuid4(), date(2027, 6, 28), rule_set_id="R1").model_dump(),
            "event_type": "RecognitionRecorded",
        },
        source_sha256="ab" * 32,
        source_line=2,
    )
    deliver(app, recorded)
    deliver(app, revoked(other, recorded.certificate_no))
    ended = app.get_product(other).standing
    assert ended is not None and ended["recorded"] and ended["status"] == "revoked"


def test_the_council_result_is_kept_for_the_next_level(
    app: RegistrationApp, actor: CommandContext
) -> None:
    product_id = product(app, actor)
    dossier = forwarded(app, actor, product_id, kind="first", received_on=date(2026, 6, 1))
    deliver(app, scored(product_id, dossier))
    result = app.get_dossier(dossier).council_result
    assert result is not None
    assert (result["score"], result["explanation"], result["level"]) == (
        "72.50",
        "72,50 điểm: 4 sao",
        "province",
    )


def test_an_upgrade_is_compared_with_the_recognised_dossier(
    app: RegistrationApp, actor: CommandContext
) -> None:
    product_id = product(app, actor)
    recognised = forwarded(app, actor, product_id, kind="first", received_on=date(2026, 6, 1))
    deliver(app, recognized(product_id, recognised, date(2029, 6, 28)))
    later = forwarded(
        app, actor, product_id, kind="upgrade", received_on=date(2026, 6, 10), changes_summary="x"
    )
    upgrade = app.dossiers.submit_dossier(
        actor,
        product_id=product_id,
        kind="upgrade",
        received_on=date(2026, 6, 20),
        changes_summary="Bao bì mới",
    )
    changes = app.changes_since_last_dossier(app.get_dossier(upgrade))
    assert changes["previous_dossier_id"] == str(recognised) != str(later)


def test_a_reevaluation_is_filed_only_in_the_rules_period(
    app: RegistrationApp, actor: CommandContext
) -> None:
    # R3 (in force on 01/10/2026, the expiry): window 180-120 days before, late filers
    # accepted until the expiry (Art. 12.3): 04/04/2026 to 01/10/2026
    product_id = product(app, actor)
    deliver(app, recognized(product_id, uuid4(), date(2026, 10, 1)))
    early = refusal(
        lambda: app.dossiers.submit_dossier(
            actor, product_id=product_id, kind="re_evaluation", received_on=date(2026, 3, 1)
        )
    )
    assert (early.kind, early.field) == ("failed_precondition", "received_on")
    assert "04/04/2026" in early.vi and "01/10/2026" in early.vi and "01/03/2026" in early.en
    filed = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="re_evaluation", received_on=date(2026, 6, 20)
    )
    assert app.get_dossier(filed).kind == "re_evaluation"
    # R2 at expiry (01/03/2026) gives no window: any day while in force, none after
    imported = product(app, actor)
    deliver(app, recognized(imported, uuid4(), date(2026, 3, 1), rule_set_id="R1"))
    late = refusal(
        lambda: app.dossiers.submit_dossier(
            actor, product_id=imported, kind="re_evaluation", received_on=date(2026, 3, 2)
        )
    )
    assert late.field == "received_on" and "01/03/2026" in late.vi
    on_time = app.dossiers.submit_dossier(
        actor, product_id=imported, kind="re_evaluation", received_on=date(2026, 2, 2)
    )
    assert app.get_dossier(on_time).kind == "re_evaluation"
