"""A certificate's life with a moving clock, re-evaluation in time, and revocation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from contracts.envelope import Actor
from contracts.evaluation import CertificateExpired, ReevaluationWindowOpened
from contracts.inspection import InspectionFailed
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.evaluation.application import EvaluationApp
from services.evaluation.bootstrap import EvaluationService
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    MEMBERS,
    OFFICER,
    R1_DISTRICT,
    SCORERS,
    adopt,
    arrive,
    deliver,
    kinds,
    mark,
    published,
)

COMMUNE = CommandContext(actor=Actor(id="xa", role="commune_officer", jurisdiction="23500"))


def recognised(
    app: EvaluationApp,
    *,
    kind: str = "first",
    product: UUID | None = None,
    received: date = date(2026, 6, 1),
    assessed_on: date = date(2026, 6, 12),
    decided_on: date = date(2026, 6, 28),
    total: int = 65,
    number: str = "12/QĐ-UBND",
) -> UUID:
    event = arrive(app, kind=kind, product_id=product, received=received, assessed_on=assessed_on)
    adopt(app, event.aggregate_id, assessed_on + timedelta(days=5), dict.fromkeys(MEMBERS, total))
    app.decisions.issue_decision(
        AUTHORITY,
        decision_no=number,
        decided_on=decided_on,
        signer="Chủ tịch",
        dossier_ids=[event.aggregate_id],
    )
    return event.product_id


def move(clock: FixedClock, day: date) -> None:
    clock.advance(datetime(day.year, day.month, day.day, 8, tzinfo=UTC) - clock.now())


def test_a_certificate_lives_and_expires_with_the_clock(
    service: EvaluationService, clock: FixedClock
) -> None:
    app, scheduler = service.app, service.scheduler()
    product = recognised(app)
    cert = app.get_certification(product).holding()
    assert cert is not None
    # R3: valid 36 months to 28/06/2029; file 180 to 120 days before; grace 180 days
    assert (cert["valid_to"], cert["window_opens"], cert["window_closes"], cert["notice_by"]) == (
        date(2029, 6, 28),
        date(2028, 12, 30),
        date(2029, 2, 28),
        None,
    )
    start = mark(app)
    assert scheduler.tick() == 0
    move(clock, date(2028, 12, 29))
    assert scheduler.tick() == 0
    move(clock, date(2028, 12, 30))
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0  # idempotent
    window = published(app, start)[0][1]
    assert isinstance(window, ReevaluationWindowOpened) and window.closes_on == date(2029, 2, 28)
    move(clock, date(2029, 6, 28))
    assert scheduler.tick() == 0  # the last valid day
    move(clock, date(2029, 6, 29))
    assert scheduler.tick() == 1
    expired = published(app, start)[-1][1]
    assert isinstance(expired, CertificateExpired) and expired.expired_on == date(2029, 6, 29)
    assert app.get_certification(product).cert()["status"] == "expired"  # type: ignore[index]
    # a fresh scheduler (restart) re-reads the log and emits nothing twice
    assert service.scheduler().tick() == 0


def test_an_r1_certificate_gets_its_expiry_notice(
    service: EvaluationService, clock: FixedClock
) -> None:
    app, scheduler = service.app, service.scheduler()
    move(clock, date(2025, 6, 20))
    event = arrive(app, **R1_DISTRICT)
    adopt(app, event.aggregate_id, date(2025, 5, 20), dict.fromkeys(SCORERS, 60), 3, "R1")
    app.decisions.issue_decision(
        DISTRICT_AUTHORITY,
        decision_no="5/QĐ-UBND",
        decided_on=date(2025, 5, 25),
        signer="Chủ tịch UBND huyện",
        dossier_ids=[event.aggregate_id],
    )
    start = mark(app)
    move(clock, date(2028, 4, 24))
    # renewal follows the rules in force at expiry (R3): its window opened on 27/11/2027
    assert kinds(published(app, start)) == [] and scheduler.tick() == 1
    assert kinds(published(app, start)) == ["ReevaluationWindowOpened"]
    move(clock, date(2028, 4, 25))  # valid to 25/05/2028; R1's notice 30 days before
    assert scheduler.tick() == 1
    assert kinds(published(app, start))[-1] == "CertificateExpiryNoticeDue"


def test_re_evaluated_in_time_replaces_the_certificate(
    service: EvaluationService, clock: FixedClock
) -> None:
    app, scheduler = service.app, service.scheduler()
    product = recognised(app)
    move(clock, date(2029, 1, 10))
    scheduler.tick()
    # the producer files inside the window; the commune forwards it
    event = arrive(
        app,
        kind="re_evaluation",
        product_id=product,
        received=date(2029, 1, 5),
        assessed_on=date(2029, 1, 8),
    )
    assert app.get_certification(product).holding()["reevaluation"]["timing"] == "on_time"  # type: ignore[index]
    adopt(app, event.aggregate_id, date(2029, 1, 9), dict.fromkeys(MEMBERS, 75), 4)
    start = mark(app)
    app.decisions.issue_decision(
        AUTHORITY,
        decision_no="40/QĐ-UBND",
        decided_on=date(2029, 1, 10),
        signer="Chủ tịch",
        dossier_ids=[event.aggregate_id],
    )
    assert kinds(published(app, start)) == ["Recognized", "CertificateSuperseded"] or kinds(
        published(app, start)
    ) == ["CertificateSuperseded", "Recognized"]
    certification = app.get_certification(product)
    assert [c["status"] for c in certification.certificates.values()] == ["superseded", "valid"]
    move(clock, date(2029, 6, 29))  # the old one's expiry passes: nothing happens
    assert scheduler.tick() == 0
    assert certification.holding()["star"] == 4  # type: ignore[index]


def test_a_failed_re_evaluation_keeps_the_old_certificate(
    app: EvaluationApp, clock: FixedClock
) -> None:
    product = recognised(app)
    move(clock, date(2029, 1, 20))
    event = arrive(
        app,
        kind="re_evaluation",
        product_id=product,
        received=date(2029, 1, 5),
        assessed_on=date(2029, 1, 8),
    )
    adopt(app, event.aggregate_id, date(2029, 1, 19), dict.fromkeys(MEMBERS, 45))
    cert = app.get_certification(product).holding()
    assert cert is not None and cert["number"] == "12/2026/QĐ-UBND/01" and cert["status"] == "valid"


def inspection_failed(product: UUID) -> InspectionFailed:
    return InspectionFailed(
        event_id=uuid4(),
        aggregate_id=uuid4(),
        aggregate_version=2,
        occurred_at=datetime(2027, 3, 2, tzinfo=UTC),
        actor=Actor(id="doan-kiem-tra", role="province_officer", jurisdiction="51"),
        correlation_id=uuid4(),
        rule_set_id="R3",
        product_id=product,
        inspection_kind="periodic",
        concluded_on=date(2027, 3, 1),
        conclusion_no="KL-07/2027",
        findings="Không duy trì công bố chất lượng",
    )


def test_revocation_from_an_inspection_failure(
    service: EvaluationService, clock: FixedClock
) -> None:
    app = service.app
    product = recognised(app)
    move(clock, date(2027, 3, 5))
    start = mark(app)
    deliver(app, inspection_failed(product), "inspection")
    opened = published(app, start)[0][1]
    assert opened.event_type == "RevocationOpened"
    assert (opened.ground, opened.decide_by) == ("b", date(2027, 3, 16))  # type: ignore[attr-defined]
    # only the authority the rule set names may revoke
    for who in (COMMUNE, OFFICER, DISTRICT_AUTHORITY):
        with pytest.raises(CommandRejected) as refused:
            app.certificates.decide_revocation(
                who,
                product_id=product,
                decision_no="9/QĐ-UBND",
                decided_on=date(2027, 3, 5),
                signer="X",
            )
        assert refused.value.kind == "permission_denied"
    app.certificates.decide_revocation(
        AUTHORITY,
        product_id=product,
        decision_no="9/QĐ-UBND",
        decided_on=date(2027, 3, 5),
        signer="Chủ tịch UBND tỉnh",
    )
    revoked = published(app, start)[-1][1]
    assert revoked.event_type == "Revoked" and revoked.overdue is False  # type: ignore[attr-defined]
    # a revoked certificate never comes back
    move(clock, date(2030, 1, 1))
    assert service.scheduler().tick() == 0
    with pytest.raises(CommandRejected) as refused:
        app.certificates.open_revocation(
            OFFICER, product_id=product, ground="b", reference="x", concluded_on=date(2029, 12, 1)
        )
    assert "never come back" in refused.value.en
    assert app.get_certification(product).cert()["status"] == "revoked"  # type: ignore[index]


def test_a_revocation_not_decided_in_time_is_flagged(
    service: EvaluationService, clock: FixedClock
) -> None:
    app, scheduler = service.app, service.scheduler()
    product = recognised(app)
    move(clock, date(2027, 3, 1))
    app.certificates.open_revocation(
        OFFICER,
        product_id=product,
        ground="d",
        reference="BB-3/2027",
        concluded_on=date(2027, 3, 1),
    )
    move(clock, date(2027, 3, 17))
    start = mark(app)
    scheduler.tick()
    stored = [
        type(app.mapper.to_domain_event(n)).__qualname__
        for n in app.recorder.select_notifications(start=start, limit=10, inclusive_of_start=False)
    ]
    assert stored == ["ProductCertification.RevocationOverdue"]
    app.certificates.decide_revocation(
        AUTHORITY,
        product_id=product,
        decision_no="10/QĐ-UBND",
        decided_on=date(2027, 3, 17),
        signer="Chủ tịch",
    )
    assert published(app, start)[-1][1].overdue is True  # type: ignore[attr-defined]


def test_revocation_refuses_bad_input(app: EvaluationApp) -> None:
    product = recognised(app)
    before = mark(app)
    for kwargs, field in (
        ({"ground": "z", "reference": "x", "concluded_on": date(2026, 6, 30)}, "ground"),
        ({"ground": "a", "reference": " ", "concluded_on": date(2026, 6, 30)}, "reference"),
        ({"ground": "a", "reference": "x", "concluded_on": date(2030, 1, 1)}, "concluded_on"),
    ):
        with pytest.raises(CommandRejected) as refused:
            app.certificates.open_revocation(OFFICER, product_id=product, **kwargs)  # type: ignore[arg-type]
        assert refused.value.field == field
    with pytest.raises(CommandRejected) as refused:
        app.certificates.decide_revocation(
            AUTHORITY, product_id=product, decision_no="1", decided_on=date(2026, 6, 30), signer="x"
        )
    assert refused.value.kind == "failed_precondition"  # no case open
    with pytest.raises(CommandRejected) as refused:
        app.certificates.open_revocation(
            COMMUNE, product_id=product, ground="a", reference="x", concluded_on=date(2026, 6, 30)
        )
    assert refused.value.kind == "permission_denied"
    assert mark(app) == before


def test_a_late_filer_keeps_the_certificate_until_the_grace_ends(
    service: EvaluationService, clock: FixedClock
) -> None:
    """R3 Art. 12.3: filed after the window, valid until decided, at most 180 days on."""
    app, scheduler = service.app, service.scheduler()
    product = recognised(app)  # valid to 28/06/2029, window closed 28/02/2029
    move(clock, date(2029, 4, 1))
    arrive(
        app,
        kind="re_evaluation",
        product_id=product,
        received=date(2029, 3, 20),
        assessed_on=date(2029, 3, 28),
    )
    filed = app.get_certification(product).holding()["reevaluation"]  # type: ignore[index]
    assert (filed["timing"], filed["valid_until"]) == ("late", date(2029, 12, 25))
    scheduler.tick()
    move(clock, date(2029, 7, 15))  # past valid_to, inside the grace: still valid,
    assert scheduler.tick() == 1  # but the 45 days to decide (R3 Art. 7.6.g) have passed
    assert app.get_certification(product).cert()["done"][-1] == "reevaluation_overdue"  # type: ignore[index]
    assert app.get_certification(product).cert()["status"] == "valid"  # type: ignore[index]
    move(clock, date(2029, 12, 26))  # never decided: the grace ends
    assert scheduler.tick() == 1
    assert app.get_certification(product).cert()["status"] == "expired"  # type: ignore[index]
