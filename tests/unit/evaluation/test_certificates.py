"""A certificate's life with a moving clock, re-evaluation in time or late (revocation:
test_revocation)."""

from __future__ import annotations

from datetime import date

from contracts.evaluation import CertificateExpired, ReevaluationWindowOpened
from runtime.clock import FixedClock
from services.evaluation.application import EvaluationApp
from services.evaluation.bootstrap import EvaluationService
from tests.unit.evaluation.certification import move, refiled

# runtime/test_attacks_issue14 imports `recognised` from here: re-exported for it.
from tests.unit.evaluation.certification import recognised as recognised  # noqa: PLC0414
from tests.unit.evaluation.helpers import (
    DISTRICT_AUTHORITY,
    MEMBERS,
    R1_DISTRICT,
    SCORERS,
    adopt,
    arrive,
    decide,
    kinds,
    mark,
    published,
)


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
    decide(
        app,
        event.aggregate_id,
        "5/QĐ-UBND",
        date(2025, 5, 25),
        by=DISTRICT_AUTHORITY,
        signer="Chủ tịch UBND huyện",
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
    event = refiled(app, product, date(2029, 1, 5), date(2029, 1, 8))
    assert app.get_certification(product).holding()["reevaluation"]["timing"] == "on_time"  # type: ignore[index]
    adopt(app, event.aggregate_id, date(2029, 1, 9), dict.fromkeys(MEMBERS, 75), 4)
    start = mark(app)
    decide(app, event.aggregate_id, "40/QĐ-UBND", date(2029, 1, 10))
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
    event = refiled(app, product, date(2029, 1, 5), date(2029, 1, 8))
    adopt(app, event.aggregate_id, date(2029, 1, 19), dict.fromkeys(MEMBERS, 45))
    cert = app.get_certification(product).holding()
    assert cert is not None and cert["number"] == "12/2026/QĐ-UBND/01" and cert["status"] == "valid"


def test_a_late_filer_keeps_the_certificate_until_the_grace_ends(
    service: EvaluationService, clock: FixedClock
) -> None:
    """R3 Art. 12.3: filed after the window, valid until decided, at most 180 days on."""
    app, scheduler = service.app, service.scheduler()
    product = recognised(app)  # valid to 28/06/2029, window closed 28/02/2029
    move(clock, date(2029, 4, 1))
    refiled(app, product, date(2029, 3, 20), date(2029, 3, 28))
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
