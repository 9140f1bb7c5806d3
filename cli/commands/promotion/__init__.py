"""`ocop promotion ...`: the year's promotion plan, showrooms and what they display, fairs
and participation, producers' sales channels and value chains, outreach and support, and
the queries (shares on a date, showrooms, a producer's history, the plan's status).

Each module declares its commands as data (`cli.declare`), by the service's command
groups: `venues` (showrooms, fairs), `channels` (sales channels, value chains),
`outreach` (the year's plan, campaigns, training, support, and the reads); `fields` what
several take; `views` prints the replies."""

from __future__ import annotations

from typing import Any

from cli.commands.promotion import channels, outreach, venues, views
from cli.declare import Group, add_group
from contracts.rpc import promotion_pb2_grpc as pb_grpc

WORDS = views.WORDS
HISTORY_WORDS = views.HISTORY_WORDS
_percent = views.percent

GROUP = Group(
    "promotion",
    ("Xúc tiến thương mại, kênh phân phối, chuỗi giá trị OCOP", "OCOP trade promotion"),
    "promotion",
    pb_grpc.PromotionStub,
    (*outreach.PLAN_COMMANDS, *venues.COMMANDS, *channels.COMMANDS, *outreach.COMMANDS),
    views.record,
)


def add(sub: Any, lang: str = "vi") -> None:
    add_group(sub, GROUP, lang)
