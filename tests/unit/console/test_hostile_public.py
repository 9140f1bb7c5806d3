"""The public product page as anyone on the internet reads it (issue 21's security
review): the producer's registered name only, no personal data (the representative's
name, gender, ethnicity, whether criterion 3.2 applies) and no internal ids (product,
producer, dossier or event UUIDs), for a valid, a revoked and an expired product."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from eventsourcing.persistence import Tracking

from contracts.rpc import reporting_pb2 as pb
from tests.console import Browser
from tests.unit.console.edge_console import console_of
from tests.unit.console.test_hostile_routes import assert_secured
from tests.unit.inputs.servers import running
from tests.unit.reporting.kpi_year import year_of_events
from tests.unit.reporting.test_public_product import CODES, every_code

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
SHOWN = {
    "product_code", "name", "producer_name", "product_set", "commune_code", "status", "star",
    "certificate_no", "decision_no", "decided_on", "valid_from", "valid_to", "ended_on",
    "revocation_no",
}  # fmt: skip


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running(tmp_path_factory.mktemp("edge")) as edge:
        app = edge.system.reporting.app
        for n, event in enumerate([*year_of_events(), *every_code()], start=1):
            app.process_event(event, Tracking("test@t#0", n))
        data_dir = Path(tmp_path_factory.mktemp("console"))
        with console_of(edge, data_dir, signed_in=False) as url:
            yield url


def test_the_public_answer_holds_no_personal_field_nor_an_id() -> None:
    fields = set(pb.PublicProduct.DESCRIPTOR.fields_by_name)
    assert fields == SHOWN, "a new field on the public page: personal data or an id?"


@pytest.mark.parametrize("product", sorted(CODES))
def test_the_public_page_shows_no_id_and_no_sign_in_data(base: str, product: str) -> None:
    page = Browser(base).get(f"/san-pham/{CODES[product]}")
    assert page.status == 200, page.body[-600:]
    assert not UUID.search(page.body), UUID.search(page.body)
    assert_secured(page, "/san-pham")
    for word in ("legal", "gender", "ethnic", "Dân tộc", "Giới tính", "Người đại diện"):
        assert word not in page.body, word
