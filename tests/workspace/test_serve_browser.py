"""`ccassess serve` in a real browser: the real server on a free loopback port, Debian's
Chromium (headless, through Selenium and the system's chromedriver) on a phone-sized screen,
through a whole questionnaire — answer, leave halfway, resume with the same link, submit —
and `ccassess score` sees the answers.

The browser is installed by `make test` (scripts/system-deps.sh --test); a machine without
it fails here rather than skipping. Set CCASSESS_SCREENSHOTS=DIR to keep the screenshots.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from serve_kit import MODULES
from ws_kit import CLI

from ccassess.web.server import free_port

pytestmark = pytest.mark.slow

PHONE = (390, 844)


def browser() -> object:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    binary = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    assert binary and driver, (
        "Chromium and chromium-driver are missing; `make test` installs them "
        "(sh scripts/system-deps.sh --test)"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={PHONE[0]},{PHONE[1]}",
        "--lang=de",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "mobileEmulation",
        {"deviceMetrics": {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 2}},
    )
    return webdriver.Chrome(options=options, service=Service(driver))


@pytest.fixture
def server(make_workspace, tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """A workspace with personal invitations and the real server serving it."""
    folder = make_workspace("ws", MODULES)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    invited = subprocess.run(
        [
            *CLI,
            "invite",
            "-w",
            str(folder),
            "--department",
            "Vertrieb",
            "--count",
            "2",
            "--base-url",
            base,
            "-o",
            str(tmp_path / "links"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert invited.returncode == 0, invited.stderr
    link = ""
    process = subprocess.Popen(
        [*CLI, "serve", "-w", str(folder), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        import httpx

        while True:
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert process.stdout is not None
        printed = [process.stdout.readline() for _ in range(3)]
        assert "Admin token" in printed[2], printed
        token = printed[2].rsplit(" ", 1)[1].strip()
        link = (tmp_path / "links.csv").read_text("utf-8-sig").splitlines()[1].split(",")[1]
        yield folder, link, token
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    # tokens are never logged (nor anything about the visitors): no access log at all
    assert link and link.rsplit("/", 1)[1] not in out + err
    assert "GET /" not in out + err and "POST /" not in out + err


def shoot(driver, name: str, folder: Path, element=None) -> None:
    """The phone's screen as the respondent sees it (scrolled to `element`)."""
    target = Path(os.environ.get("CCASSESS_SCREENSHOTS") or folder)
    target.mkdir(parents=True, exist_ok=True)
    if element is not None:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    driver.save_screenshot(str(target / f"serve-{name}.png"))


def answer_page(driver, keyboard: bool) -> None:
    """The first choice of every group (by keyboard: focus and Space), the second entry of
    every drop-down in an item's first row, text and a number where typed."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    done: set[str] = set()
    for radio in driver.find_elements(By.CSS_SELECTOR, "input[type=radio]"):
        name = radio.get_attribute("name")
        if name in done:
            continue
        done.add(name)
        if keyboard:
            radio.send_keys(Keys.SPACE)
        else:
            radio.find_element(By.XPATH, "..").click()  # the whole label is the target
    for select in driver.find_elements(By.CSS_SELECTOR, "select"):
        if re.search(r"\.0\.", select.get_attribute("name")):
            Select(select).select_by_index(1)
    for field in driver.find_elements(By.CSS_SELECTOR, "input[type=text], textarea"):
        name = field.get_attribute("name")
        if re.search(r"\.\d+\.", name) and not re.search(r"\.0\.", name):
            continue
        decimal = field.get_attribute("inputmode") == "decimal"
        field.clear()
        field.send_keys("40" if decimal else "Angebote schreiben")


def submit(driver, selector: str = "button[value=next]") -> None:
    """Click a form's button and wait for the next page."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    page = driver.find_element(By.TAG_NAME, "html")
    for _ in range(3):
        try:
            driver.find_element(By.CSS_SELECTOR, selector).click()
            break
        except WebDriverException:
            # chromedriver on a busy machine: "Node … does not belong to the document" while
            # the page settles; click again unless the first click went through
            if expected_conditions.staleness_of(page)(driver):
                break
            time.sleep(0.5)
    wait = WebDriverWait(driver, 60)
    wait.until(expected_conditions.staleness_of(page))
    # on a busy machine the new page may still be arriving: wait until it is complete
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def test_whole_questionnaire_in_chromium(server: tuple[Path, str, str], tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    folder, link, admin_token = server
    driver = browser()
    try:
        driver.get(link)
        assert driver.find_element(By.TAG_NAME, "h1").text == "Willkommen"
        shoot(driver, "welcome", tmp_path)
        submit(driver, "button[type=submit]")
        # the first page: an empty "next" is fine (every question may be left open)
        assert "Seite 1 von" in driver.find_element(By.ID, "progress-label").text
        answer_page(driver, keyboard=True)
        shoot(driver, "page", tmp_path, driver.find_element(By.TAG_NAME, "h1"))
        submit(driver)
        answer_page(driver, keyboard=False)
        submit(driver)
        # a wrong number: the error stands next to its field, the page is not saved
        while not driver.find_elements(By.CSS_SELECTOR, "select"):
            answer_page(driver, keyboard=False)
            submit(driver)
        answer_page(driver, keyboard=False)
        share = driver.find_element(By.CSS_SELECTOR, "input[name$='.0.share']")
        share.clear()
        share.send_keys("viel")
        submit(driver)
        error = driver.find_element(By.CSS_SELECTOR, ".question.invalid .error")
        assert error.is_displayed()
        shoot(driver, "error", tmp_path, error)
        share = driver.find_element(By.CSS_SELECTOR, "input[name$='.0.share']")
        share.clear()
        share.send_keys("40")
        submit(driver)
        reached = driver.current_url
    finally:
        driver.quit()  # the phone goes to sleep halfway

    driver = browser()
    try:
        driver.get(link)  # the same link resumes where it stopped
        assert driver.current_url == reached
        driver.get(link + "?lang=en")
        assert "Page " in driver.find_element(By.ID, "progress-label").text
        while not driver.find_elements(By.CSS_SELECTOR, "form[action$='/submit']"):
            answer_page(driver, keyboard=False)
            submit(driver)
        shoot(driver, "review", tmp_path)
        submit(driver, "form[action$='/submit'] button.primary")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Thank you!"
        shoot(driver, "thanks", tmp_path)
        driver.get(link)  # submitted: locked
        assert "nicht (mehr) gültig" in driver.find_element(By.TAG_NAME, "h1").text
        # nothing was fetched from anywhere but the server
        entries = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        assert all(url.startswith(link.split("/r/")[0]) for url in entries), entries
        # the consultant signs in with the keyboard: counts, no answers
        driver.get(link.split("/r/")[0] + "/admin")
        field = driver.find_element(By.ID, "token")
        field.send_keys(admin_token)
        page = driver.find_element(By.TAG_NAME, "html")
        field.send_keys(Keys.ENTER)
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 60).until(expected_conditions.staleness_of(page))
        total = driver.find_element(By.CSS_SELECTOR, "tr.total").text
        assert total.startswith("Alle < 5 < 5"), total  # one respondent: below the threshold
        assert "Angebote schreiben" not in driver.page_source
        shoot(driver, "admin", tmp_path)
    finally:
        driver.quit()

    scored = subprocess.run(
        [*CLI, "score", "-w", str(folder), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stderr
    result = json.loads(scored.stdout)
    assert result["respondents"] == {"internal": 1, "customer": 0}
    answered = {m["id"]: m["respondents"] for m in result["modules"]}
    assert set(answered) == set(MODULES)
