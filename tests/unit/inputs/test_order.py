"""Issue 10, kind 2: facts in an impossible order are refused by the aggregate that owns
them, through one check (`runtime.clock.check_not_before`); a higher level's star is
checked against the score band of the rule set."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from tests.unit.evaluation.helpers import MINISTRY
from tests.unit.evaluation.test_forwarding import forwarded_r3
from tests.unit.registration.helpers import product

OFFICER = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))


@pytest.fixture
def registration(memory_settings: object) -> RegistrationApp:
    from datetime import UTC, datetime

    from runtime.clock import FixedClock
    from services.registration.bootstrap import build

    return build(memory_settings, clock=FixedClock(datetime(2026, 6, 20, 8, tzinfo=UTC))).app  # type: ignore[arg-type]


def submitted(app: RegistrationApp) -> Any:
    return app.dossiers.submit_dossier(
        OFFICER, product_id=product(app, OFFICER), kind="first", received_on=date(2026, 6, 10)
    )


def test_a_dossier_returned_before_it_was_received_is_refused(
    registration: RegistrationApp,
) -> None:
    dossier = submitted(registration)
    with pytest.raises(CommandRejected) as refused:
        registration.dossiers.return_dossier(
            OFFICER, dossier_id=dossier, reason="Thiếu giấy tờ", returned_on=date(2026, 6, 9)
        )
    assert refused.value.field == "returned_on"


def test_samples_received_before_the_dossier_are_refused(registration: RegistrationApp) -> None:
    """The issue's example was 1900; the edge refuses that, the aggregate any earlier day."""
    dossier = submitted(registration)
    with pytest.raises(CommandRejected) as refused:
        registration.dossiers.receive_samples(
            OFFICER, dossier_id=dossier, count=2, received_on=date(2026, 6, 1)
        )
    assert refused.value.field == "received_on"


def test_a_higher_level_star_above_its_score_band_is_refused(memory_settings: Any) -> None:
    """The issue's example: a higher-level answer with score 12 and star 5."""
    from datetime import UTC, datetime

    from runtime.clock import FixedClock
    from services.evaluation.bootstrap import build

    app = build(memory_settings, clock=FixedClock(datetime(2026, 7, 1, 8, tzinfo=UTC))).app
    dossier, _ = forwarded_r3(app)
    with pytest.raises(CommandRejected) as refused:
        app.forwarding.record_higher_result(
            CommandContext(actor=MINISTRY),
            dossier_id=dossier,
            result="recognised",
            score="12",
            star=5,
            decision_no="300/QĐ-BNNMT",
            decided_on=date(2026, 6, 30),
        )
    assert refused.value.field == "star"


def test_an_idea_accepted_before_it_was_submitted_is_refused(
    registration: RegistrationApp,
) -> None:
    from tests.unit.registration.helpers import producer

    idea = registration.ideas.register_idea(
        OFFICER,
        producer_id=producer(registration, OFFICER),
        name="Cà phê rang xay",
        product_set=13,
        submitted_on=date(2026, 6, 10),
    )
    with pytest.raises(CommandRejected) as refused:
        registration.ideas.accept_idea(OFFICER, idea_id=idea, decided_on=date(2026, 6, 9))
    assert refused.value.field == "decided_on"
    registration.ideas.accept_idea(OFFICER, idea_id=idea, decided_on=date(2026, 6, 10))
