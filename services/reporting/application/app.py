"""The reporting application: read models rebuilt from everyone else's events."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import uuid4

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from rules import ReportPeriod, load_local_policy, plan_targets, report_periods
from runtime.clock import DEFAULT_TIME_ZONE, Clock, SystemClock
from runtime.errors import CommandRejected
from runtime.eventstore import MEMORY_FACTORY, SQLITE_FACTORY
from runtime.tracking import EventTracking
from services.reporting.application.audit import AuditQueries, check_status, parse_day
from services.reporting.domain import kpi, product_record, report_lists, snapshot
from services.reporting.domain.product_status import Row
from services.reporting.domain.public_product import PublicProduct, public_product
from services.reporting.projections.catalogue import CatalogueView
from services.reporting.projections.journal import JournalView
from services.reporting.projections.models import ReadModels, VersionPointer, topic_of

VERSION_REFRESH_SECONDS = 0.5
"""How stale a process's view of the version pointer may be (a rebuild waits longer)."""


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
            # One database shared by every connection of the pool (":memory:" would give
            # each connection a database of its own).
            memory = f"file:reporting-{uuid4().hex}?mode=memory&cache=shared"
            env.update(PERSISTENCE_MODULE=SQLITE_FACTORY, SQLITE_DBNAME=memory)
        self.env = env
        self.factory: Any = InfrastructureFactory.construct(Environment(self.name, env))
        self.tracking = self.factory.tracking_recorder()
        self.pointer = VersionPointer(self.tracking)
        self._versions: dict[int, ReadModels] = {}
        self._state: tuple[ReadModels, ReadModels | None] | None = None
        self._read_at = 0.0
        self._lock = threading.RLock()
        self.audit = AuditQueries(self.reading, zone)

    def versions(self) -> tuple[ReadModels, ReadModels | None]:
        """The live version and the one being rebuilt (None), as the pointer said at most
        `VERSION_REFRESH_SECONDS` ago: another process's switch is seen that soon."""
        with self._lock:
            now = time.monotonic()
            # While a rebuild runs the pointer is read every time: the switch is seen at once.
            rebuilding = self._state is not None and self._state[1] is not None
            if rebuilding or self._state is None or now - self._read_at > VERSION_REFRESH_SECONDS:
                live, building = self.pointer.read()
                self._state = (
                    self.version(live),
                    self.version(building) if building >= 0 else None,
                )
                self._read_at = now
            return self._state

    def version(self, number: int) -> ReadModels:
        """The read models of version `number` (their tables created if missing)."""
        with self._lock:
            if number not in self._versions:
                self._versions[number] = ReadModels(self.tracking, number)
            return self._versions[number]

    def reading(self) -> AbstractContextManager[ReadModels]:
        """The live version, held for one query (a rebuild drops it only once unread)."""
        return self.models.reading()

    def forget(self, number: int, wait_seconds: float = 60.0) -> None:
        """Drop version `number`'s tables (a replaced or abandoned version), once the
        queries of this process reading it are done (at most `wait_seconds`)."""
        with self._lock:
            models = self.version(number)
            self._versions.pop(number, None)
            self._state = None
        models.wait_unread(wait_seconds)
        models.drop()

    @property
    def models(self) -> ReadModels:
        """The live version of the read models (what every query reads)."""
        return self.versions()[0]

    @property
    def view(self) -> CatalogueView:
        return self.models.catalogue

    @property
    def journal(self) -> JournalView:
        return self.models.journal

    def process_event(self, event: Any, tracking: Tracking) -> None:
        """Apply a delivered event to the live version and, while a rebuild runs, to the
        version being built, with its tracking, in one transaction (a duplicate raises
        `runtime.tracking.DuplicateEvent` and changes nothing)."""
        live, building = self.versions()
        topic = topic_of(tracking)
        with self.tracking.datastore.transaction(commit=True) as cursor:
            self.tracking._insert_tracking(cursor, tracking)
            live.write(cursor, event, topic)
            if building is not None:
                building.write(cursor, event, topic)

    def process_batch(self, batch: Sequence[tuple[Any, EventTracking]]) -> set[str]:
        """Apply delivered events (each with its tracking, in order) to the live version
        and, while a rebuild runs, to the version being built, in one transaction with a
        few statements whatever the batch's size; returns the keys of the events that
        were new. Events already applied (or twice in the batch) change nothing; any
        error changes nothing at all (the caller retries, or splits the batch)."""
        live, building = self.versions()
        with self.tracking.datastore.transaction(commit=True) as cursor:
            new: set[str] = self.tracking.insert_trackings(cursor, [t for _, t in batch])
            fresh: list[tuple[Any, str]] = []
            pending = set(new)
            for event, tracking in batch:
                if tracking.event_key in pending:
                    pending.discard(tracking.event_key)
                    fresh.append((event, topic_of(tracking)))
            live.write_batch(cursor, fresh)
            if building is not None:
                building.write_batch(cursor, fresh)
        return new

    def has_event(self, key: str) -> bool:
        return bool(self.tracking.has_event(key))

    def get_product(self, product_id: str) -> Row:
        with self.reading() as models:
            row = models.catalogue.get(product_id)
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
        with self.reading() as models:
            return models.catalogue.list(status)

    def kpis(
        self,
        period: str,
        jurisdiction: str = "",
        starts: str = "",
        ends: str = "",
        as_of: str = "",
        *,
        caller_scope: str = "",
        caller_unit: str = "",
    ) -> KpiView:
        """Every KPI of `jurisdiction` for `period` (see `domain.periods.parse_period`) next to the
        local policies' targets for the year of the period's last day. Raises
        CommandRejected(invalid_argument, period) for a period that cannot be read, and
        CommandRejected(permission_denied, jurisdiction) when a caller whose access is
        limited to their unit (`caller_scope` commune, district or province) asks about a
        unit outside `caller_unit`. With `as_of` (an ISO date) the KPIs are those of that
        day: folded from the events recorded by its end, "today" being that day
        (CommandRejected(invalid_argument, as_of) for a date that cannot be read)."""
        try:
            chosen = kpi.parse_period(period, starts, ends)
        except ValueError as error:
            vi, _, en = str(error).partition(" / ")
            raise CommandRejected("invalid_argument", "period", vi, en or vi) from error
        if as_of:  # as the events recorded by the end of that day make them
            day = parse_day("as_of", as_of)
            snap = self.audit.kpi_snapshot(day)
        else:
            with self.reading() as models:
                snap = models.catalogue.kpi_snapshot()
        scope = kpi.Scope(jurisdiction.strip())
        if caller_scope in snapshot.LIMITED_SCOPES and not snapshot.within(
            snap, scope.code, caller_unit
        ):
            raise CommandRejected(
                "permission_denied",
                "jurisdiction",
                f"Địa bàn {scope.code or 'toàn quốc'} nằm ngoài địa bàn {caller_unit} của "
                "người dùng.",
                f"Unit {scope.code or 'all units'} lies outside the caller's unit {caller_unit}.",
            )
        today = parse_day("as_of", as_of) if as_of else self.clock.today()
        policies = [load_local_policy(p) for p in self.local_policies]
        targets = plan_targets(policies, chosen.ends.year)
        return KpiView(
            period=chosen,
            scope=scope,
            today=today,
            lines=kpi.lines(snap, scope, chosen, today, targets),
            stars=report_lists.stars_by_kind(snap, scope, chosen),
            stars_by_half={
                h.code: report_lists.stars_by_kind(snap, scope, h) for h in chosen.halves
            },
            lists=report_lists.period_lists(snap, scope, chosen, today),
            report=self.report_period(chosen),
            missing=tuple(s for s in kpi.SOURCES if not snap.has(s)),
        )

    def product_records(self) -> product_record.Records:
        """Every product's certificate in force today, dossier in progress and the next
        level's answer (issue 13 items 5 and 6), from one snapshot of the read models."""
        return product_record.Records(self.view.kpi_snapshot(), self.clock.today())

    def public_product(self, product_code: str) -> PublicProduct:
        """The public page of the product coded `product_code` today (no sign-in needed:
        no personal data). CommandRejected(not_found, product_code) for an unknown code."""
        found = public_product(self.view.kpi_snapshot(), product_code, self.clock.today())
        if found is None:
            raise CommandRejected(
                "not_found",
                "product_code",
                f"Không có sản phẩm OCOP mã {product_code.strip()[:40]}.",
                f"No OCOP product has the code {product_code.strip()[:40]}.",
            )
        return found

    def report_period(self, period: kpi.Period) -> ReportPeriod | None:
        """The local policy's report covering exactly `period` (its due date), if any."""
        policies = [load_local_policy(p) for p in self.local_policies]
        for found in report_periods(policies, period.ends.year):
            if (found.starts, found.ends) == (period.starts, period.ends):
                return found
        return None

    def close(self) -> None:
        self.factory.close()


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
