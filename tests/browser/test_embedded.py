"""The console in a real browser against `ocop run` (the embedded mode, on ports of its
own): signing in and out, the public page of a revoked product (revoked through the
services' commands, as the inspection walkthrough does), screenshots of each page at
desktop and phone widths."""

from __future__ import annotations

import json
import re

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import screenshots
from tests.browser.pages import (
    click_and_wait,
    error_of,
    sign_in,
    sign_out,
    submit,
    text,
)
from tests.e2e.harness import Processes
from tests.e2e.test_inspection import inspection_story

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def test_signing_in_refused_then_in_and_out(
    driver: webdriver.Chrome, embedded_system: tuple[Processes, str]
) -> None:
    _, base = embedded_system
    sign_in(driver, base, "can-bo-xa", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in text(driver)
    screenshots(driver, "sign-in-refused")
    sign_in(driver, base, "can-bo-xa", "demo-can-bo-xa")
    assert "Xin chào, can-bo-xa" in text(driver)
    assert "23500" in text(driver)
    screenshots(driver, "home-commune-officer")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.lang"))
    assert "Welcome, can-bo-xa" in text(driver)
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "a.lang"))
    sign_out(driver)
    assert "Đã đăng xuất." in text(driver)
    assert error_of(driver, "username") == ""


@pytest.mark.timeout(900)
def test_the_public_page_of_a_revoked_product(
    driver: webdriver.Chrome, embedded_system: tuple[Processes, str]
) -> None:
    proc, base = embedded_system
    inspection_story(proc)  # recognised 3★ in 2024, inspected and revoked 20/08/2025
    revoked = proc.cli("--user", "so-nnmt", "reporting", "products", "--status", "revoked")
    product = revoked[0]["product_id"]
    shown = json.dumps(proc.cli("--user", "so-nnmt", "registration", "product", product))
    code = re.findall(r"\b\d{2}-\d{3}-\d{5}-\d+-\d{4}\b|\b\d{2}-\d{5}-\d+-\d{4}\b", shown)[-1]
    driver.delete_all_cookies()  # a consumer, not signed in
    driver.get(f"{base}/san-pham/{code}")
    status = driver.find_element(By.ID, "live-status")
    assert (status.text, status.get_attribute("class")) == ("Đã bị thu hồi", "status revoked")
    assert "20/08/2025" in text(driver) and "402/QĐ-UBND" in text(driver)
    assert "HTX Cà phê Đăk Hà" in text(driver)
    assert "Y Blơi" not in driver.page_source  # the legal representative is personal data
    qr = driver.find_element(By.CSS_SELECTOR, ".qr img")
    assert driver.execute_script("return arguments[0].naturalWidth", qr) > 0
    screenshots(driver, "public-product-revoked")


def test_an_unknown_product_code(
    driver: webdriver.Chrome, embedded_system: tuple[Processes, str]
) -> None:
    _, base = embedded_system
    driver.get(f"{base}/")
    driver.find_element(By.ID, "f-ma").send_keys("51-99999-1-2026")
    submit(driver)
    assert "Không tìm thấy sản phẩm" in text(driver)  # the 404 page, with the look-up form again
    assert "Không có sản phẩm OCOP nào mang mã 51-99999-1-2026." in text(driver)
    assert driver.find_element(By.ID, "f-ma").get_attribute("value") == "51-99999-1-2026"
    screenshots(driver, "public-product-unknown")
