"""Demo data for the embedded mode: the real Kon Tum OCOP register (shared/data/kontum,
35 products with cited sources), imported the way an office imports its own
(`ocop import portfolio`, issue 20: `cli.portfolio_file.read`, then registration's
`app.portfolio.import_rows` and evaluation's `app.earlier.record`, the application
services behind the command), and one product of the walkthroughs, registered through the
same commands an officer would use.

The register (`demo_data/kontum-portfolio.csv`, derived by `demo_data/kontum_portfolio.py`,
which says what in it is made up) records each certificate from its earlier decision
under the rule set of its date: the 2020 and 2021 ones (R0, 36 months) have expired by
2025; the eight of 28/06/2024 (R1, 4 stars) are in force until 28/06/2027.

The walkthrough product (README: inspection, promotion, KPIs) is made up and says so in
its name: a second coffee of the real Đăk Hà producer of "Cà phê rang xay DAKMARK", never
certified, whose first dossier (R1, received 01/03/2024: the self-assessment at each
criterion's top option and an example PDF, marked as demo data, for each paper its product
set requires) the commune assessed and forwarded to Đăk Hà's district council. Not DAKMARK
itself: the register's 2021 4-star certificate of DAKMARK is in force until 24/12/2024, so
a 2024 first recognition of it at 3 stars would be neither a first evaluation nor an
upgrade (R1 re-evaluates a certified product only as its certificate nears its end)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from cli.commands.imports import UNIT_FIELDS, recognition_row, registration_row
from cli.portfolio_file import read
from contracts.envelope import Actor
from runtime.commands import CommandContext
from services.registration.application.rulebook import requirements

REGISTER = Path(__file__).parent / "demo_data" / "kontum-portfolio.csv"
# An example paper (a one-page PDF) filed for each paper a demo dossier must carry.
PAPER = (
    Path(__file__).parents[1]
    / "services"
    / "registration"
    / "examples"
    / "giay-chung-nhan-attp.pdf"
)
# The walkthroughs' product (made up: see above) and its producer's product in the register.
WALKTHROUGH_PRODUCT = "Cà phê phin DAKMARK (dữ liệu mẫu)"
PRODUCER_OF = "Cà phê rang xay DAKMARK"
COFFEE = 13  # product set 13 (cà phê) of Decision 26/2026
RECEIVED_ON = date(2024, 3, 1)


def load_demo(system: Any) -> int:
    """Import the Kon Tum register and register the walkthrough product, once; returns how
    many products were loaded (0 if registration has events already). Raises ValueError
    when the register has a row either service refuses (it is the repository's own file)."""
    registration = system.registration.app
    if registration.recorder.max_notification_id():
        return 0
    ctx = CommandContext(actor=Actor(id="demo-loader", role="system", jurisdiction="51"))
    found = read(REGISTER)
    imported = registration.portfolio.import_rows(
        ctx, [registration_row(row) for row in found.rows], source_sha256=found.sha256
    )
    by_line = {done.line: done for done in imported.rows}
    recognitions = [
        {
            **recognition_row(row, str(by_line[row.line].product_id)),
            "unit": {name: by_line[row.line].unit.get(name, "") for name in UNIT_FIELDS},
        }
        for row in found.rows
        if row.line in by_line
    ]
    recorded = system.evaluation.app.earlier.record(
        ctx, recognitions, source_sha256=found.sha256, source_name=found.name
    )
    refused = [*found.problems, *imported.problems, *recorded.problems]
    if refused:
        raise ValueError(f"{REGISTER.name}: rows refused: {refused}")
    line = next(row.line for row in found.rows if row.values["product_name"] == PRODUCER_OF)
    _walkthrough_dossier(registration, ctx, by_line[line].producer_id)
    return len(imported.rows) + 1


def _walkthrough_dossier(registration: Any, ctx: CommandContext, producer: Any) -> None:
    """The walkthrough product's first dossier, assessed by the commune and forwarded to
    the district council under R1 (the commands of form 01, 02 and 03)."""
    product_id = registration.products.register_product(
        ctx, producer_id=producer, name=WALKTHROUGH_PRODUCT, product_set=COFFEE
    )
    dossier = registration.dossiers.submit_dossier(
        ctx, product_id=product_id, kind="first", received_on=RECEIVED_ON
    )
    needed = requirements("R1", "first", COFFEE)
    registration.dossiers.record_self_assessment(
        ctx, dossier_id=dossier, choices={c: o[-1] for c, o in needed.sheet.items()}
    )
    paper = PAPER.read_bytes()
    for category, vi, _ in needed.documents:  # a food's food-safety certificate
        registration.dossiers.attach_document(
            ctx,
            dossier_id=dossier,
            name=f"{vi} (dữ liệu mẫu).pdf",
            category=category,
            content=paper + f"% {category}\n".encode(),  # one file per paper
        )
    registration.assessment.assess_dossier(
        ctx,
        dossier_id=dossier,
        report_no="DEMO-001/BC-UBND",
        assessed_on=RECEIVED_ON,
        local_raw_material=True,
        local_labour=True,
        idea_origin=True,
        local_identity=True,
    )
    registration.assessment.forward_dossier(ctx, dossier_id=dossier, forwarded_on=RECEIVED_ON)
