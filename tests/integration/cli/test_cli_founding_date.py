"""`orgs add/set --founded` (成立日期) as a clerk types it: stored, shown, cleared; a date in the
future or before the parent's is refused with exit 4 and nothing written."""

from __future__ import annotations

import json
from datetime import date, timedelta

from tests.helpers import run_cli


def ok(r):
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_founding_date_on_the_command_line(tmp_path):
    data = tmp_path / "data"
    ok(run_cli(data, "init", "--unit-name", "中共测试街道工作委员会", "--unit-code", "3301060009"))
    ok(run_cli(data, "orgs", "add", "--name", "第一党支部", "--code", "B001",
               "--founded", "2020-05-01"))  # fmt: skip
    shown = json.loads(ok(run_cli(data, "orgs", "show", "B001", "--json")))
    assert shown["founded_on"] == "2020-05-01"
    assert "成立日期：2020-05-01" in ok(run_cli(data, "orgs", "show", "B001"))
    ops = json.loads(ok(run_cli(data, "sync", "status", "--json")))["pending"]

    r = run_cli(data, "orgs", "add", "--name", "第一党小组", "--kind", "group", "--parent", "B001",
                "--founded", "2020-04-30")  # fmt: skip
    assert r.returncode == 4 and "E_ORG_FOUNDED_BEFORE_PARENT" in r.stderr
    assert "早于上级组织“第一党支部”的成立日期 2020-05-01" in r.stderr
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    r = run_cli(data, "orgs", "set", "B001", "--founded", tomorrow)
    assert r.returncode == 4 and "E_DATE_FUTURE" in r.stderr and "成立日期" in r.stderr
    assert json.loads(ok(run_cli(data, "sync", "status", "--json")))["pending"] == ops
    assert json.loads(ok(run_cli(data, "orgs", "show", "B001", "--json")))["founded_on"] == (
        "2020-05-01"
    )

    ok(run_cli(data, "orgs", "edit", "B001", "--founded", "2019-01-01"))
    ok(run_cli(data, "orgs", "set", "B001", "--founded", ""))
    assert json.loads(ok(run_cli(data, "orgs", "show", "B001", "--json")))["founded_on"] is None


def test_the_units_founding_date_not_after_a_paid_month(tmp_path):
    """`orgs set <the unit> --founded 2025-05-01` with 张三's January–April 2025 党费 paid: exit
    4, the error naming person, month and receipt; the date stays unset."""
    from tests.helpers import PASSPHRASE

    from ztclient.bootstrap import App

    app = App(tmp_path / "data")
    s, _ = app.create_unit("中共测试街道工作委员会", "3301060009", PASSPHRASE)
    branch, _ = s.orgs.add({"parent_id": s.root_org_id, "kind": "branch", "name": "第一党支部"})
    zhang, _ = s.members.add({"org_id": branch, "name": "张三", "gender": "1", "category": "full",
                              "join_date": "2001-07-01", "full_member_date": "2002-07-01"})  # fmt: skip
    s.dues.set_base(zhang, 2025, "employed", income="5000")
    s.dues.pay(zhang, "2025-01", "200", "2025-04-20", months=4, receipt_no="2025-0031")
    s.close()

    r = run_cli(app.data_dir, "orgs", "set", "中共测试街道工作委员会", "--founded", "2025-05-01")
    assert r.returncode == 4 and "E_ORG_FOUNDED_AFTER_DUES" in r.stderr
    assert "不能改为 2025-05-01：已有张三2025-01的党费交纳记录（收据号 2025-0031）" in r.stderr
    shown = json.loads(
        ok(run_cli(app.data_dir, "orgs", "show", "中共测试街道工作委员会", "--json"))
    )
    assert shown["founded_on"] is None
    ok(run_cli(app.data_dir, "orgs", "set", "中共测试街道工作委员会", "--founded", "2025-01-01"))
