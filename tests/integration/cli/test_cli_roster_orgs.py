"""Roster export → import into a new unit with ``--create-orgs``: every member comes back with the
same branch, group and posts; the dry run lists what it would create and writes nothing."""

from __future__ import annotations

import json

from openpyxl import Workbook
from tests.helpers import PASSPHRASE, run_cli

from ztclient.bootstrap import App


def placement(session) -> dict[str, tuple]:
    """ID number -> (branch, group, sorted posts with their organisation) for current members."""
    names = {r["id"]: r["name"] for r in session.store.read("SELECT id, name FROM orgs")}
    posts: dict[str, list] = {}
    for p in session.store.read("SELECT member_id, post, org_id FROM org_posts"):
        posts.setdefault(p["member_id"], []).append((p["post"], names[p["org_id"]]))
    out = {}
    for m in session.store.read(
        "SELECT * FROM members WHERE status IN ('normal','mobile','lost_contact') "
        "AND category IN ('probationary','full')"
    ):
        out[m["id_number"]] = (names[m["org_id"]], names.get(m["group_id"]),
                               sorted(posts.get(m["id"], [])))  # fmt: skip
    return out


def test_export_then_import_with_create_orgs_gives_back_branch_group_and_posts(tmp_path):
    source = App(tmp_path / "source")
    s, _ = source.create_unit("中共示例街道委员会", "3301060001", PASSPHRASE, "committee")
    source.demo(s, scale="branch")
    before = placement(s)
    assert sum(1 for _b, g, _p in before.values() if g) > 30  # most members are in a group
    assert sum(len(p) for _b, _g, p in before.values()) == 7  # 5 committee posts, 2 group leaders
    s.close()

    out = tmp_path / "roster.xlsx"
    r = run_cli(source.data_dir, "export", "roster", "--full-ids", "--out", str(out))
    assert r.returncode == 0, r.stderr
    fresh = tmp_path / "fresh"
    assert (
        run_cli(fresh, "init", "--unit-name", "中共新单位委员会", "--unit-code", "9").returncode
        == 0
    )

    dry = run_cli(fresh, "members", "import", str(out), "--create-orgs", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stdout[-2000:]
    plan = json.loads(dry.stdout)
    created = sorted((o["kind"], o["name"], o["parent"]) for o in plan["orgs_to_create"])
    assert created == [
        ("branch", "机关第一党支部", "中共新单位委员会"),
        ("group", "机关第一党支部第1党小组", "机关第一党支部"),
        ("group", "机关第一党支部第2党小组", "机关第一党支部"),
    ]
    assert plan["posts"] == 7 and plan["imported"] == 0
    text = run_cli(fresh, "members", "import", str(out), "--create-orgs", "--dry-run")
    assert "将建立党支部：机关第一党支部（上级：中共新单位委员会）" in text.stdout
    orgs = json.loads(run_cli(fresh, "orgs", "list", "--json").stdout)
    assert [o["name"] for o in orgs] == ["中共新单位委员会"]  # the dry run wrote nothing

    r = run_cli(fresh, "members", "import", str(out), "--create-orgs", "--json")
    assert r.returncode == 0, r.stdout[-2000:]
    assert json.loads(r.stdout)["imported"] == len(before)
    session = App(fresh).unlock(PASSPHRASE)
    try:
        assert placement(session) == before
        assert session.verify() == []
    finally:
        session.close()


def test_without_create_orgs_an_unknown_group_or_post_is_said_not_dropped(unit, tmp_path):
    app, s, _ = unit
    wb = Workbook()
    ws = wb.active
    ws.append(
        ["姓名", "性别", "公民身份号码", "入党日期", "转正日期", "所在党支部", "党小组", "党内职务"]
    )
    ws.append(["甲", "女", "11010519491231002X", "1975-07-01", "1976-07-01", "第一党支部",
               "第一党小组", "组织委员、宣传委员（中共别的委员会）、总管"])  # fmt: skip
    path = tmp_path / "r.xlsx"
    wb.save(path)
    r = run_cli(app.data_dir, "members", "import", str(path), "--json")
    assert r.returncode == 0, r.stdout
    report = json.loads(r.stdout)
    assert sorted(w["code"] for w in report["warnings"]) == [
        "W_IMPORT_GROUP_UNKNOWN", "W_IMPORT_POST_ORG_UNKNOWN", "W_IMPORT_POST_UNKNOWN"]  # fmt: skip
    [member] = [m for m in s.members.list() if m["name"] == "甲"]
    assert member["org_name"] == "第一党支部" and member["group_id"] is None
    posts = s.store.read("SELECT post FROM org_posts WHERE member_id = ?", (member["id"],))
    assert [p["post"] for p in posts] == ["organisation"]
