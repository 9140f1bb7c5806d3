"""Inspection and promotion in a real browser, in the embedded mode (`ocop run` on ports
of its own): a Kon Tum coffee recognised 3★ by its district (through the CLI, as the
inspection e2e does) is in the province's Q3 2025 plan generated from the page (a
refusal at the day first); its inspection is scheduled, the visit recorded with a
finding, an evidence file and a remediation, and it shows among the open remediations.
Then the province's promotion plan for 2025 is adopted, an activity added and one done,
a showroom opened, an unknown product refused at its field and the coffee displayed,
and the shares read. Screenshots of each page at desktop and phone widths."""

from __future__ import annotations

import time

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.wait import WebDriverWait

from tests.browser.conftest import screenshots
from tests.browser.pages import click_and_wait, error_of, sign_in, text
from tests.e2e.harness import Processes
from tests.e2e.journeys import EXAMPLES
from tests.e2e.test_inspection import _listed, certified_by_the_district, until

# The module's system (ocop run, a product certified through some twenty CLI calls) is
# set up within the first test's time: on a loaded machine that alone passed 300 s.
pytestmark = [pytest.mark.browser, pytest.mark.e2e, pytest.mark.timeout(900)]
COFFEE = "Cà phê rang xay Đăk Hà"
TEAM = "agriculture:Nguyễn Văn An\nhealth:Trần Thị Bình"


@pytest.fixture(scope="module")
def system(embedded_system: tuple[Processes, str]) -> tuple[str, str]:
    """The embedded system with the coffee certified by its district and known to
    inspection: the console's base URL and the product's id."""
    proc, base = embedded_system
    product = certified_by_the_district(proc)
    learnt = until(lambda: _listed(proc, product), timeout=180)
    assert learnt, "inspection never learnt of the coffee"
    return base, product


def fill_in(driver: webdriver.Chrome, scope: str, values: dict[str, str]) -> None:
    """Type each value into the field `name` of the form under `scope` (a CSS selector);
    a select picks the value, a checkbox is ticked."""
    for name, value in values.items():
        field = driver.find_element(By.CSS_SELECTOR, f"{scope} [name='{name}']")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        if field.tag_name == "select":
            field.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
        elif field.get_attribute("type") == "checkbox":
            if not field.is_selected():
                field.click()
        elif field.get_attribute("type") == "file":
            field.send_keys(value)
        else:
            field.clear()
            field.send_keys(value)


def send(driver: webdriver.Chrome, scope: str) -> None:
    button = driver.find_element(By.CSS_SELECTOR, f"{scope} button[type=submit]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    click_and_wait(driver, button)


def opened(driver: webdriver.Chrome, card: str) -> None:
    """Open the card `card` (a <details>) from the keyboard: its summary focused, Enter."""
    details = driver.find_element(By.ID, card)
    assert details.get_attribute("open") is None
    summary = details.find_element(By.TAG_NAME, "summary")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", summary
    )
    summary.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: details.get_attribute("open") is not None)


def test_a_plan_a_visit_and_a_remediation(
    driver: webdriver.Chrome, system: tuple[str, str]
) -> None:
    base, product = system
    sign_in(driver, base, "so-nnmt", "demo-so-nnmt")
    driver.get(f"{base}/kiem-tra")
    click_and_wait(driver, driver.find_element(By.ID, "plans-link"))
    plan = {"lead_agency": "agriculture", "team": TEAM}
    fill_in(driver, "#generate", {**plan, "on": "31/09/2025"})
    send(driver, "#generate")
    assert error_of(driver, "on"), "the impossible day was not refused at its field"
    screenshots(driver, "inspection-plan-refused")
    fill_in(driver, "#generate", {**plan, "on": "01/07/2025"})
    send(driver, "#generate")
    assert COFFEE in driver.find_element(By.ID, "entries").text
    assert driver.find_element(By.ID, "coverage").text == "0 / 1"
    screenshots(driver, "inspection-plan")
    fill_in(driver, "#len-lich", {"planned_on": "12/08/2025", "team": TEAM})
    send(driver, "#len-lich")
    assert driver.find_element(By.ID, "inspection-status").text == "Đã lên lịch"
    fill_in(driver, "#record", {
        "visited_on": "12/08/2025", "finding-mark_use": "not_ok",
        "note-mark_use": "Nhãn ghi sai hạng sao", "others_compliant": "1",
        "outcome": "remediation", "conclusion_no": "KL-08/2025", "deadline": "12/09/2025",
        "follow_up_on": "15/09/2025", "evidence": str(EXAMPLES / "giay-chung-nhan-attp.pdf"),
    })  # fmt: skip
    send(driver, "#record")
    assert "Đã ghi nhận lần kiểm tra." in text(driver)
    assert driver.find_element(By.ID, "inspection-status").text == "Khắc phục"
    assert "giay-chung-nhan-attp.pdf" in driver.find_element(By.ID, "visits").text
    screenshots(driver, "inspection-visit")
    driver.get(f"{base}/kiem-tra")
    remediations = driver.find_element(By.ID, "remediations").text
    assert COFFEE in remediations and "12/09/2025" in remediations
    screenshots(driver, "inspection-remediations")
    driver.get(f"{base}/dang-ky/san-pham/{product}")
    click_and_wait(driver, driver.find_element(By.ID, "inspection-link"))
    assert "Khắc phục" in driver.find_element(By.ID, "history").text


def test_a_promotion_plan_a_showroom_and_the_shares(
    driver: webdriver.Chrome, system: tuple[str, str]
) -> None:
    base, product = system
    sign_in(driver, base, "so-nnmt", "demo-so-nnmt")
    driver.get(f"{base}/xuc-tien")
    click_and_wait(
        driver, driver.find_element(By.CSS_SELECTOR, "#promotion-nav a[href='/xuc-tien/ke-hoach']")
    )
    fill_in(driver, "main form.row", {"nam": "2025"})
    send(driver, "main form.row")
    fill_in(driver, "#adopt", {
        "year": "2025", "title": "Kế hoạch xúc tiến thương mại sản phẩm OCOP năm 2025",
        "budget_lines": "KP1:50.000.000:province_budget:Ngân sách tỉnh",
        "activities": "HD1:showroom:KP1:Điểm giới thiệu sản phẩm OCOP tỉnh",
    })  # fmt: skip
    send(driver, "#adopt")
    assert "50.000.000 đ" in driver.find_element(By.ID, "budget").text
    opened(driver, "hoat-dong")
    fill_in(driver, "#hoat-dong", {"code": "HD2", "kind": "fair", "title": "Hội chợ OCOP",
                                   "budget_line": "KP1", "budget_vnd": "10000000"})  # fmt: skip
    send(driver, "#hoat-dong")
    assert "Hội chợ OCOP" in driver.find_element(By.ID, "activity-HD2").text
    send(driver, "#activity-HD1")
    assert "Đã hoàn thành" in driver.find_element(By.ID, "activity-HD1").text
    screenshots(driver, "promotion-plan")
    driver.get(f"{base}/xuc-tien/diem-ban")
    fill_in(driver, "#open-showroom", {
        "name": "Điểm giới thiệu và bán sản phẩm OCOP tỉnh", "address": "TP Kon Tum",
        "commune_code": "23500", "province_code": "51", "operator": "Trung tâm Xúc tiến",
        "opened_on": "01/07/2025",
    })  # fmt: skip
    send(driver, "#open-showroom")
    fill_in(driver, "#trung-bay", {"product_id": "khong-co-san-pham", "since": "02/07/2025"})
    send(driver, "#trung-bay")
    assert error_of(driver, "product_id"), "the unknown product was not refused at its field"
    screenshots(driver, "promotion-display-refused")
    _display(driver, product)
    assert COFFEE in driver.find_element(By.ID, "displayed").text
    screenshots(driver, "promotion-showroom")
    driver.get(f"{base}/xuc-tien")
    fill_in(driver, "main form.row", {"ngay": "15/07/2025", "don_vi": "51"})
    send(driver, "main form.row")
    shares = driver.find_element(By.ID, "shares").text
    assert "15/07/2025" in shares and "Chủ thể OCOP" in shares
    assert COFFEE in driver.find_element(By.ID, "showrooms").text
    screenshots(driver, "promotion-shares")
    _channel(driver, base, product)
    for page, name in (("hoi-cho", "fairs"), ("truyen-thong", "outreach")):
        driver.get(f"{base}/xuc-tien/{page}")
        screenshots(driver, f"promotion-{name}")


def _channel(driver: webdriver.Chrome, base: str, product: str) -> None:
    """From the product's page to its producer's promotion: a supermarket channel."""
    driver.get(f"{base}/dang-ky/san-pham/{product}")
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "main a[href^='/nha-san-xuat/']"))
    click_and_wait(driver, driver.find_element(By.ID, "promotion-link"))
    opened(driver, "kenh")
    fill_in(driver, "#kenh", {"channel_type": "supermarket", "partner": "Co.opmart Kon Tum",
                              "since": "01/07/2025", "product_ids": product})  # fmt: skip
    send(driver, "#kenh")
    assert "Tham gia kênh" in driver.find_element(By.ID, "history-rows").text
    screenshots(driver, "promotion-producer")


def _display(driver: webdriver.Chrome, product: str) -> None:
    """Display the coffee once promotion has learnt of its certificate (refused at
    `product_id` before; a deadline, not a hope)."""
    deadline = time.monotonic() + 180
    while True:
        fill_in(driver, "#trung-bay", {"product_id": product, "since": "02/07/2025"})
        send(driver, "#trung-bay")
        if not error_of(driver, "product_id") or time.monotonic() > deadline:
            return
        time.sleep(1)
