"""Audit queries over the journal: every event about a record, and any past date.

`AuditQueries.trail` answers "who decided what, when, under which rules" for a
product, dossier, decision or certificate; `product_as_of` / `products_as_of` give the
catalogue and the certificates as the events recorded by the end of a past date say
(`domain/as_of.py`). Both read the journal (the published events themselves), never a
snapshot. Times are shown in the deployment's time zone (`OCOP_TIME_ZONE`, default
Asia/Ho_Chi_Minh) as dd/mm/yyyy HH:MM:SS.

Errors (`CommandRejected`): `invalid_argument` for an unknown kind or a date that is not
a date (field named), `not_found` when no event names the record."""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from contracts.registry import parse
from runtime.clock import DEFAULT_TIME_ZONE, check_date_range
from runtime.errors import CommandRejected
from services.reporting.domain import as_of
from services.reporting.domain.audit_trail import (
    TRAIL_KINDS,
    Subject,
    expansion,
    subjects,
    summary,
)
from services.reporting.domain.product_status import STATUSES, Row
from services.reporting.domain.snapshot import Snapshot
from services.reporting.projections.journal import JournalView, stamp
from services.reporting.projections.kpi_as_of import kpi_snapshot

# The events the catalogue and the certificates are folded from.
AS_OF_TYPES = (
    "ProductRegistered",
    "DossierSubmitted",
    "CommuneAssessed",
    "Scored",
    "Recognized",
    "ForwardedToProvince",
    "ReturnedByProvince",
    "CertificateExpired",
    "CertificateSuperseded",
    "Revoked",
)
TRAIL_COLUMNS = (
    "when",
    "service",
    "event_type",
    "what",
    "actor_id",
    "actor_role",
    "actor_jurisdiction",
    "rule_set_id",
    "legal_basis",
    "decision_no",
    "event_id",
    "correlation_id",
    "causation_id",
    "caused_by",
    "aggregate_id",
    "aggregate_version",
    "occurred_at",
    "topic",
)
"""One trail entry's fields, in the order the CLI and the .xlsx export show them."""


@cache
def instruments(rule_set_id: str) -> str:
    """The legal instruments of a rule set ("148/QĐ-TTg, 781/QĐ-TTg"); "" if unknown."""
    from rules.loader import load_rule_set

    try:
        return ", ".join(i.number for i in load_rule_set(rule_set_id).instruments)
    except Exception:  # noqa: BLE001 - an unknown or retired id shows no instruments
        return ""


def parse_day(field: str, text: str) -> date:
    """An ISO date (the CLI sends dd/mm/yyyy as ISO) within the legal range, else refused."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"'{text}' không phải là ngày (dd/mm/yyyy).",
            f"'{text}' is not a date (dd/mm/yyyy).",
        ) from error
    check_date_range(field, day)
    return day


def check_status(status: str) -> None:
    """Refuses (`invalid_argument`, field `status`) a status the catalogue does not know."""
    if status and status not in STATUSES:
        raise CommandRejected(
            "invalid_argument",
            "status",
            "Trạng thái không hợp lệ; chọn một trong: " + ", ".join(STATUSES),
            "Unknown status; expected one of: " + ", ".join(STATUSES),
        )


UNIT_FIELDS = (
    "commune_code",
    "province_code",
    "legacy_commune_code",
    "legacy_district_code",
    "legacy_province_code",
)
"""Fields of the published events that name a record's units (registration's)."""


def _trail_rows(journal: JournalView, kind: str, key: str) -> list[dict[str, Any]]:
    """The journal rows of the record's trail, oldest first; [] when none is about it."""
    seed = journal.about([(kind, key)])
    if not seed:
        return []
    named: set[Subject] = {s for row in seed for s in subjects(row["payload"])}
    return journal.about({(kind, key)} | expansion(kind, named))


class AuditQueries:
    """The audit trail and the as-of answers, over the live version's journal (`reading()`
    holds it for the query)."""

    def __init__(
        self,
        reading: Callable[[], AbstractContextManager[Any]],
        zone: str = DEFAULT_TIME_ZONE,
    ) -> None:
        self.reading = reading
        self.zone = ZoneInfo(zone)

    # -- the trail ---------------------------------------------------------------------

    def trail(self, kind: str, subject: str, lang: str = "vi") -> list[Row]:
        """Every event about the record, oldest first, one `TRAIL_COLUMNS` row each.

        A product's trail takes in its idea's, dossiers' and certificates' events; a
        dossier's its certificates'; a decision's or certificate's the events of the
        dossiers they came from (`domain.audit_trail.EXPANDS`)."""
        if kind not in TRAIL_KINDS:
            raise CommandRejected(
                "invalid_argument",
                "kind",
                "Loại hồ sơ kiểm toán phải là một trong: " + ", ".join(TRAIL_KINDS),
                "The kind must be one of: " + ", ".join(TRAIL_KINDS),
            )
        key = subject.strip()
        with self.reading() as models:
            return self._trail(models.journal, kind, key, lang)

    def trail_units(self, kind: str, subject: str) -> frozenset[str] | None:
        """The unit codes the events of the record's trail name (where the record lies:
        its commune, pre-2025 district and province); None for no such record."""
        if kind not in TRAIL_KINDS:
            return None
        with self.reading() as models:
            rows = _trail_rows(models.journal, kind, subject.strip())
        if not rows:
            return None
        return frozenset(
            str(row["payload"][field])
            for row in rows
            for field in UNIT_FIELDS
            if row["payload"].get(field)
        )

    def _trail(self, journal: JournalView, kind: str, key: str, lang: str) -> list[Row]:
        rows = _trail_rows(journal, kind, key)
        if not rows:
            raise CommandRejected(
                "not_found",
                "id",
                f"Không có sự kiện nào về {key} ({kind}).",
                f"No event about {key} ({kind}).",
            )
        types = {row["payload"]["event_id"]: row["event_type"] for row in rows}
        return [self._entry(row, types, lang) for row in rows]

    def _entry(self, row: Row, types: dict[str, str], lang: str) -> Row:
        p = row["payload"]
        at = datetime.fromisoformat(row["occurred_at"].replace("Z", "+00:00"))
        local = at.astimezone(self.zone)
        cause = p.get("causation_id") or ""
        rule_set = p.get("rule_set_id") or ""
        return {
            "when": local.strftime("%d/%m/%Y %H:%M:%S"),
            "service": row["topic"].split(".")[1] if row["topic"].count(".") > 1 else "",
            "event_type": row["event_type"],
            "what": summary(p, lang),
            "actor_id": p["actor"]["id"],
            "actor_role": p["actor"]["role"],
            "actor_jurisdiction": p["actor"].get("jurisdiction", ""),
            "rule_set_id": rule_set,
            "legal_basis": p.get("legal_basis") or (instruments(rule_set) if rule_set else ""),
            "decision_no": p.get("decision_no") or "",
            "event_id": p["event_id"],
            "correlation_id": p["correlation_id"],
            "causation_id": cause,
            "caused_by": types.get(cause, ""),
            "aggregate_id": p["aggregate_id"],
            "aggregate_version": int(p["aggregate_version"]),
            "occurred_at": local.isoformat(),
            "topic": row["topic"],
        }

    # -- any past date -----------------------------------------------------------------

    def _events_until(self, on: date, types: tuple[str, ...] = AS_OF_TYPES) -> list[Any]:
        """The events (of `types`; () for all) recorded by the end of `on`, parsed."""
        end = datetime.combine(on + timedelta(days=1), time(), self.zone)
        with self.reading() as models:
            rows = models.journal.until(stamp(end), types)
        return [parse(r["topic"], json.dumps(r["payload"], default=_plain).encode()) for r in rows]

    def live_snapshot(self) -> Snapshot:
        """The KPI read models as they stand (one consistent read)."""
        with self.reading() as models:
            snap: Snapshot = models.catalogue.kpi_snapshot()
        return snap

    def kpi_snapshot(self, on: date) -> Snapshot:
        """The KPI read models as the events recorded by the end of `on` make them."""
        return kpi_snapshot(self._events_until(on, ()))

    def product_as_of(self, product_id: str, on: str) -> Row:
        """The product's catalogue row on `on` (ISO date) with `certificates` (its
        certificates' standings that day); `not_found` if it was not registered yet."""
        day = parse_day("as_of", on)
        events = self._events_until(day)
        row = as_of.products(events).get(product_id.strip())
        if row is None:
            raise CommandRejected(
                "not_found",
                "product_id",
                f"Ngày {day:%d/%m/%Y} chưa có sản phẩm {product_id} trong danh mục.",
                f"On {day:%d/%m/%Y} product {product_id} was not in the catalogue yet.",
            )
        certificates = [
            c for c in as_of.certificates(events, day) if c["product_id"] == row["product_id"]
        ]
        return {**row, "as_of": day.isoformat(), "certificates": certificates}

    def products_as_of(self, on: str, status: str = "") -> list[Row]:
        """Every product's catalogue row on `on` (ISO date), with `valid_certificate`
        (the number of the certificate valid that day, "" if none); one status if given."""
        day = parse_day("as_of", on)
        check_status(status)
        events = self._events_until(day)
        valid = {
            c["product_id"]: c["certificate_no"]
            for c in as_of.certificates(events, day)
            if c["standing"] == "valid"
        }
        return [
            {**row, "as_of": day.isoformat(), "valid_certificate": valid.get(pid, "")}
            for pid, row in as_of.products(events).items()
            if not status or row["status"] == status
        ]


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value
