"""The council session and the decision on the console's pages, as the browser tests walk
them in either mode: the province office opens the round and appoints the council, each
member signs in and scores on the form generated from set 13's sheet (the star minimums
marked, the running total checked; one member refused at the criterion left out, one who
has not scored sees no other sheet nor the mean), the secretary sees who has scored and
adopts, the chairman of the People's Committee issues the decision (a date to come
refused at its field). `login(driver, user)` signs in as `user` in the mode at hand."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import yaml
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.browser.conftest import screenshots
from tests.browser.pages import click_and_wait, error_of, fill, sign_in, submit, text
from tests.e2e.journeys import SHEETS

Login = Callable[[webdriver.Chrome, str], None]
TOTALS = (66, 65, 65)
"""The members' totals (services/evaluation/examples/sheet-set13-<total>.yaml): adopted
as 65.33, three stars."""


@dataclass(frozen=True)
class Council:
    """The accounts that act: the province officer, the scoring members (chair first),
    the secretary and the authority who signs."""

    officer: str = "so-nnmt"
    scorers: tuple[str, ...] = ("chu-tich", "tv-hoa", "tv-minh")
    secretary: str = "thu-ky"
    authority: str = "ct-ubnd-tinh"
    shots: str = ""
    """The screenshots' name prefix (the distributed mode's: `distributed-`)."""


def built_in_login(base: str) -> Login:
    """Signing in with the embedded mode's built-in accounts (password `demo-<user>`)."""

    def login(driver: webdriver.Chrome, user: str) -> None:
        driver.delete_all_cookies()
        sign_in(driver, base, user, f"demo-{user}")

    return login


def sheet(total: int) -> dict[str, str]:
    data = yaml.safe_load((SHEETS / f"sheet-set13-{total}.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["choices"].items()}


def choose(driver: webdriver.Chrome, choices: dict[str, str]) -> None:
    for code, option in choices.items():
        radio = driver.find_element(By.CSS_SELECTOR, f'input[name="c-{code}"][value="{option}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", radio)
        radio.click()


def until_shown(driver: webdriver.Chrome, url: str, element_id: str, timeout: float = 60) -> None:
    """Load `url` until it shows `element_id` (the evaluation service learns of a forwarded
    dossier from registration's event a moment later in the distributed mode)."""
    deadline = time.monotonic() + timeout
    while True:
        driver.get(url)
        if driver.find_elements(By.ID, element_id) or time.monotonic() > deadline:
            return
        time.sleep(1)


def round_and_council(driver: webdriver.Chrome, base: str, login: Login, who: Council) -> None:
    login(driver, who.officer)
    driver.get(f"{base}/hoi-dong/dot-moi")
    fill(driver, {"level": "province", "jurisdiction": "51", "on": "12/06/2026"})
    submit(driver)
    assert "Đã mở đợt đánh giá." in text(driver), text(driver)
    roles = [(m, "chair" if i == 0 else "member") for i, m in enumerate(who.scorers)]
    for member, role in [*roles, (who.secretary, "secretary")]:
        fill(driver, {"member_id": member, "role": role})
        click_and_wait(driver, driver.find_element(By.ID, "appoint"))
        assert f"({member})" in driver.find_element(By.ID, "members").text
    screenshots(driver, f"{who.shots}council-round")


def score(
    driver: webdriver.Chrome, base: str, login: Login, dossier: str, member: str, total: int,
    *, refuse_one: bool = False, shoot: str | None = None,
) -> None:  # fmt: skip
    """`member` scores `total` on the page; `refuse_one`: first with criterion 3.4 left
    out, refused next to it; `shoot`: the screenshots' name prefix, None for none."""
    login(driver, member)
    until_shown(driver, f"{base}/hoi-dong/ho-so/{dossier}", "submit-sheet")
    assert driver.find_element(By.ID, "independence").is_displayed()  # no sheet, no mean
    assert not driver.find_elements(By.ID, "mean") and not driver.find_elements(By.ID, "quorum")
    assert "tối thiểu cho 3 sao" in text(driver)  # the star minimums marked
    choices = sheet(total)
    if refuse_one:
        left_out = "3.4"
        choose(driver, {k: v for k, v in choices.items() if k != left_out})
        click_and_wait(driver, driver.find_element(By.ID, "submit-sheet"))
        assert error_of(driver, f"c-{left_out}")
        screenshots(driver, "council-sheet-refused")
    choose(driver, choices)
    assert driver.find_element(By.ID, "running-total").text == str(total)  # live total
    if shoot is not None:
        screenshots(driver, f"{shoot}council-sheet")
    click_and_wait(driver, driver.find_element(By.ID, "submit-sheet"))
    assert "Đã nộp phiếu chấm" in text(driver)


def adopt(driver: webdriver.Chrome, base: str, login: Login, who: Council, dossier: str) -> str:
    """The secretary sees every member has scored and adopts; the result's text."""
    login(driver, who.secretary)
    driver.get(f"{base}/hoi-dong/ho-so/{dossier}")
    scored = len(who.scorers)
    quorum = driver.find_element(By.ID, "quorum").text
    assert quorum == f"{scored} / {scored}", text(driver)
    for member in who.scorers:
        assert f"{member} — Đã chấm" in text(driver)
    screenshots(driver, f"{who.shots}council-secretary")
    fill(driver, {"adopted_on": "25/06/2026"})
    click_and_wait(driver, driver.find_element(By.ID, "adopt"))
    result = str(driver.find_element(By.ID, "result").text)
    assert "65,33" in result or "65.33" in result
    assert driver.find_element(By.CSS_SELECTOR, "#result .explanation").text  # explained
    screenshots(driver, f"{who.shots}council-result")
    return result


def decide(driver: webdriver.Chrome, base: str, login: Login, who: Council, dossier: str) -> None:
    login(driver, who.authority)
    driver.get(f"{base}/quyet-dinh?ho_so={dossier}")
    signed = {"decision_no": "125/QĐ-UBND", "signer": "Chủ tịch UBND tỉnh"}
    fill(driver, {**signed, "decided_on": "28/06/2099"})
    click_and_wait(driver, driver.find_element(By.ID, "issue"))
    assert error_of(driver, "decided_on")  # a date to come: refused at the field
    screenshots(driver, f"{who.shots}decision-refused")
    fill(driver, {"decided_on": "28/06/2026"})
    click_and_wait(driver, driver.find_element(By.ID, "issue"))
    assert "125/2026/QĐ-UBND/01" in text(driver)
    screenshots(driver, f"{who.shots}decision-issued")


def council_session(
    driver: webdriver.Chrome, base: str, login: Login, dossier: str, who: Council = Council()
) -> None:
    """From the round's opening to the issued decision, on the pages."""
    round_and_council(driver, base, login, who)
    for i, (member, total) in enumerate(zip(who.scorers, TOTALS, strict=True)):
        shoot = who.shots if i == 0 else None
        score(driver, base, login, dossier, member, total, refuse_one=i == 2, shoot=shoot)
    adopt(driver, base, login, who, dossier)
    decide(driver, base, login, who, dossier)
