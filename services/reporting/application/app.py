"""The reporting application: read models rebuilt from everyone else's events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from rules import ReportPeriod, load_local_policy, plan_targets, report_periods
from runtime.clock import DEFAULT_TIME_ZONE, Clock, SystemClock
from runtime.errors import CommandRejected
from runtime.eventstore import MEMORY_FACTORY, SQLITE_FACTORY
from services.reporting.application.audit import AuditQueries, check_status
from services.reporting.domain import kpi, product_record
from services.reporting.domain.product_status import Row
from services.reporting.projections.catalogue import CatalogueView
from services.reporting.projections.journal import JournalView
from services.reporting.projections.models import ReadModels


class ReportingApp:
    """Applies published events to the read models (exactly once) and answers queries."""

    name = "reporting"

    def __init__(
        self,
        env: dict[str, str],
        *,
        clock: Clock | None = None,
        local_policies: tuple[str, ...] = (),
        zone: str = DEFAULT_TIME_ZONE,
    ) -> None:
        self.clock: Clock = clock or SystemClock(zone)
        self.local_policies = local_policies
        env = dict(env)
        if env.get("PERSISTENCE_MODULE", MEMORY_FACTORY) == MEMORY_FACTORY:
            # The read models are SQL; "memory" means an in-memory SQLite database.
            env.update(PERSISTENCE_MODULE=SQLITE_FACTORY, SQLITE_DBNAME=":memory:")
        self.env = env
        self.factory: Any = InfrastructureFactory.construct(Environment(self.name, env))
        self.models = ReadModels(self.factory)
        self.audit = AuditQueries(lambda: self.models.journal, zone)

    @property
    def view(self) -> CatalogueView:
        return self.models.catalogue

    @property
    def journal(self) -> JournalView:
        return self.models.journal

    def process_event(self, event: Any, tracking: Tracking) -> None:
        self.models.apply(event, tracking)

    def has_event(self, key: str) -> bool:
        return self.models.has_event(key)

    def get_product(self, product_id: str) -> Row:
        row = self.view.get(product_id)
        if row is None:
            raise CommandRejected(
                "not_found",
                "product_id",
                f"Chưa có sản phẩm {product_id} trong danh mục báo cáo.",
                f"Product {product_id} is not in the reporting catalogue (yet).",
            )
        return row

    def list_products(self, status: str = "") -> list[Row]:
        check_status(status)
        return self.view.list(status)

    def kpis(
        self, period: str, jurisdiction: str = "", starts: str = "", ends: str = ""
    ) -> KpiView:
        """Every KPI of `jurisdiction` for `period` (see `domain.kpi.parse_period`) next to the
        local policies' targets for the year of the period's last day. Raises
        CommandRejected(invalid_argument, period) for a period that cannot be read."""
        try:
            chosen = kpi.parse_period(period, starts, ends)
        except ValueError as error:
            vi, _, en = str(error).partition(" / ")
            raise CommandRejected("invalid_argument", "period", vi, en or vi) from error
        snap = self.view.kpi_snapshot()
        scope = kpi.Scope(jurisdiction.strip())
        today = self.clock.today()
        policies = [load_local_policy(p) for p in self.local_policies]
        targets = plan_targets(policies, chosen.ends.year)
        return KpiView(
            period=chosen,
            scope=scope,
            today=today,
            lines=kpi.lines(snap, scope, chosen, today, targets),
            stars=kpi.stars_by_kind(snap, scope, chosen),
            stars_by_half={h.code: kpi.stars_by_kind(snap, scope, h) for h in chosen.halves},
            lists=kpi.period_lists(snap, scope, chosen, today),
            report=self.report_period(chosen),
            missing=tuple(s for s in kpi.SOURCES if not snap.has(s)),
        )

    def product_records(self) -> product_record.Records:
        """Every product's certificate in force today, dossier in progress and the next
        level's answer (issue 13 items 5 and 6), from one snapshot of the read models."""
        return product_record.Records(self.view.kpi_snapshot(), self.clock.today())

    def report_period(self, period: kpi.Period) -> ReportPeriod | None:
        """The local policy's report covering exactly `period` (its due date), if any."""
        policies = [load_local_policy(p) for p in self.local_policies]
        for found in report_periods(policies, period.ends.year):
            if (found.starts, found.ends) == (period.starts, period.ends):
                return found
        return None

    def close(self) -> None:
        self.models.close()


@dataclass(frozen=True)
class KpiView:
    """The KPIs of one jurisdiction and period, and what a report lists beside them:
    recognitions by kind and star (the period, and each half-year of its years), the
    period's lists of products, the local policy's report of that period (due date) and
    the services that have sent no data yet."""

    period: kpi.Period
    scope: kpi.Scope
    today: date
    lines: list[kpi.Line]
    stars: dict[str, dict[int, int]]
    stars_by_half: dict[str, dict[str, dict[int, int]]]
    lists: dict[str, list[dict[str, Any]]]
    report: ReportPeriod | None
    missing: tuple[str, ...]
