"""Issue 13 item 8: elections, posts, talks, grades and 整改 items travel up with the next sync,
and the committee's report shows, per unit, organisations due for 换届, talks held, grades and
open follow-ups (a real unit, a real ztcentral serve on 127.0.0.1)."""

from __future__ import annotations

import json
from datetime import date

from openpyxl import load_workbook
from tests.helpers import PASSPHRASE, run_cli

YEAR = date.today().year


def ok(out):
    assert out.returncode == 0, out.stdout + out.stderr
    return out


def org_life(s) -> None:
    """A branch elected 2020-06-01 (term over), a second elected this year, a talk, two grades
    (one 不合格 with its follow-up open) and one open 整改 item."""
    root = s.root_org_id
    b1, _ = s.orgs.add({"parent_id": root, "kind": "branch", "name": "第一党支部"})
    b2, _ = s.orgs.add({"parent_id": root, "kind": "branch", "name": "第二党支部"})
    ids = {}
    for i, (name, org) in enumerate(
        [("甲", b1), ("乙", b1), ("丙", b1), ("丁", b2), ("戊", b2), ("己", b2)]
    ):
        ids[name], _ = s.members.add(
            {
                "org_id": org,
                "name": name,
                "gender": "1",
                "category": "full",
                "join_date": f"{1990 + i}-07-01",
                "full_member_date": f"{1991 + i}-07-01",
            }
        )
    s.elections.elect(
        b1,
        {
            "date": "2020-06-01",
            "committee": [
                {"member_id": ids["甲"], "post": "secretary"},
                {"member_id": ids["乙"], "post": "member"},
            ],
        },
    )
    s.elections.elect(
        b2,
        {
            "date": f"{YEAR}-01-01",
            "committee": [
                {"member_id": ids["丁"], "post": "secretary"},
                {"member_id": ids["戊"], "post": "member"},
            ],
        },
    )
    s.talks.add(
        {"date": f"{YEAR}-01-01", "talker_id": ids["甲"], "talkee_id": ids["丙"], "topic": "谈心"}
    )
    s.appraisals.record(
        YEAR,
        [
            {"member_id": ids["丙"], "grade": "优秀"},
            {"member_id": ids["己"], "grade": "不合格", "measure": "限期改正"},
        ],
    )
    s.rectifications.add({"org_id": b1, "year": YEAR, "problem": "学习不够", "owner": "支部委员会"})


def test_org_life_goes_up_and_into_the_report(central, tmp_path):
    from ztclient.bootstrap import App

    app = App(tmp_path / "client-U131")
    s, _ = app.create_unit("中共组织生活测试委员会", "U131", PASSPHRASE, "committee")
    org_life(s)
    pending = int(s.store.scalar("SELECT count(*) FROM outbox"))
    s.close()
    code = central.enroll_unit("U131", tmp_path / "enrol.json")
    ok(run_cli(app.data_dir, "enroll", "--server", central.url, "--code", code))
    ok(run_cli(app.data_dir, "sync", "--server", central.url))

    db = central.db()
    with db.tx() as tx:
        counts = {
            r["entity"]: r["n"]
            for r in tx.all(
                "SELECT entity, count(*) AS n FROM records WHERE unit = 'U131' GROUP BY entity"
            )
        }
        applied = tx.one("SELECT count(*) AS n FROM applied_ops WHERE status = 'applied'")["n"]
    assert applied == pending
    assert counts["election"] == 2 and counts["org_post"] == 4
    assert counts["talk"] == 1 and counts["appraisal"] == 2 and counts["rectification"] == 1

    report = tmp_path / "report.xlsx"
    central.cli("report", "--out", str(report), "--year", str(YEAR))
    ws = load_workbook(report)[f"{YEAR}年组织生活"]
    rows = list(ws.iter_rows(values_only=True))
    row = dict(zip(rows[0], next(r for r in rows[1:] if r[0] == "U131"), strict=True))
    # 第一党支部 ended its term 2023-06-01 (due and overdue); the unit's 党委 has no term;
    # 第二党支部 was elected this year (not due).
    assert (row["应换届组织数"], row["其中已超期"]) == (1, 1)
    assert row["谈心谈话次数"] == 1 and row["评议人数"] == 2
    assert (row["优秀"], row["合格"], row["基本合格"], row["不合格"]) == (1, 0, 0, 1)
    assert row["评议处置未完成"] == 1 and row["整改未完成"] == 1


def test_notice_read_receipt_and_reply_reach_the_centre(central, tmp_path):
    """Issue 13 item 6: the centre sends a notice to two units; one clerk reads and answers it;
    after the next sync the centre's status shows who has read what."""
    from ztclient.bootstrap import App

    app = App(tmp_path / "client-U133")
    s, _ = app.create_unit("中共通知回执测试委员会", "U133", PASSPHRASE, "committee")
    s.close()
    code = central.enroll_unit("U133", tmp_path / "enrol-133.json")
    ok(run_cli(app.data_dir, "enroll", "--server", central.url, "--code", code))
    central.cli("enroll-unit", "--unit-code", "U134", "--out", str(tmp_path / "enrol-134.json"))
    body = {"title": "关于报送年度组织生活会情况的通知", "body": "请于月底前报送。"}
    central.publish("U133", "notice", body, tmp_path)
    central.publish("U134", "notice", body, tmp_path)
    ok(run_cli(app.data_dir, "sync", "--server", central.url))

    (notice,) = json.loads(ok(run_cli(app.data_dir, "notices", "list", "--json")).stdout)
    assert notice["title"] == body["title"] and not notice["read"]
    ok(run_cli(app.data_dir, "notices", "read", notice["item_id"]))
    ok(run_cli(app.data_dir, "notices", "reply", notice["item_id"], "--text", "已报送"))
    r = run_cli(app.data_dir, "notices", "reply", notice["item_id"], "--text", " ")
    assert r.returncode == 4 and "E_FIELD_REQUIRED" in r.stderr
    ok(run_cli(app.data_dir, "sync", "--server", central.url))

    status = central.status()["notices"]
    mine = {n["unit"]: n for n in status if n["title"] == body["title"]}
    assert mine["U133"]["read_at"] and mine["U133"]["feedback"] == "已报送"
    assert mine["U134"]["read_at"] is None and mine["U134"]["feedback"] == ""
    text = central.cli("status").stdout
    assert f"notice {body['title']} → U133: read" in text and "— 已报送" in text
    assert f"notice {body['title']} → U134: unread" in text
