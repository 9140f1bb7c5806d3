"""Commands declared as data: one `Command` per CLI command, its arguments as `Arg` rows.

`add_group` turns a `Group`'s table into argparse sub-commands; `execute` turns the
parsed arguments into the command's gRPC request (every argument fills the request
field of its name), calls the service and hands the reply to the command's output.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from google.protobuf.message import Message

from cli.client import Client, command_actor
from cli.output import refuse
from runtime.text import typed_day

Output = Callable[[argparse.Namespace, Any], int]
Derive = Callable[[argparse.Namespace], Mapping[str, Any]]
Runner = Callable[[argparse.Namespace, Client, Callable[..., Any]], int]


def day(text: str) -> str:
    """A date as the user typed it, as ISO (`runtime.text.typed_day`): "25/04/2025" ->
    "2025-04-25"; anything else passes through for the service to refuse."""
    return typed_day(text)


def on(flag: str, vi: str = "", en: str = "", *, field: str | None = None) -> Arg:
    """A required date argument: dd/mm/yyyy or yyyy-mm-dd, sent to the service as ISO."""
    return Arg(
        flag,
        f"{vi} (dd/mm/yyyy hoặc yyyy-mm-dd)".lstrip(),
        f"{en} (dd/mm/yyyy or yyyy-mm-dd)".lstrip(),
        required=True,
        type=day,
        field=field,
    )


class Refused(Exception):
    """Input the CLI itself refuses before calling a service (exit code 2), with the
    argument it names where there is one, and the reason in Vietnamese (`message`) and
    English (`en`, shown under `--lang en`; the Vietnamese when not given)."""

    def __init__(self, message: str, *, field: str | None = None, en: str | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self.en = en or message

    def says(self, lang: str) -> str:
        """The reason in `lang` ("vi" or "en")."""
        return self.en if lang == "en" else self.message


@dataclass(frozen=True)
class Arg:
    """One argument: how argparse reads it and which request field it fills.

    `flag` is an option ("--name") or a positional ("product_id"). An option that is not
    required defaults to "" (a flag to False, a repeated option to []). `field` names
    the request field when it differs from the argparse destination; "" keeps the
    argument out of the request (a command's `derive` uses it)."""

    flag: str
    help: str | None = None
    en: str | None = None
    required: bool = False
    type: Callable[[str], Any] | None = None
    action: str | None = None
    choices: tuple[str, ...] | None = None
    dest: str | None = None
    default: Any = ""
    field: str | None = None

    @property
    def positional(self) -> bool:
        return not self.flag.startswith("-")

    @property
    def destination(self) -> str:
        return self.dest or self.flag.lstrip("-").replace("-", "_")

    def options(self, lang: str = "vi") -> dict[str, Any]:
        """The keyword arguments of `ArgumentParser.add_argument`, help in `lang`."""
        given: dict[str, Any] = {
            "help": self.en if lang == "en" and self.en is not None else self.help,
            "type": self.type,
            "action": self.action,
            "choices": self.choices,
            "dest": self.dest,
        }
        options = {key: value for key, value in given.items() if value is not None}
        if self.positional or self.action in ("store_true", "store_false"):
            return options
        if self.required:
            options["required"] = True
        else:
            options["default"] = [] if self.action == "append" else self.default
        return options


@dataclass(frozen=True)
class Command:
    """One CLI command and the gRPC call behind it.

    `request` is the request message; the RPC is its name without "Request". `fixed`
    and `derive` add request fields that are not arguments; `actor` adds the acting
    user. `run` replaces the plain call when the request is not built from fields
    (a streamed upload); it receives the stub method."""

    name: str
    help: tuple[str, str]
    role: str
    request: type[Message]
    args: tuple[Arg, ...] = ()
    output: Output | None = None
    fixed: Mapping[str, Any] = field(default_factory=dict)
    derive: Derive | None = None
    actor: bool = True
    retry_not_found: bool = False
    rpc: str = ""
    run: Runner | None = None

    @property
    def method(self) -> str:
        return self.rpc or self.request.DESCRIPTOR.name.removesuffix("Request")


@dataclass(frozen=True)
class Group:
    """`ocop <name> ...`: the commands of one service."""

    name: str
    help: tuple[str, str]
    service: str
    stub: Callable[[Any], Any]
    commands: Sequence[Command]
    output: Output


def add_group(sub: Any, group: Group, lang: str = "vi") -> Any:
    """Declare `group` and its commands on the top parser's sub-parsers, help in `lang`;
    returns the group's sub-parsers, where a local command (one that calls no service)
    may be added."""
    index = 1 if lang == "en" else 0
    parser = sub.add_parser(group.name, help=group.help[index])
    commands = parser.add_subparsers(dest="command", required=True)
    for command in group.commands:
        p = commands.add_parser(command.name, help=command.help[index])
        for arg in command.args:
            p.add_argument(arg.flag, **arg.options(lang))
        p.set_defaults(func=functools.partial(execute, group, command), role=command.role)
    return commands


def request_fields(command: Command, args: argparse.Namespace) -> dict[str, Any]:
    """The request's fields from the parsed arguments (raises `Refused`)."""
    fields: dict[str, Any] = dict(command.fixed)
    if command.actor:
        fields["actor"] = command_actor(args)
    for arg in command.args:
        if arg.field != "":
            fields[arg.field or arg.destination] = getattr(args, arg.destination)
    if command.derive is not None:
        fields.update(command.derive(args))
    return fields


def execute(group: Group, command: Command, args: argparse.Namespace, client: Client) -> int:
    """Build the request, call the service, print the reply; the command's exit code."""
    method = getattr(group.stub(client.channel(group.service)), command.method)
    if command.run is not None:
        return command.run(args, client, method)
    try:
        request = command.request(**request_fields(command, args))
    except Refused as refusal:
        refuse(
            "invalid_argument",
            refusal.field,
            refusal.says(getattr(args, "lang", "vi")),
            as_json=args.json,
        )
        return 2
    reply = client.call(method, request, retry_not_found=command.retry_not_found)
    reply = all_pages(client, method, request, reply)
    return (command.output or group.output)(args, reply)


def all_pages(client: Client, method: Any, request: Any, reply: Any) -> Any:
    """A paged listing's reply with the rows of every page (following `next_page_token`);
    any other reply unchanged."""
    fields = reply.DESCRIPTOR.fields_by_name
    if "next_page_token" not in fields or "page_token" not in request.DESCRIPTOR.fields_by_name:
        return reply
    rows = [f.name for f in reply.DESCRIPTOR.fields if f.is_repeated]
    merged = reply
    while reply.next_page_token:
        request.page_token = reply.next_page_token
        reply = client.call(method, request)
        for name in rows:
            getattr(merged, name).extend(getattr(reply, name))
    merged.next_page_token = ""
    return merged
