"""A real browser for the console's tests: Debian's chromium driven by chromium-driver through
Selenium, headless, 1366×768, with no network beyond 127.0.0.1 (Selenium Manager switched off,
Chromium's background services off)."""

from __future__ import annotations

import os
import shutil
import tempfile

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def available() -> bool:
    return os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)


def make_driver(width: int = 1366, height: int = 768, lang: str = "zh-CN"):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # never let Selenium Manager go looking for drivers
    profile = tempfile.mkdtemp(prefix="zt-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
        f"--window-size={width},{height}", f"--lang={lang}", f"--user-data-dir={profile}",
    ):  # fmt: skip
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    driver.set_window_size(width, height)
    driver._zt_profile = profile  # type: ignore[attr-defined]
    return driver


def quit_driver(driver) -> None:
    try:
        driver.quit()
    finally:
        shutil.rmtree(getattr(driver, "_zt_profile", ""), ignore_errors=True)


def sign_in(driver, base: str, name: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/console/login")
    driver.find_element(By.ID, "username").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for_new_page(driver, old)


def wait_for_new_page(driver, old, seconds: float = 20) -> None:
    """Wait until the page that held ``old`` has been replaced (a form was answered).

    Asked while the new page replaces the old one, chromedriver can answer "Node with given id
    does not belong to the document" (a WebDriverException, not the StaleElementReference that
    selenium's ``staleness_of`` waits for): the node is gone, which is what we wait for. Seen
    once in a full run; it failed the test."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def replaced(_driver) -> bool:
        try:
            old.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    WebDriverWait(driver, seconds).until(replaced)


def shows(driver, text: str, seconds: float = 10) -> bool:
    """Whether the page shows ``text`` within ``seconds``. Right after ``driver.get`` of a page
    answered 404, chromedriver gave an empty page source once in a full run (the error page
    not yet in the document); the text came a moment later."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, seconds).until(lambda d: text in d.page_source)
    except TimeoutException:
        return False
    return True
