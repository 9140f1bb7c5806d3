"""The example's people, places and identifiers: a tea cooperative in Tân Cương commune,
Thái Nguyên province."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from contracts.envelope import Actor

PROVINCE = "19"  # Thái Nguyên
COMMUNE = "05503"  # Xã Tân Cương
PRODUCER_ID = UUID("6f1c1b7e-3f5a-4c8e-9a41-2b0d5e7c9a01")
PRODUCT_ID = UUID("0b8e4d2a-91c7-4f3e-8d65-7a2c1e9f4b02")
DOSSIER_ID = UUID("c4a9e7f1-5d2b-4e8a-b3c6-9f1e2d7a5c03")
FLOW = UUID("9d3f6a2c-7b1e-4c5d-8e9f-0a1b2c3d4e05")

PRODUCER_NAME = "Hợp tác xã Chè Hoàng Bình Tân Cương"
PRODUCT_NAME = "Chè búp Tân Cương – Đặc sản Thái Nguyên"

COMMUNE_OFFICER = Actor(id="canbo.xa.tancuong", role="commune_officer", jurisdiction=COMMUNE)
COUNCIL_SECRETARY = Actor(id="thuky.hoidong.19", role="council_secretary", jurisdiction=PROVINCE)
AUTHORITY = Actor(id="ubnd.tinh.thainguyen", role="authority", jurisdiction=PROVINCE)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 6, day, hour, 15, tzinfo=UTC)
