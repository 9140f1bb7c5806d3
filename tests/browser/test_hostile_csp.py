"""The console's Content-Security-Policy in a real browser (only a browser enforces it):
every page a signed-in province officer can open loads without a single violation (no
inline script or style element, no resource from elsewhere: the pages added later
included, as the routes are enumerated), and a script injected into a page does not run.
The services run in process on memory stores (tests/unit/console/hostile_harness.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver

from tests.browser.pages import sign_in
from tests.unit.console.hostile_harness import PASSWORD, Seeded, seeded
from tests.unit.console.test_hostile_routes import ROUTES, filled

pytestmark = [pytest.mark.browser]

RECORDER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
"""Installed before any page's own script (CDP), it is not subject to the policy."""
SKIPPED = ("/dang-nhap/sso", "/dang-xuat")
"""The OIDC start leaves for the issuer (none here); downloads (.pdf, qr.png, ?tai=1) are
not pages and are left out below."""


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    with seeded(Path(tmp_path_factory.mktemp("csp"))) as found:
        yield found


def violations(driver: webdriver.Chrome) -> list[str]:
    found = driver.execute_script("return window.__violations || []")
    return [str(v) for v in found]


def test_every_page_loads_without_a_policy_violation(
    driver: webdriver.Chrome, world: Seeded
) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    sign_in(driver, world.base, "tc-tinh", PASSWORD)
    assert "tc-tinh" in driver.page_source
    seen = {}
    for method, path in ROUTES:
        if method != "GET" or path in SKIPPED or path.endswith(("pdf", ".png", "/tai")):
            continue
        driver.get(world.base + filled(world, path))
        seen[path] = violations(driver)
    driver.get(f"{world.base}/ho-so/{world.ids['dossier']}")  # the upload's preview script
    seen["dossier"] = violations(driver)
    assert {p: v for p, v in seen.items() if v} == {}
    assert len(seen) > 30


def test_a_script_injected_into_a_page_does_not_run(
    driver: webdriver.Chrome, world: Seeded
) -> None:
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    driver.get(f"{world.base}/san-pham/51-23500-1-2026")
    driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        "document.body.appendChild(s);"
        "var i = document.createElement('img'); i.src = 'https://evil.example/x.png';"
        "document.body.appendChild(i);"
    )
    driver.execute_script("return 1")  # let the violation events be dispatched
    assert driver.execute_script("return window.__ran === undefined")
    found = violations(driver)
    assert any(v.startswith("script-src") for v in found), found
    assert any("evil.example" in v for v in found), found
