"""The hash chains of the services' stores, verified or anchored (`ocop audit`).

Opens each service's store from the settings, as the service itself would (its
`build`), and reads the chain and the events directly (`runtime.chain`): no gRPC, no
running service needed. Memory stores live only inside a running process: there is
nothing to verify from outside (use SQLite or PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from runtime.chain import Verification, chained, verify
from runtime.settings import Settings
from runtime.topology import SERVICES
from system.builders import builder

# The services that store events of their own (each publishes them through a relay);
# reporting keeps read models only.
STORED: tuple[str, ...] = tuple(entry.name for entry in SERVICES if "relay" in entry.kinds)

MESSAGES = {
    "altered": ("bản ghi sự kiện #{nid} đã bị sửa", "event record #{nid} was altered"),
    "removed": ("bản ghi sự kiện #{nid} đã bị xóa", "event record #{nid} was removed"),
    "inserted": (
        "bản ghi sự kiện #{nid} được chèn thêm, không có trong chuỗi",
        "event record #{nid} was inserted: it is not in the chain",
    ),
    "broken": (
        "mắt xích thứ {pos} của chuỗi (sự kiện #{nid}) bị sửa, bị xóa hoặc sai thứ tự",
        "chain link {pos} (event #{nid}) was altered, removed or reordered",
    ),
}


@dataclass(frozen=True)
class ServiceChain:
    service: str
    verification: Verification


def check(settings: Settings, service: str) -> ServiceChain:
    """Verifies the chain of `service`'s store; KeyError for an unknown service."""
    built = builder(service)(settings)
    return ServiceChain(service, verify(chained(built.app.recorder)))


def describe(chain: ServiceChain, lang: str, zone: str, at: datetime) -> dict[str, Any]:
    """The record `ocop audit verify|anchor` prints for one service."""
    found, head, en = chain.verification.finding, chain.verification.head, lang == "en"
    if found is None:
        message = (
            f"chain intact: {chain.verification.records} records"
            if en
            else f"chuỗi băm nguyên vẹn: {chain.verification.records} bản ghi"
        )
    else:
        message = MESSAGES[found.problem][1 if en else 0].format(
            nid=found.notification_id, pos=found.position
        )
    return {
        "service": chain.service,
        "intact": found is None,
        "records": chain.verification.records,
        "problem": found.problem if found else "",
        "notification_id": found.notification_id if found else "",
        "message": message,
        "head_position": head.position if head else 0,
        "head_notification_id": head.notification_id if head else 0,
        "head_hash": head.record_hash if head else "",
        "at": at.astimezone(ZoneInfo(zone)).strftime("%d/%m/%Y %H:%M:%S %z"),
    }
