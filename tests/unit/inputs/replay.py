"""What the replay of extreme values (test_replay_extremes) reads and checks: every event
type a service can store, every read of every service with a request for each id the stores
name and each context value (CONTEXT: a new read's request field goes here), as each reader,
and what the CLI shows of a reply."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import inspect
import io
import json
import pkgutil
import tempfile
import unicodedata
from collections.abc import Iterator
from itertools import product
from typing import Any

from eventsourcing.domain import Aggregate, DomainEvent
from google.protobuf import message_factory
from google.protobuf.message import Message

import services
from cli.commands import evaluation, inspection, promotion, registration, reporting
from cli.declare import Command, Group
from runtime.settings import Settings
from system.builders import builder
from tests.hostile.generator import Method, methods
from tests.unit.inputs.extremes import partial_marks
from tests.unit.inputs.histories import HISTORIES
from tests.unit.inputs.raw import json_strings

GROUPS: tuple[Group, ...] = (
    registration.GROUP,
    evaluation.GROUP,
    inspection.GROUP,
    promotion.GROUP,
    reporting.GROUP,
)
READERS = (
    ("so-nn", "province_officer", "51"),
    ("phong-nn", "district_officer", "614"),
    ("can-bo-xa", "commune_officer", "23500"),
    ("thu-ky", "council_secretary", "51"),
    ("chu-tich", "council_member", "51"),
    ("kiem-toan", "auditor", ""),
)
"""Who reads: each read is tried as each of them; at least one must be allowed."""
CONTEXT = {
    "jurisdiction": ("51", "614", "610", "23500"),
    "commune_code": ("", "23500"),
    "year": (2025, 2018, 2200),
    "on": ("2025-11-20", "2018-05-07", "2200-12-31"),
    "level": ("province",),
    "period": ("2025", "2026-H1"),
    "as_of": ("2026-07-01", "2018-05-07", "2200-12-31"),
    "kind": ("product",),
    "include_closed": (True,),
}


def stored_event_types() -> set[str]:
    """The topic of every event class an aggregate of a service can store (its own
    creation event, not the inherited default one), legacy ones included."""
    topics: set[str] = set()
    for module_info in pkgutil.walk_packages(services.__path__, "services."):
        if ".domain." not in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and issubclass(cls, Aggregate)):
                continue
            if cls.__module__ != module.__name__ or cls.__subclasses__():
                continue
            events = {
                name: event
                for name, event in vars(cls).items()
                if inspect.isclass(event) and issubclass(event, DomainEvent) and name != "Event"
            }
            if sum(issubclass(e, Aggregate.Created) for e in events.values()) > 1:
                events.pop("Created", None)
            topics |= {f"{e.__module__}:{e.__qualname__}" for e in events.values()}
    return topics


def read_methods() -> list[Method]:
    return [
        m
        for m in methods()
        if m.descriptor.name.startswith(("Get", "List"))
        or m.descriptor.name in ("ProductHistory", "OpenRemediations", "OverdueInspections")
    ]


def ids_in(value: Any, name: str, pools: dict[str, set[str]]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            ids_in(item, str(key), pools)
    elif isinstance(value, list | tuple):
        for item in value:
            ids_in(item, name, pools)
    elif (name.endswith("_id") or name == "product_code") and value:
        pools.setdefault(name, set()).add(str(value))
    elif name == "sha256" and value:  # a dossier's document: GetDocument's document_id
        pools.setdefault("document_id", set()).add(str(value))


def id_pools(settings: Settings) -> dict[str, set[str]]:
    """Every id the stores name, by the field that names it (`dossier_id`, …), and each
    aggregate's own id under `<aggregate>_id` (`inspection_id`, `plan_id`, `round_id`)."""
    pools: dict[str, set[str]] = {}
    for service in HISTORIES:
        app = builder(service)(settings).app
        for note in app.recorder.select_notifications(start=1, limit=100_000):
            event = app.mapper.to_domain_event(note)
            for name, value in vars(event).items():
                ids_in(value, name, pools)
            owner = note.topic.split(":")[1].split(".")[0]
            key = {"InspectionPlan": "plan", "Round": "round"}.get(owner, owner.lower())
            pools.setdefault(f"{key}_id", set()).add(str(event.originator_id))
        app.close()
    return pools


def requests_for(method: Method, pools: dict[str, set[str]]) -> Iterator[Message]:
    """Requests of a read: every known id for its id field, each context value."""
    cls = message_factory.GetMessageClass(method.descriptor.input_type)
    fields = [f for f in method.descriptor.input_type.fields if f.name != "actor"]
    choices: list[list[tuple[str, Any]]] = []
    for item in fields:
        # an audit trail's `id` is a product's; `product_code` is the public page's
        if item.name.endswith("_id") or item.name in ("id", "product_code"):
            known = sorted(pools.get("product_id" if item.name == "id" else item.name, set()))[:40]
            choices.append([(item.name, value) for value in known] or [(item.name, "")])
        elif item.name in CONTEXT:
            choices.append([(item.name, value) for value in CONTEXT[item.name]])
    for combination in product(*choices):
        yield cls(**dict(combination))


def strings_of(message: Message) -> Iterator[str]:
    for item, value in message.ListFields():
        if item.message_type is not None and item.message_type.GetOptions().map_entry:
            values = list(value.values())
            yield from (str(key) for key in value)
        else:
            values = list(value) if item.is_repeated else [value]
        for one in values:
            if isinstance(one, Message):
                yield from strings_of(one)
            elif isinstance(one, str):
                yield one


def commands_for(method: Method) -> list[tuple[Group, Command]]:
    return [
        (group, command)
        for group in GROUPS
        for command in group.commands
        if group.service == method.service
        and command.method == method.descriptor.name
        and command.run is None
    ]


def shown(group: Group, command: Command, reply: Message, *, as_json: bool, lang: str) -> str:
    """What the CLI prints for `reply` (the command's own output, as `ocop` would)."""
    args = argparse.Namespace(json=as_json, lang=lang, quiet=False)
    for arg in command.args:
        default = False if arg.action in ("store_true",) else arg.default
        setattr(args, arg.destination, [] if arg.action == "append" else default)
    out = io.StringIO()
    with tempfile.TemporaryDirectory() as folder, contextlib.redirect_stdout(out):
        args.out = folder  # a command that writes files (the reports) writes them here
        (command.output or group.output)(args, reply)
    return out.getvalue()


def check_shown(method: Method, reply: Message, full: set[str]) -> list[str]:
    problems = []
    for group, command in commands_for(method):
        where = f"ocop {group.name} {command.name}"
        for as_json, lang in product((False, True), ("vi", "en")):
            try:
                text = shown(group, command, reply, as_json=as_json, lang=lang)
            except Exception as error:  # noqa: BLE001 - any failure to show is the finding
                problems.append(f"{where} ({'json' if as_json else lang}): {error!r}")
                continue
            if as_json:  # the strings of the JSON, newlines and quotes as they were
                text = "\n".join(json_strings(json.loads(text)))
            elif "\\u" in text:
                problems.append(f"{where}: escaped text in the output")
            if not unicodedata.is_normalized("NFC", text):
                problems.append(f"{where}: output not NFC")
            problems += [f"{where}: cut {cut!r}" for cut in partial_marks(text, full)]
    return problems
