"""Revoking a certificate: opened by a failed inspection, decided only by the authority
the rule set names and in time (else flagged overdue), never undone, bad input refused."""

from __future__ import annotations

from datetime import date

import pytest

from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from services.evaluation.application import EvaluationApp
from services.evaluation.bootstrap import EvaluationService
from tests.unit.evaluation.certification import COMMUNE, inspection_failed, move, recognised
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    OFFICER,
    deliver,
    mark,
    published,
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
