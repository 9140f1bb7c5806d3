"""The audit trail and the as-of answers over reporting's journal (issue 17): a product's
year of events from several services, applied as the bus delivers them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import pytest

from runtime.clock import local_date
from runtime.errors import CommandRejected
from runtime.settings import Settings
from runtime.tracking import DuplicateEvent, EventTracking, event_key
from services.reporting.application import ReportingApp
from services.reporting.bootstrap import build
from tests.unit.published_events import message, source_of
from tests.unit.reporting.audit_year import Year


def tracking(topic: str, n: int, event: Any) -> EventTracking:
    key = event_key(event.event_type, event.event_id)
    return EventTracking(f"{source_of(topic)}@{topic}#0", n, key)


@pytest.fixture
def app(app_settings: Settings) -> Iterator[ReportingApp]:
    app = build(app_settings).app
    yield app
    app.close()


@pytest.fixture
def year(app: ReportingApp) -> Year:
    """The year applied in time order; the live catalogue row recorded after each day."""
    year = Year()
    year.published = year.build()
    for n, (topic, event) in enumerate(year.published, start=1):
        app.process_event(event, tracking(topic, n, event))
        day = local_date(event.occurred_at)
        year.recorded[day] = app.get_product(str(year.product))
        year.kpis[day] = app.view.kpi_snapshot()
    return year


def test_a_products_trail_has_every_service_in_time_order(app: ReportingApp, year: Year) -> None:
    trail = app.audit.trail("product", str(year.product))
    assert [e["event_type"] for e in trail] == [e.event_type for e in year.events]
    assert [e["service"] for e in trail] == [
        "registration",
        "registration",
        "registration",
        "evaluation",
        "evaluation",
        "inspection",
        "evaluation",
        "evaluation",
    ]
    decision = trail[4]
    assert decision["when"] == "28/06/2026 10:00:00"  # Vietnam time
    assert decision["occurred_at"] == "2026-06-28T10:00:00+07:00"
    assert (decision["actor_id"], decision["actor_role"], decision["actor_jurisdiction"]) == (
        "ct-ubnd-tinh",
        "authority",
        "51",
    )
    assert decision["decision_no"] == "125/QĐ-UBND"
    assert decision["legal_basis"] == "QĐ 34/2026"  # the event's own
    assert decision["rule_set_id"] == "R3"
    assert "sao 3" in decision["what"] and "GCN GCN-125" in decision["what"]
    # Causation: each event names the one before it, and the trail says which it was
    assert [e["caused_by"] for e in trail] == ["", *[e.event_type for e in year.events[:-1]]]
    assert {e["correlation_id"] for e in trail} == {str(year.flow)}
    # An event with only a rule set shows the rule set's instruments as its legal basis
    assert trail[1]["legal_basis"] and trail[1]["legal_basis"] != "QĐ 34/2026"
    english = app.audit.trail("product", str(year.product), "en")
    assert english[4]["what"].startswith("Recognition decision")


def test_a_decision_and_a_certificate_bring_their_dossier(app: ReportingApp, year: Year) -> None:
    decision = app.audit.trail("decision", "125/QĐ-UBND")
    types = [e["event_type"] for e in decision]
    # the dossier's path to the decision, and what later happened to that dossier
    assert types[:5] == [
        "DossierSubmitted",
        "CommuneAssessed",
        "Scored",
        "Recognized",
        "RevocationOpened",
    ]
    assert "ProductRegistered" not in types
    certificate = app.audit.trail("certificate", "GCN-125")
    assert [e["event_type"] for e in certificate][-3:] == [
        "InspectionFailed",
        "RevocationOpened",
        "Revoked",
    ]
    revocation = app.audit.trail("decision", "9/QĐ-UBND")
    assert revocation[-1]["decision_no"] == "9/QĐ-UBND"
    dossier = app.audit.trail("dossier", str(year.dossier))
    assert "InspectionFailed" in [e["event_type"] for e in dossier]  # via its certificate


def test_unknown_records_and_kinds_are_refused(app: ReportingApp, year: Year) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.audit.trail("product", str(uuid4()))
    assert (refused.value.kind, refused.value.field) == ("not_found", "id")
    with pytest.raises(CommandRejected) as refused:
        app.audit.trail("producer", str(year.producer))
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", "kind")
    with pytest.raises(CommandRejected) as refused:
        app.audit.product_as_of(str(year.product), "31/02/2026")
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", "as_of")


def test_as_of_answers_match_what_was_recorded_at_the_time(app: ReportingApp, year: Year) -> None:
    recorded = year.recorded
    assert len(recorded) == 8
    for day, live in recorded.items():
        then = app.audit.product_as_of(str(year.product), day.isoformat())
        assert {k: then[k] for k in live} == live, day
        # and the day before the next event changes nothing
        quiet = app.audit.product_as_of(str(year.product), (day + timedelta(days=1)).isoformat())
        assert quiet["status"] == then["status"] or day + timedelta(days=1) in recorded
    with pytest.raises(CommandRejected) as refused:
        app.audit.product_as_of(str(year.product), "2026-03-01")  # not registered yet
    assert refused.value.kind == "not_found"


def test_certificate_validity_on_past_dates(app: ReportingApp, year: Year) -> None:
    def standing(day: str) -> list[tuple[str, str, str]]:
        row = app.audit.product_as_of(str(year.product), day)
        return [(c["certificate_no"], c["standing"], c["ended_by"]) for c in row["certificates"]]

    assert standing("2026-06-27") == []
    assert standing("2026-06-28") == [("GCN-125", "valid", "")]
    assert standing("2027-01-09") == [("GCN-125", "valid", "")]
    assert standing("2027-01-10") == [("GCN-125", "revoked", "9/QĐ-UBND")]
    listed = app.audit.products_as_of("2026-12-31")
    assert [(r["status"], r["valid_certificate"]) for r in listed] == [("recognised", "GCN-125")]
    assert app.audit.products_as_of("2027-01-10", "recognised") == []
    revoked = app.audit.products_as_of("2027-01-10", "revoked")
    assert [(r["star"], r["valid_certificate"]) for r in revoked] == [(3, "")]


def test_a_redelivered_event_adds_nothing_to_the_trail(app: ReportingApp, year: Year) -> None:
    first = year.events[0]
    with pytest.raises(DuplicateEvent):
        app.process_event(first, tracking("ocop.registration.events.v1", 99, first))
    assert len(app.audit.trail("product", str(year.product))) == len(year.events)


def test_a_rebuild_gives_the_same_answers_on_every_store(
    app: ReportingApp, year: Year, app_settings: Settings
) -> None:
    from services.reporting.projections.models import DROPPED
    from system.rebuild import rebuild, stored

    def answers() -> tuple[Any, ...]:
        product = str(year.product)
        return (
            app.list_products(),
            app.audit.trail("product", product),
            app.audit.product_as_of(product, "2027-01-09"),
        )

    before = answers()
    messages = [
        message(topic, n, event, n) for n, (topic, event) in enumerate(year.published, start=1)
    ]
    for expected in (1, 2):  # twice: version 1 replaces 0, then 2 replaces 1
        done = rebuild(app, stored(messages), app_settings, progress=False, grace_seconds=0)
        assert (done.version, done.applied, done.dead) == (expected, len(year.events), 0)
        assert answers() == before
    with app.tracking.datastore.transaction(commit=False) as cursor:
        for table in DROPPED:
            for gone in (table, f"{table}_v1"):
                cursor.execute(
                    f"SELECT COUNT(*) AS n FROM information_schema.tables "
                    f"WHERE table_name = '{gone}'"
                    if app_settings.store == "postgres"
                    else f"SELECT COUNT(*) AS n FROM sqlite_master WHERE name = '{gone}'"
                )
                assert cursor.fetchone()["n"] == 0, gone


def test_kpis_as_of_match_the_kpi_tables_recorded_at_the_time(
    app: ReportingApp, year: Year
) -> None:
    recorded = year.kpis
    for day, live in recorded.items():
        assert app.audit.kpi_snapshot(day) == live, day
    before, after = (app.kpis("2026", as_of=d) for d in ("2026-06-27", "2026-06-28"))
    assert before.today == date(2026, 6, 27)
    differing = {a.kpi.code for a, b in zip(after.lines, before.lines, strict=True) if a != b}
    assert differing  # the recognition of 28/06 counts from that day on
    with pytest.raises(CommandRejected) as refused:
        app.kpis("2026", as_of="2026-13-01")
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", "as_of")
