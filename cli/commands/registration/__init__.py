"""`ocop registration ...`: producers, ideas and business plans, products, dossiers,
documents, the commune assessment (form 03) and the forwarding.

Each module declares its commands as data (`cli.declare`); `views` prints the replies."""

from __future__ import annotations

from typing import Any

from cli.commands.registration import bundle, dossiers, ideas, producers, views
from cli.declare import Group, add_group
from contracts.rpc import registration_pb2_grpc as pb_grpc

GROUP = Group(
    "registration",
    (
        "Đăng ký: chủ thể, ý tưởng, sản phẩm, hồ sơ, đánh giá cấp xã",
        "Registration: producers, ideas, products, dossiers, the commune assessment",
    ),
    "registration",
    pb_grpc.RegistrationStub,
    (
        producers.REGISTER_PRODUCER,
        *ideas.COMMANDS,
        producers.REGISTER_PRODUCT,
        *dossiers.COMMANDS,
        producers.SHOW_PRODUCER,
        producers.ERASE_PERSONAL_DATA,
        producers.SHOW_PRODUCT,
        bundle.BUNDLE,
    ),
    views.show,
)


def add(sub: Any, lang: str = "vi") -> None:
    add_group(sub, GROUP, lang)
