"""The product journey continued in a real browser, in the embedded mode: a dossier
forwarded to the province (registered through the CLI; the registration pages have their
own browser test) goes through the council session on the pages (council_steps.py), the
chairman downloads the decision's PDF, the public page shows the product valid; then a
revocation through the certificate's forms and the public page shows it revoked.
Screenshots of each page at desktop and phone widths."""

from __future__ import annotations

import io
import time
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from pypdf import PdfReader
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import screenshots
from tests.browser.council_steps import built_in_login, council_session
from tests.browser.pages import click_and_wait, fill, text
from tests.e2e.harness import Processes
from tests.e2e.journeys import forwarded

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
CODE = "51-23500-1-2026"


@pytest.fixture(scope="module")
def system(embedded_system: tuple[Processes, str]) -> tuple[Processes, str, Any]:
    """The embedded system with a product registered and forwarded through the CLI."""
    proc, base = embedded_system
    return proc, base, forwarded(proc)


def eventually(check: Callable[[], bool], driver: webdriver.Chrome, url: str) -> None:
    """Reload `url` until `check` holds (reporting's read model follows the events)."""
    deadline = time.monotonic() + 60
    while True:
        driver.get(url)
        if check() or time.monotonic() > deadline:
            return
        time.sleep(1)


def download(driver: webdriver.Chrome, url: str) -> tuple[str, bytes]:
    """A link's file fetched with the browser's session cookie."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.headers["content-type"], answer.read()


@pytest.mark.timeout(900)  # the council session signs in six people
def test_council_decision_and_revocation_in_the_browser(
    driver: webdriver.Chrome, system: tuple[Processes, str, Any]
) -> None:
    _, base, registered = system
    dossier, product = registered["dossier"], registered["product"]
    council_session(driver, base, built_in_login(base), dossier)
    link = driver.find_element(By.ID, "decision-pdf").get_attribute("href")
    kind, body = download(driver, str(link))
    pages = PdfReader(io.BytesIO(body)).pages
    assert kind == "application/pdf" and "Số: 125/QĐ-UBND" in pages[0].extract_text()
    eventually(lambda: "Còn hiệu lực" in text(driver), driver, f"{base}/san-pham/{CODE}")
    assert driver.find_element(By.ID, "live-status").text == "Còn hiệu lực"
    screenshots(driver, "public-after-decision")
    _revoke(driver, base, product)
    driver.delete_all_cookies()
    eventually(lambda: "thu hồi" in text(driver), driver, f"{base}/san-pham/{CODE}")
    assert "revoked" in str(driver.find_element(By.ID, "live-status").get_attribute("class"))
    assert "9/QĐ-UBND" in text(driver)
    screenshots(driver, "public-revoked")


def _revoke(driver: webdriver.Chrome, base: str, product: str) -> None:
    built_in_login(base)(driver, "so-nnmt")
    driver.get(f"{base}/giay-chung-nhan/{product}")
    screenshots(driver, "certificates")
    fill(driver, {"ground": "b", "reference": "KL-07/2026", "concluded_on": "01/10/2026"})
    click_and_wait(driver, driver.find_element(By.ID, "open-revocation"))
    assert "Đã mở hồ sơ thu hồi." in text(driver)
    built_in_login(base)(driver, "ct-ubnd-tinh")
    driver.get(f"{base}/giay-chung-nhan/{product}")
    fill(driver, {"decision_no": "9/QĐ-UBND", "decided_on": "05/10/2026", "signer": "Chủ tịch"})
    click_and_wait(driver, driver.find_element(By.ID, "revoke"))
    assert "Đã thu hồi giấy chứng nhận." in text(driver)
