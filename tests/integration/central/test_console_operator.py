"""The console as the committee's operator meets it: the figures agree with what the clerk's
program says, what happened to a bundle is said in words, and a restored or rolled-back audit
trail shows on the unit's page as it does in ``ztcentral status``. Figures are written by hand."""

from __future__ import annotations

import json
import uuid

import pytest
from starlette.testclient import TestClient
from tests.integration.central.console_client import csrf_of, login, tables
from tests.integration.central.console_world import UnitPlan, seed_unit
from tests.integration.central.zc_helpers import Device

from ztcentral import localtime
from ztprotocol.audit_section import AuditSection

PW = "admin-pass-2026!"
H = [f"{i:02x}" * 32 for i in range(1, 20)]  # a device's audit entry hashes, H[k] = entry k


@pytest.fixture
def console(central_dir):
    from ztcentral.app import create_app
    from ztcentral.config import open_central
    from ztcentral.console import accounts

    central = open_central(central_dir)
    accounts.add(central.db, "admin1", "admin", PW)
    client = TestClient(create_app(central_dir), base_url="http://127.0.0.1")
    assert login(client, "admin1", PW).status_code == 303
    return central, client


def _study(central, dev, rows) -> None:
    ops = dev.next_ops([("study_log", str(uuid.uuid4()), "insert_many", {"rows": rows})])
    assert central.process(dev.seal(ops)).status == "applied"


def _log(member: str, hours: float, form: str | None) -> dict:
    return {"id": str(uuid.uuid4()), "member_id": member, "date": localtime.today().isoformat(),
            "hours": hours, "form": form, "topic": "学习"}  # fmt: skip


def test_study_short_counts_the_forms_the_clerks_program_counts(console):
    """The clerk's 学习 page (and ztcentral's own report) count towards the 32 hours only the
    collective forms by default (集中培训, 集体学习, 专题讲座, 组织生活); 个人自学 is recorded
    but does not count. Four full members, no committee posts:
    0: 40 h 集体学习 → not short; 1: 40 h 个人自学 → short; 2: 20 h 专题讲座 + 20 h 网络培训 →
    short (20 counted); 3: 32 h with no form (a 0.1 client's log counts) → not short.
    Short: 2 (the console said 0 before: it added every form)."""
    central, client = console
    plan = UnitPlan("3301000031", "中共丙社区委员会", branches=1, categories={"full": 4},
                    committee_per_branch=0)  # fmt: skip
    dev = seed_unit(central, plan)
    m = plan.ids["members"]
    _study(central, dev, [_log(m[0], 40, "collective"), _log(m[1], 40, "self"),
                          _log(m[2], 20, "lecture"), _log(m[2], 20, "online"),
                          _log(m[3], 32, None)])  # fmt: skip
    row = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}["3301000031"]
    # code, name, last sync, held, quarantined, full, probationary, pipeline, month, quarter,
    # study short, elections due, dues
    assert row[5] == "4" and row[10] == "2"


def test_figures_kept_by_an_older_console_are_not_shown_after_an_upgrade(console):
    """The overview keeps each unit's figures for the day; a row an older ztcentral wrote (its
    definition of a figure since corrected) is recomputed, not shown until tomorrow."""
    central, client = console
    plan = UnitPlan("3301000032", "中共丁社区委员会", branches=1, categories={"full": 2},
                    committee_per_branch=0)  # fmt: skip
    dev = seed_unit(central, plan)
    m = plan.ids["members"]
    _study(central, dev, [_log(m[0], 40, "self"), _log(m[1], 40, "collective")])
    from ztcentral.console.figures import unit_versions

    with central.db.tx() as tx:  # what the console before this fix kept: 0 short, same version
        version = unit_versions(tx)["3301000032"]
        old = {"categories": {"full": 2}, "branches": 1, "month_done": 0, "quarter_done": 0,
               "roll": 2, "study_short": 0, "elections_due": 0, "dues_due_fen": 0,
               "dues_paid_fen": 0}  # fmt: skip
        tx.run(
            "INSERT INTO console_figures (unit, day, version, data) VALUES ($1, $2, $3, $4)",
            ("3301000032", localtime.today().isoformat(), version, json.dumps(old)),
        )
    row = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}["3301000032"]
    assert row[10] == "1"


def _fork(central) -> tuple[Device, str]:
    """A device that synced entries 1–5, then deleted 4–5 and wrote two new ones: its next
    bundle is quarantined as E_AUDIT_FORK."""
    dev = Device("3301000033")
    dev.enrol_direct(central)
    ops = dev.next_ops(
        [("member", str(uuid.uuid4()), "create", {"name": "党员", "category": "full"})]
    )
    assert central.process(dev.seal(ops, audit=AuditSection(1, 5, "0" * 64), audit_head=H[5])).status == "applied"  # fmt: skip
    ops = dev.next_ops(
        [("member", str(uuid.uuid4()), "create", {"name": "党员", "category": "full"})]
    )
    sealed = dev.seal(ops, audit=AuditSection(4, 2, H[3]), audit_head=H[6])
    out = central.process(sealed)
    assert (out.status, out.code) == ("quarantined", "E_AUDIT_FORK")
    import hashlib

    return dev, hashlib.sha256(sealed).hexdigest()


def test_a_retried_bundle_that_stays_in_quarantine_is_said_so_in_chinese(console):
    """审核 → 重新处理 on a fork: the bundle goes back to quarantine. The page said
    "已完成: quarantined" (done, in English) — as if the retry had worked."""
    central, client = console
    _, sha = _fork(central)
    token = csrf_of(client.get("/console/review").text)
    answer = client.post(
        f"/console/review/quarantine/{sha}/retry",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"]).text
    assert "已完成" not in page and "quarantined" not in page
    assert "重新处理后仍被隔离" in page
    token = csrf_of(page)
    answer = client.post(
        f"/console/review/quarantine/{sha}/dismiss",
        data={"csrf_token": token},
        follow_redirects=False,
    )
    page = client.get(answer.headers["location"]).text
    assert "已标为不予处理" in page and "dismissed" not in page


def test_retrying_a_bundle_no_longer_in_quarantine_says_so(console):
    """Two admins on 审核: the first retried a bundle and it was applied; the second clicks
    重新处理 on the page still open. The page said 重新处理后被拒收 (retried: rejected) — as if
    the bundle had been refused — for a bundle that was applied. It is no longer in
    quarantine: 该同步包已不在隔离区, as for a dismiss."""
    central, client = console
    _, sha = _fork(central)
    token = csrf_of(client.get("/console/review").text)
    with central.db.tx() as tx:  # the other admin's retry took it out of quarantine
        tx.run("DELETE FROM quarantine WHERE sha256 = $1", (sha,))
    answer = client.post(
        f"/console/review/quarantine/{sha}/retry", data={"csrf_token": token},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.headers["location"] == "/console/review?done=unknown"
    page = client.get(answer.headers["location"]).text
    assert "该同步包已不在隔离区" in page and "被拒收" not in page
    with central.db.tx() as tx:
        detail = tx.scalar(
            "SELECT detail FROM console_audit WHERE action = 'quarantine.retry'"
        )  # fmt: skip
    assert '"result": "unknown"' in detail


def test_a_forged_done_message_in_the_address_is_not_shown(console):
    """``?done=…`` said whatever the link said ("已完成: 全部数据已删除", "已下发到500个单位"):
    only the outcomes the console itself reports are shown."""
    _, client = console
    page = client.get("/console/review?done=全部数据已删除").text
    assert "全部数据已删除" not in page and "已完成" not in page
    page = client.get("/console/publish?done=500个单位，请勿").text
    assert "已下发到" not in page
    page = client.get("/console/enrol?done=x").text
    assert "已完成" not in page


def test_the_sync_history_says_each_bundles_state_in_chinese(console):
    central, client = console
    plan = UnitPlan("3301000034", "中共戊社区委员会", branches=1, categories={"full": 1})
    seed_unit(central, plan)
    history = tables(client.get("/console/units/3301000034").text)["history"]
    assert [r[3] for r in history[1:]] == ["已入库"]


def test_a_rolled_back_audit_trail_shows_among_the_units_problems(console):
    """A device restored from a backup declares a branch from an anchored head: applied, and
    ``ztcentral status`` lists it as a problem (审计记录回退). The unit's page said
    "没有待处理的问题"."""
    central, client = console
    dev = Device("3301000035")
    dev.enrol_direct(central)

    def bundle(frm, n, prev, head, branch=False):
        ops = dev.next_ops([("member", str(uuid.uuid4()), "create", {"name": "党员", "category": "full"})])  # fmt: skip
        section = AuditSection(frm, n, prev, branch=branch)
        return central.process(dev.seal(ops, audit=section, audit_head=head))

    assert bundle(1, 3, "0" * 64, H[3]).status == "applied"
    assert bundle(4, 4, H[3], H[7]).status == "applied"
    assert bundle(4, 2, H[3], H[12], branch=True).status == "applied"  # restored at entry 3
    page = client.get("/console/units/3301000035").text
    assert "没有待处理的问题" not in page
    problems = {r[0]: r[1] for r in tables(page)["problems"]}
    assert problems["审计记录回退"] == "1"


def test_publish_page_says_which_units_read_a_notice_and_what_they_replied(console):
    """Issue 17: 下发 — "publish a notice … and see who has read it"; the clerks' guide: 上级能
    看到哪些单位已读、怎么回复的. The page gave only counts (单位 2, 已读 1): not which unit
    read, nor the reply ("已传达"). Unit 41 replies through its bundle; unit 42 has not read."""
    central, client = console
    a, b = (UnitPlan(c, n, branches=1, categories={"full": 1})
            for c, n in (("3301000041", "中共庚社区委员会"), ("3301000042", "中共辛社区委员会")))  # fmt: skip
    dev = seed_unit(central, a)
    seed_unit(central, b)
    token = csrf_of(client.get("/console/publish").text)
    client.post(
        "/console/publish",
        data={"csrf_token": token, "type": "notice", "title": "关于开展主题党日的通知",
              "body": "请各支部按时开展。", "units": [a.code, b.code]},
    )  # fmt: skip
    with central.db.tx() as tx:
        item = tx.one("SELECT item_id FROM down_items WHERE unit = $1", (a.code,))["item_id"]
    reply = {"item_id": item, "read_at": "2026-12-01T08:30:00Z", "feedback": "已传达<b>到</b>"}
    ops = dev.next_ops([("notice_reply", item, "create", reply)])
    assert central.process(dev.seal(ops)).status == "applied"
    page = client.get("/console/publish").text
    assert tables(page)["publications"][1][-1] == "1"  # the count as before
    rows = {r[0]: r[1:] for r in tables(page)["receipts-1"][1:]}
    # unit, delivered, read at, reply
    # a read receipt shows the notice reached the unit, whatever the delivery log says
    # read at 08:30 UTC: 16:30 Beijing time, as every time the console shows (ztcentral.localtime)
    assert rows[f"{a.code} {a.name}"] == ["是", "2026-12-01 16:30", "已传达<b>到</b>"]
    assert rows[f"{b.code} {b.name}"] == ["否", "未读", ""]
    assert "已传达&lt;b&gt;到&lt;/b&gt;" in page  # escaped


def test_publish_to_sixty_chosen_units(console):
    """A committee of 200 units (issue 17's scale) publishing to 60 of them, ticked one by one:
    the form parser allowed 50 fields, so the page answered 'Too many fields. Maximum number of
    fields is 50.' (plain English) and nothing went out."""
    from ztcentral.storage import ensure_unit

    central, client = console
    codes = [f"33010100{i:02d}" for i in range(60)]
    with central.db.tx() as tx:
        for code in codes:
            ensure_unit(tx, code)
    token = csrf_of(client.get("/console/publish").text)
    answer = client.post(
        "/console/publish",
        data={"csrf_token": token, "type": "notice", "title": "关于开展主题党日的通知",
              "body": "请各支部按时开展。", "units": codes},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303, answer.text[:200]
    with central.db.tx() as tx:
        sent = tx.scalar("SELECT count(*) FROM down_items WHERE type = 'notice'")
    assert sent == 60


def test_a_form_too_large_is_refused_in_chinese(console):
    """A body over the parser's limit (a pasted document of 2 MB) was answered in English plain
    text ('Field exceeded maximum size of 1024KB.'); now the console's own 400 page, in Chinese,
    and nothing is published."""
    central, client = console
    seed_unit(central, UnitPlan("3301000051", "中共壬社区委员会", branches=1))
    token = csrf_of(client.get("/console/publish").text)
    answer = client.post(
        "/console/publish",
        data={"csrf_token": token, "type": "notice", "title": "通知", "body": "字" * 700_000,
              "units": ["3301000051"]},
    )  # fmt: skip
    assert answer.status_code in (400, 413)
    assert "提交的内容太多" in answer.text and "Field exceeded" not in answer.text
    with central.db.tx() as tx:
        assert tx.scalar("SELECT count(*) FROM down_items WHERE type = 'notice'") == 0


def test_the_publish_page_counts_every_unit_of_an_older_publication(console):
    """The 下发 page read the 2,000 newest items only: at 200 units the 11th newest notice (and
    any older) was listed with a part of its units, or not at all (QA). Each of 11 notices to
    200 units is listed with all 200."""
    import re

    from ztcentral.storage import ensure_unit

    central, client = console
    codes = [f"3301{i:06d}" for i in range(200)]
    with central.db.tx() as tx:
        for code in codes:
            ensure_unit(tx, code)
    for n in range(11):
        token = csrf_of(client.get("/console/publish").text)
        answer = client.post(
            "/console/publish",
            data={"csrf_token": token, "type": "notice", "title": f"第{n + 1}号通知",
                  "body": "请各支部按时开展。", "units": codes},
            follow_redirects=False,
        )  # fmt: skip
        assert answer.status_code == 303, answer.text[:200]
    page = client.get("/console/publish").text
    listed = dict(re.findall(r"<td>(第\d+号通知)</td><td class=\"n\">(\d+)</td>", page))
    assert listed == {f"第{n + 1}号通知": "200" for n in range(11)}


def test_a_units_page_counts_every_held_bundle_as_the_overview_does(console):
    """The laptop's bundle waits for the one before it (held); the desktop then syncs 30 times.
    The overview says 1 held; the unit's page counted held bundles among its 30 newest rows of
    sync history only, and said nothing (no problems)."""
    central, client = console
    plan = UnitPlan("3301000033", "中共戊社区委员会", branches=1, categories={"full": 1},
                    committee_per_branch=0)  # fmt: skip
    seed_unit(central, plan)
    laptop = Device(plan.code)
    laptop.enrol_direct(central)
    lost = laptop.next_ops([("study_log", str(uuid.uuid4()), "insert_many", {"rows": []})])
    laptop.seal(lost)  # never arrives
    later = laptop.next_ops([("study_log", str(uuid.uuid4()), "insert_many", {"rows": []})])
    assert central.process(laptop.seal(later)).status == "held"
    desktop = Device(plan.code)
    desktop.enrol_direct(central)
    member = plan.ids["members"][0]
    for _ in range(30):
        _study(central, desktop, [_log(member, 1, "collective")])
    row = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}[plan.code]
    assert row[3] == "1"
    page = tables(client.get(f"/console/units/{plan.code}").text)
    assert "problems" in page, "the unit's page shows no problems"
    assert dict(page["problems"])["待处理包"] == "1"


def test_a_branch_without_a_committee_owes_no_committee_meeting(console):
    """A branch of fewer than 7 正式党员 elects a 书记 (and a 副书记), no 支部委员会 (domain
    facts §8): the clerk's 工作台 asks no 支委会 of it (ztclient domain/compliance.py
    committee_needed), and the console counts its month as the 工作台 does. Two branches of 5,
    each held a 主题党日 today and no 支委会: branch 0 has its 书记 alone (complete), branch 1
    a 书记 and a 组织委员 — a committee (not complete). By hand: 1/2 in the overview and on the
    unit's page for this month (the console said 0/2)."""
    central, client = console
    plan = UnitPlan("3301000034", "中共己社区委员会", branches=2, categories={"full": 5},
                    committee_per_branch=1)  # fmt: skip
    t = localtime.today().isoformat()
    plan.meetings = [(0, "theme_day", t), (1, "theme_day", t)]
    dev = seed_unit(central, plan)
    branch1, member = plan.ids["branches"][1], plan.ids["members"][6]
    ops = dev.next_ops([
        ("org_post", str(uuid.uuid4()), "create", {"org_id": branch1, "member_id": member,
         "post": "organisation", "start_date": "2020-01-01", "end_date": None}),
    ])  # fmt: skip
    assert central.process(dev.seal(ops)).status == "applied"
    row = {r[0]: r for r in tables(client.get("/console/").text)["units"][1:-1]}[plan.code]
    assert row[8] == "1/2"
    months = tables(client.get(f"/console/units/{plan.code}").text)["months"]
    this_month = next(r for r in months[1:] if r[0] == f"{localtime.today().month}月")
    assert this_month[-1] == "1/2个支部已按要求开会"


def test_the_audit_log_says_what_happened_in_chinese_first(console):
    """操作日志 showed its rows' codes (login, ok, failed, view.members) on a Chinese page. Each
    action and outcome has its words now; the code stays beside the action for a script's
    reader, and ?lang=en says it in English."""
    central, client = console
    seed_unit(central, UnitPlan("3301000035", "中共庚社区委员会", branches=1,
                                categories={"full": 1}))  # fmt: skip
    bad = TestClient(client.app, base_url="http://127.0.0.1")
    login(bad, "admin1", "wrong-password-1")
    client.get("/console/units/3301000035/members")
    rows = tables(client.get("/console/audit").text)["audit"][1:]
    seen = {(r[3], r[5]) for r in rows}
    assert ("登录 login", "成功") in seen
    assert ("登录 login", "失败") in seen
    assert ("查看党员名单 view.members", "成功") in seen
    rows = tables(client.get("/console/audit?lang=en").text)["audit"][1:]
    assert ("Sign-in login", "ok") in {(r[3], r[5]) for r in rows}
