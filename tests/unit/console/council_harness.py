"""The console over the services' real gRPC servers (memory stores), with council,
authority and officer accounts of its own, for the council and decision page tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.console import Browser
from tests.unit.console.edge_console import console_of
from tests.unit.evaluation.helpers import MEMBERS, SECRETARY, assessed, council, deliver
from tests.unit.inputs.servers import Running, running

PASSWORD = "mat-khau-hoi-dong"


@dataclass
class Served:
    edge: Running
    base: str


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with running(tmp_path_factory.mktemp("edge")) as edge:
        issuer = edge.system.issuer
        assert issuer is not None
        for name in MEMBERS:
            issuer.accounts.add(name, PASSWORD, ("council_member",), "51")
        issuer.accounts.add(SECRETARY, PASSWORD, ("council_secretary",), "51")
        issuer.accounts.add("ct-ubnd", PASSWORD, ("authority",), "51")
        issuer.accounts.add("so-nn", PASSWORD, ("province_officer",), "51")
        with console_of(edge, Path(tmp_path_factory.mktemp("console"))) as url:
            yield Served(edge, url)


def signed_in(base: str, username: str) -> Browser:
    browser = Browser(base)
    page = browser.get("/dang-nhap")
    home = browser.post(
        "/dang-nhap", {"csrf_token": page.csrf(), "username": username, "password": PASSWORD}
    )
    assert home.status == 200, home.body
    return browser


def arrived(served: Served, name: str) -> str:
    """A dossier forwarded to the province, its council appointed."""
    app = served.edge.system.evaluation.app
    event = assessed().model_copy(update={"product_name": name})
    deliver(app, event)
    council(app, event.aggregate_id)
    return str(event.aggregate_id)


def form_of(choices: dict[str, str], csrf: str, **extra: str) -> dict[str, str]:
    return {"csrf_token": csrf, **{f"c-{k}": v for k, v in choices.items()}, **extra}
