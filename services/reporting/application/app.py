"""The reporting application: read models rebuilt from everyone else's events."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import InfrastructureFactory, Tracking
from eventsourcing.utils import Environment

from runtime.errors import CommandRejected
from runtime.eventstore import MEMORY_FACTORY, SQLITE_FACTORY
from services.reporting.domain.product_status import STATUSES, Row
from services.reporting.projections.catalogue import CatalogueView


class ReportingApp:
    """Applies published events to the catalogue (exactly once) and answers queries."""

    name = "reporting"

    def __init__(self, env: dict[str, str]) -> None:
        env = dict(env)
        if env.get("PERSISTENCE_MODULE", MEMORY_FACTORY) == MEMORY_FACTORY:
            # The catalogue is SQL; "memory" means an in-memory SQLite database.
            env.update(PERSISTENCE_MODULE=SQLITE_FACTORY, SQLITE_DBNAME=":memory:")
        self.factory: Any = InfrastructureFactory.construct(Environment(self.name, env))
        self.view = CatalogueView(self.factory.tracking_recorder())

    def process_event(self, event: Any, tracking: Tracking) -> None:
        self.view.apply(event, tracking)

    def has_event(self, key: str) -> bool:
        return self.view.has_event(key)

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
        if status and status not in STATUSES:
            raise CommandRejected(
                "invalid_argument",
                "status",
                "Trạng thái không hợp lệ; chọn một trong: " + ", ".join(STATUSES),
                "Unknown status; expected one of: " + ", ".join(STATUSES),
            )
        return self.view.list(status)

    def close(self) -> None:
        self.factory.close()
