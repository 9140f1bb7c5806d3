"""What the browser tests do on the console's pages, in a real browser."""

from __future__ import annotations

import time
import urllib.request
from typing import Any

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.wait import WebDriverWait


def wait_answering(base: str, timeout: float = 60) -> None:
    """Block until the console answers /healthz."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.2)


def fill(driver: webdriver.Chrome, values: dict[str, str]) -> None:
    """Type each value into the field labelled by its `name` (select: pick the value)."""
    for name, value in values.items():
        field = driver.find_element(By.NAME, name)
        if field.tag_name == "select":
            field.find_element(By.CSS_SELECTOR, f"option[value='{value}']").click()
        elif field.get_attribute("type") == "file":
            field.send_keys(value)
        else:
            field.clear()
            field.send_keys(value)


def submit(driver: webdriver.Chrome, form: str = "main form") -> None:
    """Send the form and wait for the next page."""
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, f"{form} button[type=submit]"))


def click_and_wait(driver: webdriver.Chrome, element: WebElement, timeout: float = 60) -> None:
    """Click `element` (a link or a button) and wait until the next page has loaded."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(driver, timeout).until(lambda _: _gone(page))
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def _gone(page: WebElement) -> bool:
    """Whether `page` (the previous page's root) is no longer the document's: chromium
    answers a stale node either as stale or, while the next page replaces it, as "does
    not belong to the document" (a WebDriverException that `staleness_of` lets through)."""
    try:
        page.is_enabled()
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error.msg):
            return True
        raise
    return False


def sign_in(driver: webdriver.Chrome, base: str, user: str, password: str) -> None:
    driver.get(f"{base}/dang-nhap")
    fill(driver, {"username": user, "password": password})
    submit(driver)


def sign_out(driver: webdriver.Chrome) -> None:
    click_and_wait(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/dang-xuat'] button"))


def error_of(driver: webdriver.Chrome, field: str) -> str:
    """The refusal shown next to `field` (its `aria-describedby` error), "" when none."""
    found: list[WebElement] = driver.find_elements(By.ID, f"e-{field}")
    return found[0].text if found else ""


def text(driver: webdriver.Chrome) -> str:
    body: Any = driver.find_element(By.TAG_NAME, "body").text
    return str(body)
