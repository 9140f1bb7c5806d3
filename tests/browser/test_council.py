"""The product journey continued in a real browser, in the embedded mode: a dossier
forwarded to the province (registered through the CLI; the registration pages have their
own browser test) gets its round and council from the province office's pages, members
score on the form generated from set 13's sheet (one refused at the criterion left out),
a member sees nobody's sheet before submitting, the secretary adopts, the chairman issues
the decision and downloads its PDF, the public page shows the product valid; then a
revocation through the certificate's forms and the public page shows it revoked.
Screenshots of each page at desktop and phone widths."""

from __future__ import annotations

import io
import time
import urllib.request
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml
from pypdf import PdfReader
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import screenshots
from tests.browser.pages import (
    click_and_wait,
    error_of,
    fill,
    sign_in,
    submit,
    text,
    wait_answering,
)
from tests.e2e.harness import SHEETS, Processes, embedded, forwarded, free_port

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
CODE = "51-23500-1-2026"


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Processes, str, Any]]:
    port = free_port()
    folder = tmp_path_factory.mktemp("embedded-council")
    with embedded(folder, {"OCOP_CONSOLE_PORT": str(port)}, demo=False) as proc:
        base = f"http://127.0.0.1:{port}"
        wait_answering(base)
        yield proc, base, forwarded(proc)


def as_user(driver: webdriver.Chrome, base: str, user: str) -> None:
    driver.delete_all_cookies()
    sign_in(driver, base, user, f"demo-{user}")


def choose(driver: webdriver.Chrome, choices: dict[str, str]) -> None:
    for code, option in choices.items():
        radio = driver.find_element(By.CSS_SELECTOR, f'input[name="c-{code}"][value="{option}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
        radio.click()


def sheet(total: int) -> dict[str, str]:
    data = yaml.safe_load((SHEETS / f"sheet-set13-{total}.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["choices"].items()}


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


def test_council_decision_and_revocation_in_the_browser(
    driver: webdriver.Chrome, system: tuple[Processes, str, Any]
) -> None:
    _, base, registered = system
    dossier, product = registered["dossier"], registered["product"]
    _round_and_council(driver, base)
    as_user(driver, base, "tv-hoa")
    driver.get(f"{base}/hoi-dong/ho-so/{dossier}")
    assert driver.find_element(By.ID, "independence").is_displayed()  # nobody's sheet yet
    for member, total in (("chu-tich", 66), ("tv-hoa", 65), ("tv-minh", 65)):
        _score(driver, base, dossier, member, total)
    _adopt(driver, base, dossier)
    _decide(driver, base, dossier)
    eventually(lambda: "Còn hiệu lực" in text(driver), driver, f"{base}/san-pham/{CODE}")
    assert driver.find_element(By.ID, "live-status").text == "Còn hiệu lực"
    screenshots(driver, "public-after-decision")
    _revoke(driver, base, product)
    driver.delete_all_cookies()
    eventually(lambda: "thu hồi" in text(driver), driver, f"{base}/san-pham/{CODE}")
    assert "revoked" in str(driver.find_element(By.ID, "live-status").get_attribute("class"))
    assert "9/QĐ-UBND" in text(driver)
    screenshots(driver, "public-revoked")


def _round_and_council(driver: webdriver.Chrome, base: str) -> None:
    as_user(driver, base, "so-nnmt")
    driver.get(f"{base}/hoi-dong/dot-moi")
    fill(driver, {"level": "province", "jurisdiction": "51", "on": "12/06/2026"})
    submit(driver)
    assert "Đã mở đợt đánh giá." in text(driver)
    for member, role in (("chu-tich", "chair"), ("tv-hoa", "member"), ("tv-minh", "member"),
                         ("thu-ky", "secretary")):  # fmt: skip
        fill(driver, {"member_id": member, "role": role})
        click_and_wait(driver, driver.find_element(By.ID, "appoint"))
        assert f"({member})" in driver.find_element(By.ID, "members").text
    screenshots(driver, "council-round")


def _score(driver: webdriver.Chrome, base: str, dossier: str, member: str, total: int) -> None:
    as_user(driver, base, member)
    driver.get(f"{base}/hoi-dong/ho-so/{dossier}")
    choices = sheet(total)
    if member == "tv-minh":  # one criterion left out: refused next to it
        left_out = "3.4"
        choose(driver, {k: v for k, v in choices.items() if k != left_out})
        click_and_wait(driver, driver.find_element(By.ID, "submit-sheet"))
        assert error_of(driver, f"c-{left_out}")
        screenshots(driver, "council-sheet-refused")
    choose(driver, choices)
    assert driver.find_element(By.ID, "running-total").text == str(total)  # live total
    if member == "chu-tich":
        screenshots(driver, "council-sheet")
    click_and_wait(driver, driver.find_element(By.ID, "submit-sheet"))
    assert "Đã nộp phiếu chấm" in text(driver)


def _adopt(driver: webdriver.Chrome, base: str, dossier: str) -> None:
    as_user(driver, base, "thu-ky")
    driver.get(f"{base}/hoi-dong/ho-so/{dossier}")
    assert driver.find_element(By.ID, "quorum").text == "3 / 3"
    screenshots(driver, "council-secretary")
    fill(driver, {"adopted_on": "25/06/2026"})
    click_and_wait(driver, driver.find_element(By.ID, "adopt"))
    result = driver.find_element(By.ID, "result").text
    assert "65,33" in result or "65.33" in result
    screenshots(driver, "council-result")


def _decide(driver: webdriver.Chrome, base: str, dossier: str) -> None:
    as_user(driver, base, "ct-ubnd-tinh")
    driver.get(f"{base}/quyet-dinh?ho_so={dossier}")
    signed = {"decision_no": "125/QĐ-UBND", "signer": "Chủ tịch UBND tỉnh"}
    fill(driver, {**signed, "decided_on": "28/06/2099"})
    click_and_wait(driver, driver.find_element(By.ID, "issue"))
    assert error_of(driver, "decided_on")  # a date to come: refused at the field
    screenshots(driver, "decision-refused")
    fill(driver, {"decided_on": "28/06/2026"})
    click_and_wait(driver, driver.find_element(By.ID, "issue"))
    assert "125/2026/QĐ-UBND/01" in text(driver)
    screenshots(driver, "decision-issued")
    link = driver.find_element(By.ID, "decision-pdf").get_attribute("href")
    kind, body = download(driver, str(link))
    pages = PdfReader(io.BytesIO(body)).pages
    assert kind == "application/pdf" and "Số: 125/QĐ-UBND" in pages[0].extract_text()


def _revoke(driver: webdriver.Chrome, base: str, product: str) -> None:
    as_user(driver, base, "so-nnmt")
    driver.get(f"{base}/giay-chung-nhan/{product}")
    screenshots(driver, "certificates")
    fill(driver, {"ground": "b", "reference": "KL-07/2026", "concluded_on": "01/10/2026"})
    click_and_wait(driver, driver.find_element(By.ID, "open-revocation"))
    assert "Đã mở hồ sơ thu hồi." in text(driver)
    as_user(driver, base, "ct-ubnd-tinh")
    driver.get(f"{base}/giay-chung-nhan/{product}")
    fill(driver, {"decision_no": "9/QĐ-UBND", "decided_on": "05/10/2026", "signer": "Chủ tịch"})
    click_and_wait(driver, driver.find_element(By.ID, "revoke"))
    assert "Đã thu hồi giấy chứng nhận." in text(driver)
