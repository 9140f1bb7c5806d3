"""NFC proven where it lands (issue 9 kind 2): commands to every service whose every string
field the client decomposed (NFD, by a client interceptor, so no test value can be typed
already composed), then the raw stored rows of every store (the bytes the recorder keeps)
and every message the relays publish on the bus (the bytes a consumer reads) hold only NFC
text. The hostile tier checks the same after its 10,000 commands (`raw.raw_text_problems`)."""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from contracts.rpc import (
    common_pb2,
    evaluation_pb2,
    inspection_pb2,
    promotion_pb2,
    registration_pb2,
)
from tests.unit.inputs.raw import raw_text_problems
from tests.unit.inputs.servers import Running, running

NFD = unicodedata.normalize("NFD", "Hợp tác xã Cà phê Đăk Hà — Y Blơi, người Ba Na")
COMMUNE = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")
PROVINCE = common_pb2.Actor(id="so-nn", role="province_officer", jurisdiction="51")
OFFICE = common_pb2.Actor(id="phong-kt", role="economy_office", jurisdiction="614")


def decompose(message: Message) -> int:
    """Every string field of `message` (nested, repeated, map values) in NFD, in place;
    returns how many strings changed."""
    changed = 0
    for item, value in message.ListFields():
        if item.message_type is not None and item.message_type.GetOptions().map_entry:
            for key in list(value):
                if isinstance(value[key], str):
                    value[key] = unicodedata.normalize("NFD", value[key])
            continue
        values = list(value) if item.is_repeated else [value]
        for index, one in enumerate(values):
            if isinstance(one, Message):
                changed += decompose(one)
            elif item.type == FieldDescriptor.TYPE_STRING:
                nfd = unicodedata.normalize("NFD", one)
                changed += nfd != one
                if item.is_repeated:
                    value[index] = nfd
                else:
                    setattr(message, item.name, nfd)
    return changed


class Decompose(grpc.UnaryUnaryClientInterceptor):  # type: ignore[misc]
    """A client that sends every string decomposed, counting the strings it changed."""

    def __init__(self) -> None:
        self.changed = 0

    def intercept_unary_unary(
        self, continuation: Callable[..., Any], details: Any, request: Message
    ) -> Any:
        self.changed += decompose(request)
        return continuation(details, request)


@pytest.fixture(scope="module")
def decomposed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Running, Decompose]]:
    with running(Path(tmp_path_factory.mktemp("nfc"))) as up:
        nfd = Decompose()
        stubs = {
            name: type(stub)(grpc.intercept_channel(up.channels[name], nfd))
            for name, stub in up.stubs.items()
        }
        walk(up, stubs)
        yield up, nfd


def walk(up: Running, stubs: dict[str, Any]) -> None:
    """Commands of every service with Vietnamese text in every free-text field."""
    _walk_registration(stubs["registration"])
    _walk_evaluation(stubs["evaluation"])
    _walk_inspection(stubs["inspection"])
    _walk_promotion(stubs["promotion"])
    asyncio.run(up.system.deliver())


def _walk_registration(reg: Any) -> None:
    """A producer, its product, a dossier returned with a reason, and an idea."""
    producer = reg.RegisterProducer(
        registration_pb2.RegisterProducerRequest(
            actor=COMMUNE,
            name=NFD,
            kind="cooperative",
            commune_code="23500",
            legal_representative="Y Blơi Niê",
            legal_rep_gender="nữ",
            legal_rep_ethnicity="Ba Na",
            address="Thôn Kon Mơ Nay Kơ Tu, xã Đăk Hà",
        )
    ).producer_id
    product = reg.RegisterProduct(
        registration_pb2.RegisterProductRequest(
            actor=COMMUNE, producer_id=producer, name="Cà phê rang xay Đăk Hà", product_set=13
        )
    ).product_id
    dossier = reg.SubmitDossier(
        registration_pb2.SubmitDossierRequest(
            actor=COMMUNE,
            product_id=product,
            kind="first",
            received_on="2026-06-01",
            changes_summary="Thay đổi bao bì, nhãn mác",
        )
    ).dossier_id
    reg.ReturnDossier(
        registration_pb2.ReturnDossierRequest(
            actor=COMMUNE,
            dossier_id=dossier,
            reason="Thiếu phiếu kiểm nghiệm chỉ tiêu vi sinh",
            returned_on="2026-06-02",
        )
    )
    reg.RegisterIdea(
        registration_pb2.RegisterIdeaRequest(
            actor=COMMUNE,
            producer_id=producer,
            name="Mật ong rừng Ngọc Linh",
            product_set=8,
            description="Khai thác tự nhiên, người Xơ Đăng",
            submitted_on="2026-06-03",
        )
    )


def _walk_evaluation(ev: Any) -> None:
    """A province round and a member appointed to it."""
    round_id = ev.OpenRound(
        evaluation_pb2.OpenRoundRequest(
            actor=PROVINCE, level="province", jurisdiction="51", on="2026-06-01"
        )
    ).round_id
    ev.AppointMember(
        evaluation_pb2.AppointMemberRequest(
            actor=PROVINCE,
            round_id=round_id,
            member_id="tv-hoa",
            name="Nguyễn Thị Hoà",
            role="member",
        )
    )


def _walk_inspection(inspection: Any) -> None:
    """A year's inspection plan with its team."""
    inspection.GeneratePlan(
        inspection_pb2.GeneratePlanRequest(
            actor=PROVINCE,
            on="2025-10-01",
            team=[inspection_pb2.TeamMember(role="agriculture", name="Trần Thị Bình")],
        )
    )


def _walk_promotion(promotion: Any) -> None:
    """A showroom opened and a campaign recorded."""
    promotion.OpenShowroom(
        promotion_pb2.OpenShowroomRequest(
            actor=OFFICE,
            name="Điểm giới thiệu sản phẩm OCOP huyện Đăk Hà",
            address="Đường Hùng Vương, thị trấn Đăk Hà",
            commune_code="23500",
            province_code="62",
            district_code="614",
            operator="Hợp tác xã Dịch vụ Nông nghiệp Đăk Hà",
            opened_on="2025-03-01",
        )
    )
    promotion.RecordCampaign(
        promotion_pb2.RecordCampaignRequest(
            actor=OFFICE,
            title="Phóng sự “Sản phẩm OCOP Đăk Hà”",
            channel="television",
            audience="Người dân trong và ngoài tỉnh",
            held_on="2025-05-02",
        )
    )


def test_the_client_sent_decomposed_text(decomposed: tuple[Running, Decompose]) -> None:
    _, nfd = decomposed
    assert nfd.changed >= 15


def test_stores_and_bus_hold_only_nfc(decomposed: tuple[Running, Decompose]) -> None:
    up, _ = decomposed
    problems, seen = raw_text_problems(up)
    assert not problems, problems[:5]
    assert seen >= 25  # the Vietnamese text is really there, composed
