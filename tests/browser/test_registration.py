"""A product carried through the console's registration pages in a real browser, in the
embedded mode: a refusal at its field, the producer, its idea and plan, the product, the
dossier with its documents (uploaded) and self-assessment on set 13's sheet, the
commune's receipt, assessment and forwarding; the council session and the decision on
their pages (council_steps.py); the dashboard's charts with the recognised product; then
the product's public page, and the producer signed in seeing its own idea. Screenshots
of each page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import screenshots
from tests.browser.council_steps import built_in_login, council_session, until_shown
from tests.browser.pages import (
    click_and_wait,
    error_of,
    fill,
    sign_in,
    submit,
    text,
)
from tests.e2e.harness import Processes
from tests.e2e.journeys import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.e2e]
ID = re.compile(r"/([0-9a-f-]{36})$")


def made(driver: webdriver.Chrome) -> str:
    found = ID.search(driver.current_url)
    shown = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "[role=alert]")]
    assert found, f"not made ({driver.current_url}): {shown}"
    return found[1]


def form_of(driver: webdriver.Chrome, action_ends: str, values: dict[str, str]) -> None:
    """Fill the form whose action ends with `action_ends`, then send it."""
    form = driver.find_element(By.CSS_SELECTOR, f"form[action$='{action_ends}']")
    opened = form.find_elements(By.XPATH, "ancestor::details[not(@open)]/summary")
    for summary in opened:  # a folded action: open it as a person would
        summary.click()
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        if field.tag_name == "select":
            field.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
        elif field.get_attribute("type") == "checkbox":
            if (value == "1") != field.is_selected():
                field.click()
        elif field.get_attribute("type") == "file":
            field.send_keys(value)
        else:
            field.clear()
            field.send_keys(value)
    click_and_wait(driver, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def test_a_refused_producer_shows_the_reason_at_the_field(
    driver: webdriver.Chrome, embedded_system: tuple[Processes, str]
) -> None:
    _, base = embedded_system
    sign_in(driver, base, "can-bo-xa", "demo-can-bo-xa")
    driver.get(f"{base}/nha-san-xuat/moi")
    fill(driver, {"name": "Hộ Nguyễn Văn A", "kind": "household_business", "commune_code": "23500"})
    submit(driver)
    assert error_of(driver, "business_registration_no")
    field = driver.find_element(By.ID, "f-business_registration_no")
    assert field.get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "f-name").get_attribute("value") == "Hộ Nguyễn Văn A"
    screenshots(driver, "producer-refused")


@pytest.mark.timeout(900)  # the council session signs in six people
def test_from_registration_to_the_public_page(
    driver: webdriver.Chrome, embedded_system: tuple[Processes, str]
) -> None:
    _, base = embedded_system
    sign_in(driver, base, "can-bo-xa", "demo-can-bo-xa")
    producer = _register_the_producer(driver, base)
    product = _idea_to_product(driver)
    dossier = _dossier_with_documents(driver, base, product)
    _receive_assess_and_forward(driver, base)
    council_session(driver, base, built_in_login(base), dossier)
    _dashboard_charts(driver, base)
    _public_page_valid(driver, base)
    _producer_sees_its_idea(driver, base)
    assert producer


def _register_the_producer(driver: webdriver.Chrome, base: str) -> str:
    """The cooperative with an account of its own; its id."""
    driver.get(f"{base}/nha-san-xuat/moi")
    form_of(driver, "/nha-san-xuat/moi", {
        "name": "HTX Cà phê Đăk Hà", "kind": "cooperative", "commune_code": "23500",
        "legal_representative": "Y Blơi", "legal_rep_gender": "male",
        "legal_rep_ethnicity": "Xơ Đăng", "business_registration_no": "6101234567",
        "account": "htx-dak-ha",
    })  # fmt: skip
    producer = made(driver)
    screenshots(driver, "producer")
    return producer


def _idea_to_product(driver: webdriver.Chrome) -> str:
    """From the producer's page: the idea, accepted, its plan submitted and approved, then
    the product made of it; the product's id."""
    click_and_wait(driver, driver.find_element(By.LINK_TEXT, "Đăng ký ý tưởng sản phẩm"))
    form_of(driver, "/y-tuong/moi", {"name": "Cà phê rang xay Đăk Hà", "product_set": "13",
                                     "submitted_on": "02/03/2026"})  # fmt: skip
    idea = made(driver)
    for action, on, said in (("accept", "16/03/2026", ""),
                             ("submit_plan", "01/04/2026", "Phương án SXKD 2026"),
                             ("approve_plan", "15/04/2026", "")):  # fmt: skip
        form_of(driver, f"/y-tuong/{idea}", {"action": action, "on": on, "text": said})
        assert "Đã lưu." in text(driver)
    screenshots(driver, "idea")
    form_of(driver, f"/y-tuong/{idea}/san-pham", {})
    return made(driver)


def _dossier_with_documents(driver: webdriver.Chrome, base: str, product: str) -> str:
    """The product's first dossier, its two documents uploaded and its self-assessment on
    set 13's sheet; the dossier's id."""
    form_of(driver, f"/dang-ky/san-pham/{product}", {"kind": "first", "received_on": "01/06/2026"})
    dossier = made(driver)
    assert "51-23500-1-2026" in text(driver)
    for path, category in (
        (EXAMPLES / "mau-02-tu-danh-gia.pdf", "form_02"),
        (EXAMPLES / "giay-chung-nhan-attp.pdf", "food_safety_certificate"),
    ):
        form_of(driver, "/tai-lieu", {"file": str(path), "category": category})
        assert path.name in text(driver)
    _self_assess(driver, base, dossier)
    return dossier


def _receive_assess_and_forward(driver: webdriver.Chrome, base: str) -> None:
    """The commune's receipt (nothing missing), assessment and forwarding; the dossier in
    the list and the dashboard's stages."""
    form_of(driver, "/tiep-nhan", {"paper_copy": "1", "samples": "5", "received_on": "01/06/2026"})
    assert "Không thiếu gì." in text(driver)
    screenshots(driver, "dossier")
    form_of(driver, "/danh-gia", {"report_no": "15/BC-UBND", "assessed_on": "12/06/2026"})
    form_of(driver, "/chuyen", {"forwarded_on": "12/06/2026"})
    assert "province" in driver.find_element(By.ID, "dossier-status").text + text(driver)
    driver.get(f"{base}/ho-so?q=51-23500")
    assert "51-23500-1-2026" in text(driver)
    screenshots(driver, "dossiers")
    driver.get(f"{base}/bang-dieu-khien")
    assert "Hồ sơ theo giai đoạn" in text(driver) and "Đã chuyển lên cấp trên" in text(driver)
    screenshots(driver, "dashboard")


def _public_page_valid(driver: webdriver.Chrome, base: str) -> None:
    """Signed out: the product's public page shows it valid, with its decision and stars."""
    driver.delete_all_cookies()
    driver.get(f"{base}/san-pham/51-23500-1-2026")
    assert driver.find_element(By.ID, "live-status").text == "Còn hiệu lực"
    assert "125/QĐ-UBND" in text(driver) and "3 sao" in text(driver)
    screenshots(driver, "public-product-valid")


def _producer_sees_its_idea(driver: webdriver.Chrome, base: str) -> None:
    sign_in(driver, base, "htx-dak-ha", "demo-htx-dak-ha")
    driver.get(f"{base}/y-tuong")
    assert "Cà phê rang xay Đăk Hà" in text(driver)
    screenshots(driver, "producer-own-ideas")


def _dashboard_charts(driver: webdriver.Chrome, base: str) -> None:
    """The province's dashboard draws the recognised product in its stars chart (reporting
    learns of the decision a moment later)."""
    built_in_login(base)(driver, "so-nnmt")
    until_shown(driver, f"{base}/bang-dieu-khien", "stars-chart")
    title = driver.find_element(By.ID, "dashboard-title").text
    assert title == "Tổng quan địa bàn — Tỉnh Quảng Ngãi"  # the name, not the code 51
    chart = driver.find_element(By.ID, "stars-chart")
    assert chart.get_attribute("role") == "img"
    described = driver.find_element(By.ID, "stars-desc").get_attribute("textContent")
    assert "2026: 1 × 3★" in str(described)
    rows = driver.find_element(By.ID, "stars-table").text
    assert "2026" in rows
    screenshots(driver, "dashboard-charts")


def _self_assess(driver: webdriver.Chrome, base: str, dossier: str) -> None:
    choices = json.loads(Path(EXAMPLES / "self-assessment-set13.json").read_text("utf-8"))
    driver.get(f"{base}/ho-so/{dossier}/tu-danh-gia")
    screenshots(driver, "self-assessment")
    for criterion, option in choices.items():
        driver.find_element(By.ID, f"o-{criterion}-{option}").click()
    submit(driver)
    assert "34/34" in text(driver)
