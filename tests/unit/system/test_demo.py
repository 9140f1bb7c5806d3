"""The embedded demo's register goes in through the portfolio import (issue 20): the 35
Kon Tum products with their certificates as `ocop import portfolio` records them, plus
the walkthroughs' own product waiting for its district council."""

from __future__ import annotations

import asyncio
from collections import Counter

from cli.commands.imports import registration_row
from cli.portfolio_file import read
from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.settings import Settings
from system.demo import REGISTER, WALKTHROUGH_PRODUCT, load_demo
from system.embedded import EmbeddedSystem


def test_the_demo_imports_the_kontum_register(sqlite_settings: Settings) -> None:
    system = EmbeddedSystem(sqlite_settings)
    try:
        assert load_demo(system) == 36
        asyncio.run(system.deliver())
        products = {r["name"]: r for r in system.reporting.app.list_products()}
        again = system.registration.app.portfolio.import_rows(
            CommandContext(actor=Actor(id="so-nnmt", role="province_officer", jurisdiction="51")),
            [registration_row(row) for row in read(REGISTER).rows],
            source_sha256=read(REGISTER).sha256,
        )
        assert load_demo(system) == 0  # once
    finally:
        system.close()
    walkthrough = products.pop(WALKTHROUGH_PRODUCT)
    assert (walkthrough["status"], walkthrough["star"]) == ("commune_assessed", 0)
    assert len(products) == 35 and {r["status"] for r in products.values()} == {"recognised"}
    # R0's 36 months from 24/12/2020 and 24/12/2021; R1's from 28/06/2024
    assert Counter(r["valid_until"] for r in products.values()) == {
        "2023-12-24": 4,
        "2024-12-24": 23,
        "2027-06-28": 8,
    }
    dakmark = products["Cà phê rang xay DAKMARK"]
    assert (dakmark["star"], dakmark["certificate_no"]) == (4, "1320/2021/QĐ-UBND")
    assert dakmark["producer_id"] == walkthrough["producer_id"]
    assert not again.problems and again.created == 0  # importing the file again adds nothing
