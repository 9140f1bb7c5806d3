"""The console over the embedded services (memory stores) with an account of every demo
role and an officer of another commune, and one product carried by the commune officer
to a dossier (a producer with personal data): what the hostile console tests attack."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.console import Answer, Browser
from tests.unit.console.edge_console import console_of
from tests.unit.inputs.servers import Running, running

PASSWORD = "mat-khau-tan-cong"
COMMUNE = "23500"
ACCOUNTS: dict[str, tuple[str, str]] = {
    "tc-nsx": ("producer", COMMUNE),
    "tc-xa": ("commune_officer", COMMUNE),
    "tc-xa-khac": ("commune_officer", "23425"),
    "tc-huyen": ("district_officer", "610"),
    "tc-tinh": ("province_officer", "51"),
    "tc-tv": ("council_member", "51"),
    "tc-thuky": ("council_secretary", "51"),
    "tc-kiemtoan": ("auditor", "51"),
}
"""username → (role, jurisdiction); the producer owns the seeded producer's records."""
REPRESENTATIVE = "Y Blơi Niê"
ETHNICITY = "Ê Đê"
ID = re.compile(r"/(?:nha-san-xuat|y-tuong|dang-ky/san-pham|ho-so)/([0-9a-f-]{36})$")


@dataclass
class Seeded:
    edge: Running
    base: str
    ids: dict[str, str] = field(default_factory=dict)

    def browser(self, username: str = "") -> Browser:
        """A browser signed in as `username` (anonymous when empty)."""
        browser = Browser(self.base)
        if username:
            page = browser.get("/dang-nhap")
            home = browser.post(
                "/dang-nhap",
                {"csrf_token": page.csrf(), "username": username, "password": PASSWORD},
            )
            assert f"<strong>{username}</strong>" in home.body, home.body[-800:]
        return browser


def post(browser: Browser, path: str, fields: dict[str, str], form_on: str = "") -> Answer:
    """POST `fields` to `path` with the CSRF token of the page the form is on."""
    return browser.post(path, {"csrf_token": browser.get(form_on or path).csrf(), **fields})


def made_id(answer: Answer) -> str:
    found = ID.search(answer.url)
    assert found, f"no id in {answer.url}: {answer.body[-1500:]}"
    return found[1]


@contextmanager
def seeded(data_dir: Path, **console: Any) -> Iterator[Seeded]:
    """The services, the accounts, the console (`console`: its settings) and the seed."""
    with running(data_dir / "edge") as edge:
        issuer = edge.system.issuer
        assert issuer is not None
        for username, (role, unit) in ACCOUNTS.items():
            issuer.accounts.add(username, PASSWORD, (role,), unit)
        with console_of(edge, data_dir / "console", **console) as url:
            found = Seeded(edge, url)
            _seed(found)
            yield found


def _seed(seeded: Seeded) -> None:
    officer = seeded.browser("tc-xa")
    producer = made_id(
        post(officer, "/nha-san-xuat/moi", {
            "name": "HTX Cà phê Tấn Công", "kind": "cooperative", "commune_code": COMMUNE,
            "legal_representative": REPRESENTATIVE, "legal_rep_gender": "female",
            "legal_rep_ethnicity": ETHNICITY, "business_registration_no": "6101234999",
            "account": "tc-nsx",
        })
    )  # fmt: skip
    idea = made_id(
        post(officer, "/y-tuong/moi", {
            "producer_id": producer, "name": "Cà phê rang xay Tấn Công", "product_set": "13",
            "submitted_on": "02/03/2026",
        })
    )  # fmt: skip
    for action, on in (("accept", "16/03/2026"), ("submit_plan", "01/04/2026"),
                       ("approve_plan", "15/04/2026")):  # fmt: skip
        done = post(officer, f"/y-tuong/{idea}", {"action": action, "on": on, "text": "PA"})
        assert done.status == 200, done.body[-1500:]
    product = made_id(post(officer, f"/y-tuong/{idea}/san-pham", {}, f"/y-tuong/{idea}"))
    dossier = made_id(
        post(
            officer, f"/dang-ky/san-pham/{product}", {"kind": "first", "received_on": "01/06/2026"}
        )
    )
    seeded.ids.update(producer=producer, idea=idea, product=product, dossier=dossier)
