"""The console in a real browser (Debian's chromium via chromium-driver): a viewer and an admin
sign in, open the overview and a unit that synced its demo data, and publish a notice that the
unit's clerk then receives."""

from __future__ import annotations

import pytest
from tests.e2e import browser
from tests.e2e.conftest import CentralServer
from tests.helpers import PASSPHRASE

PW = "console-pass-2026"

pytestmark = pytest.mark.skipif(not browser.available(), reason="chromium and chromium-driver")


@pytest.fixture
def central(tmp_path):
    """The browser walk runs once, against a ztcentral on SQLite (the pages' SQL runs on
    PostgreSQL too in tests/integration/central/test_console_*.py)."""
    srv = CentralServer(tmp_path / "central", None)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def unit_synced(central, tmp_path):
    """A unit with branch-scale demo data, enrolled online and synced."""
    from ztclient.bootstrap import App

    app = App(tmp_path / "client")
    session, _ = app.create_unit("中共城东街道工作委员会", "3301000101", PASSPHRASE, "committee")
    app.demo(session, scale="branch", seed=3)
    code = central.enroll_unit("3301000101", tmp_path / "enrol.json")
    session.sync.enroll_online(central.url, code)
    report = session.sync.sync()
    assert report.sent and all(b.status == "applied" for b in report.sent)
    central.cli("user", "add", "viewer1", "--role", "viewer", "--password-file", _pw(tmp_path))
    central.cli("user", "add", "admin1", "--role", "admin", "--password-file", _pw(tmp_path))
    yield session
    session.close()


def _pw(tmp_path) -> str:
    f = tmp_path / "pw.txt"
    f.write_text(PW + "\n")
    return str(f)


def _roll(session) -> int:
    return int(
        session.store.scalar(
            "SELECT count(*) FROM members WHERE category IN ('full', 'probationary') "
            "AND status IN ('normal', 'mobile', 'lost_contact')"
        )
    )


def test_console_in_a_real_browser(central, unit_synced, tmp_path):
    from selenium.webdriver.common.by import By

    session = unit_synced
    driver = browser.make_driver()
    try:
        # without a session: the login page
        driver.get(f"{central.url}/console/")
        assert "/console/login" in driver.current_url
        # a wrong password does not sign in
        browser.sign_in(driver, central.url, "viewer1", "wrong-password-1")
        assert "用户名或密码不对" in driver.page_source
        # the viewer signs in and sees the unit with its member count
        browser.sign_in(driver, central.url, "viewer1", PW)
        assert driver.current_url.endswith("/console/")
        row = driver.find_element(By.XPATH, "//table[@id='units']//tr[td/a='3301000101']")
        cells = [c.text for c in row.find_elements(By.TAG_NAME, "td")]
        full = int(session.store.scalar(
            "SELECT count(*) FROM members WHERE category = 'full' "
            "AND status IN ('normal', 'mobile', 'lost_contact')"))  # fmt: skip
        # enrolled by its code alone: the name the clerk gave it, sent up with its top
        # organisation (docs/console.md, "Unit names")
        assert cells[1] == session.unit_name == "中共城东街道工作委员会"
        assert int(cells[5]) == full and int(cells[5]) + int(cells[6]) == _roll(session)
        driver.save_screenshot(str(tmp_path / "overview.png"))
        # the unit's page
        old = driver.find_element(By.TAG_NAME, "html")
        row.find_element(By.LINK_TEXT, "3301000101").click()
        browser.wait_for_new_page(driver, old)
        assert "/console/units/3301000101" in driver.current_url
        assert driver.find_element(By.ID, "months").is_displayed()
        # an unknown unit
        driver.get(f"{central.url}/console/units/0000000000")
        assert browser.shows(driver, "找不到该页面或单位"), driver.page_source
        # the admin publishes a notice to the unit
        driver.delete_all_cookies()
        browser.sign_in(driver, central.url, "admin1", PW)
        driver.get(f"{central.url}/console/publish")
        driver.find_element(By.NAME, "title").send_keys("关于开展十二月主题党日的通知")
        driver.find_element(By.NAME, "body").send_keys("请各支部于12月15日前开展。")
        driver.find_element(By.CSS_SELECTOR, "input[name=units][value='3301000101']").click()
        old = driver.find_element(By.TAG_NAME, "html")
        driver.find_element(By.CSS_SELECTOR, "#publish-form button[type=submit]").click()
        browser.wait_for_new_page(driver, old)
        assert "已下发到1个单位" in driver.page_source
    finally:
        browser.quit_driver(driver)
    # the clerk's next sync brings the notice down
    session.sync.sync()
    titles = [n["body"].get("title") for n in session.sync.status()["notices"]]
    assert "关于开展十二月主题党日的通知" in titles
