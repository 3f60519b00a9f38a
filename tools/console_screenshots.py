"""Screenshots of the console at 1366×768 in a real browser, for docs/screenshots.

    .venv/bin/python tools/console_screenshots.py [--out docs/screenshots]

Builds a throw-away committee (twelve units sent through the real bundle path, varied in size,
meetings, study and terms), serves ztcentral on 127.0.0.1 and walks the pages with Debian's
chromium through chromium-driver (the same driver the browser test uses).
"""

from __future__ import annotations

import argparse
import random
import socket
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e import browser  # noqa: E402
from tests.integration.central.console_world import UnitPlan, seed_unit  # noqa: E402

NAMES = ["城东街道", "城西街道", "南湖镇", "北山镇", "临江村", "青石村", "市第一中学", "市人民医院",
         "自来水公司", "供电所", "长岭社区", "桥头社区"]  # fmt: skip
PW = "console-pass-2026"


def build(data: Path) -> None:
    from ztcentral.config import init_data_dir
    from ztcentral.console import accounts, tables

    central = init_data_dir(data, server_url="http://127.0.0.1")
    tables.ensure(central.db)
    accounts.add(central.db, "zzb-admin", "admin", PW)
    accounts.add(central.db, "zzb-viewer", "viewer", PW)
    rnd = random.Random(7)
    today = date.today()
    for i, name in enumerate(NAMES):
        branches = rnd.randint(1, 5)
        days = [(today - timedelta(days=rnd.randint(0, 80))).isoformat() for _ in range(12)]
        meetings = [
            (b, kind, rnd.choice(days))
            for b in range(branches)
            for kind in ("branch_committee", "theme_day", "branch_general", "lecture", "group")
            if rnd.random() < 0.7
        ]
        elected = (today - timedelta(days=rnd.randint(300, 1200))).isoformat()
        plan = UnitPlan(
            f"33010{i + 1:05d}", f"中共{name}委员会", branches=branches,
            categories={"full": rnd.randint(8, 30), "probationary": rnd.randint(0, 3),
                        "activist": rnd.randint(0, 4), "applicant": rnd.randint(0, 3)},
            meetings=meetings, hours={k: rnd.choice([8.0, 20.0, 34.0, 60.0]) for k in range(6)},
            elected_on=elected,
        )  # fmt: skip
        seed_unit(central, plan)
    from ztcentral.enrolment import issue_code

    issue_code(central, "3301099999")  # a unit enrolled but never synced


def serve(data: Path) -> tuple[str, object]:
    import uvicorn

    from ztcentral.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(uvicorn.Config(create_app(data), host="127.0.0.1", port=port,
                                        log_level="warning"))  # fmt: skip
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def main() -> int:
    from selenium.webdriver.common.by import By

    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out = ap.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "central"
        build(data)
        base, srv = serve(data)
        driver = browser.make_driver()
        try:
            driver.get(f"{base}/console/login")
            driver.save_screenshot(str(out / "console-login.png"))
            browser.sign_in(driver, base, "zzb-admin", PW)
            shots = [("console-overview.png", "/console/"),
                     ("console-unit.png", "/console/units/3301000003"),
                     ("console-publish.png", "/console/publish"),
                     ("console-review.png", "/console/review")]  # fmt: skip
            for name, path in shots:
                driver.get(base + path)
                driver.save_screenshot(str(out / name))
            driver.get(f"{base}/console/enrol")
            driver.find_element(By.NAME, "unit").send_keys("3301000013")
            driver.find_element(By.NAME, "name").send_keys("中共新区社区委员会")
            driver.find_element(By.CSS_SELECTOR, "form.row button[type=submit]").click()
            driver.save_screenshot(str(out / "console-enrol.png"))
            driver.get(f"{base}/console/?lang=en")
            driver.save_screenshot(str(out / "console-overview-en.png"))
        finally:
            browser.quit_driver(driver)
            srv.should_exit = True  # type: ignore[attr-defined]
    for p in sorted(out.glob("console-*.png")):
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
