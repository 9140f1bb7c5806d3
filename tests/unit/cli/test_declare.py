"""The CLI's command tables: every command names a real RPC and real request fields, and
the generic piece turns parsed arguments into the request the service expects."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli.commands import evaluation, inspection, promotion, registration, reporting
from cli.declare import Command, Group, Refused, day, request_fields
from cli.main import parser
from contracts.rpc import common_pb2

GROUPS = (
    registration.GROUP,
    evaluation.GROUP,
    reporting.GROUP,
    inspection.GROUP,
    promotion.GROUP,
)


def commands() -> Iterator[tuple[Group, Command]]:
    for group in GROUPS:
        for command in group.commands:
            yield group, command


def parse(*argv: str) -> tuple[Command, argparse.Namespace]:
    args = parser().parse_args(list(argv))
    command: Command = args.func.args[1]
    return command, args


@pytest.mark.parametrize(("group", "command"), list(commands()), ids=lambda c: c.name)
def test_each_command_calls_a_real_rpc_with_its_request(group: Group, command: Command) -> None:
    services = command.request.DESCRIPTOR.file.services_by_name.values()
    methods = [
        s.methods_by_name[command.method] for s in services if command.method in s.methods_by_name
    ]
    assert len(methods) == 1, f"{group.name} {command.name}: no RPC {command.method}"
    assert methods[0].input_type.full_name == command.request.DESCRIPTOR.full_name
    assert methods[0].containing_service.name.lower() == group.service


@pytest.mark.parametrize(("group", "command"), list(commands()), ids=lambda c: c.name)
def test_each_argument_fills_a_field_of_the_request(group: Group, command: Command) -> None:
    fields = set(command.request.DESCRIPTOR.fields_by_name)
    named = {arg.field or arg.destination for arg in command.args if arg.field != ""}
    named |= set(command.fixed)
    assert named <= fields, f"{group.name} {command.name}: {sorted(named - fields)}"
    if command.actor:
        assert "actor" in fields


def test_command_names_are_unique_within_a_group() -> None:
    for group in GROUPS:
        names = [c.name for c in group.commands]
        assert len(names) == len(set(names)), group.name


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("25/04/2025", "2025-04-25"),
        ("5/4/2025", "2025-04-05"),
        ("2025-04-25", "2025-04-25"),
        ("31/02/2025", "31/02/2025"),  # as typed: the service refuses it, naming the field
        ("hôm qua", "hôm qua"),
    ],
)
def test_dates_are_read_as_dd_mm_yyyy_or_iso(typed: str, sent: str) -> None:
    assert day(typed) == sent


def test_the_request_comes_from_the_arguments() -> None:
    command, args = parse(
        "registration",
        "assess",
        "--dossier",
        "d-1",
        "--report-no",
        "Cu\u0300 03",
        "--assessed-on",
        "09/06/2026",
        "--no-local-labour",
    )
    fields = request_fields(command, args)

    assert fields["dossier_id"] == "d-1"
    assert fields["report_no"] == "Cù 03"  # NFC
    assert fields["assessed_on"] == "2026-06-09"
    assert (fields["local_labour"], fields["local_raw_material"]) == (False, True)
    # The actor is left empty: the services take it from the verified sign-in token.
    assert fields["actor"] == common_pb2.Actor()


def test_a_step_of_an_idea_carries_its_action() -> None:
    command, args = parse(
        "registration",
        "return-plan",
        "--idea",
        "i-1",
        "--on",
        "2026-03-06",
        "--reason",
        "Thiếu kế hoạch bao bì",
    )
    fields = request_fields(command, args)
    assert (fields["action"], fields["idea_id"], fields["reason"]) == (
        "return_plan",
        "i-1",
        "Thiếu kế hoạch bao bì",
    )


def test_a_round_of_the_signed_in_users_unit_by_default() -> None:
    command, args = parse("evaluation", "open-round", "--level", "district", "--on", "25/04/2025")
    args.jurisdiction = "615"  # what `ocop` reads from the sign-in's `jurisdiction` claim
    assert request_fields(command, args)["jurisdiction"] == "615"
    command, args = parse(
        "evaluation", "open-round", "--level", "district", "--unit", "51", "--on", "2025-04-25"
    )
    assert request_fields(command, args)["jurisdiction"] == "51"


def test_a_sheet_from_a_file_and_options(tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text("choices:\n  '1.1': 3\nknockouts: [k1]\n", encoding="utf-8")
    command, args = parse(
        "evaluation",
        "submit-sheet",
        "--dossier",
        "d",
        "--sheet",
        str(sheet),
        "--choice",
        "1.2=4",
        "--knockout",
        "k2",
    )
    fields = request_fields(command, args)
    assert fields["choices"] == {"1.1": "3", "1.2": "4"}
    assert fields["knockouts"] == ["k2", "k1"]


def test_a_malformed_choice_is_refused_before_any_call() -> None:
    command, args = parse("evaluation", "submit-sheet", "--dossier", "d", "--choice", "1.1")
    with pytest.raises(Refused, match="expected criterion=option"):
        request_fields(command, args)
