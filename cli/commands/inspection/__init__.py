"""`ocop inspection ...`: plans per period, scheduled and ad hoc inspections, visits with
findings and evidence, remediation, and the queries (coverage, history, open
remediations, overdue inspections).

Each module declares its commands as data (`cli.declare`): `plans` (plans, scheduling,
ad hoc inspections, teams), `visits` (visits, findings, evidence), `queries`; `views`
prints the replies. A refusal the CLI makes itself names the request field (`team`,
`evidence`) in both languages."""

from __future__ import annotations

from typing import Any

from cli.commands.inspection import plans, queries, views, visits
from cli.declare import Group, add_group
from contracts.rpc import inspection_pb2_grpc as pb_grpc

GROUP = Group(
    "inspection",
    ("Kiểm tra, giám sát sản phẩm OCOP (hậu kiểm)", "Post-certification inspection"),
    "inspection",
    pb_grpc.InspectionStub,
    (*plans.COMMANDS, visits.VISIT, *queries.COMMANDS),
    views.record,
)


def add(sub: Any, lang: str = "vi") -> None:
    add_group(sub, GROUP, lang)


WORDS = views.WORDS  # the labels and values of inspection's replies
