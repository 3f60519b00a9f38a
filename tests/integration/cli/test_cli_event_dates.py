"""Member events and development steps are checked against the state on their own date, not
today's (QA round: /tmp/explore-dev B4/B5, /tmp/explore-dates H). The people and their dates
are set up in-process; the refusals a clerk meets go through the real CLI. Every expected date
and message below is written by hand from the dates in the fixture."""

from __future__ import annotations

import json

import pytest
from tests.helpers import run_cli

from ztclient.domain import idnumber
from ztclient.domain.errors import DomainError


def _id(birth: str, seq: int) -> str:
    first = f"110105{birth.replace('-', '')}{seq:03d}"
    return first + idnumber.check_char(first)


@pytest.fixture
def roll(unit):
    """甲二 … 甲五 full members since 1998; 己一 joined 2025-01-01, full since 2026-01-01;
    丙 born 1981-03-03; 戊一 and 戊二 发展对象 since 2025-03-01; 庚一 积极分子 since 2025-01-01."""
    app, s, _ = unit
    branch = s.store.get_meta("test_branch_id")
    ids = {}

    def add(name, birth, seq, **kw):
        ids[name], _ = s.members.add(
            {"org_id": branch, "name": name, "gender": "1", "birth_date": birth,
             "id_number": _id(birth, seq), **kw}
        )  # fmt: skip

    full = {"category": "full", "join_date": "1997-07-01", "full_member_date": "1998-07-01"}
    for i, name in enumerate(("甲二", "甲三", "甲四", "甲五")):
        add(name, f"197{i}-01-05", 11 + 2 * i, **full)
    add("己一", "1994-01-01", 501, category="full", join_date="2025-01-01",
        full_member_date="2026-01-01")  # fmt: skip
    add("丙", "1981-03-03", 31, category="full", join_date="2012-07-01",
        full_member_date="2013-07-01")  # fmt: skip
    for seq, name in ((401, "戊一"), (403, "戊二")):
        add(name, "1993-01-01", seq, category="candidate", application_date="2024-01-01",
            activist_date="2024-03-01", candidate_date="2025-03-01")  # fmt: skip
    add("庚一", "1995-01-01", 601, category="activist", application_date="2024-06-01",
        activist_date="2025-01-01")  # fmt: skip
    return app, s, ids


def cli(app, *args):
    return run_cli(app.data_dir, *args)


def refused(r, code: str, words: str) -> None:
    assert r.returncode == 4, (r.returncode, r.stdout, r.stderr)
    assert code in r.stderr and words in r.stderr, r.stderr


def show(app, who):
    return json.loads(cli(app, "members", "show", who, "--json").stdout)


def code_of(call) -> str:
    with pytest.raises(DomainError) as info:
        call()
    return info.value.code


def test_an_event_dated_while_transferred_out_is_refused(roll, tmp_path):
    app, s, ids = roll
    s.events.record(ids["甲五"], "transfer_out", "2026-09-01", {"to_org": "外单位"})
    s.events.record(ids["甲五"], "transfer_in", "2026-11-01", {"from_org": "外单位"})
    mobile = tmp_path / "mo.json"
    mobile.write_text('{"destination": "深圳"}', encoding="utf-8")
    r = cli(app, "members", "event", "甲五", "mobile_out", "--date", "2026-10-01",
            "--details-json", str(mobile))  # fmt: skip
    refused(r, "E_EVENT_NOT_ALLOWED_ON", "该人员在2026-10-01为“正式党员”、“已转出”")
    shown = show(app, "甲五")
    assert (shown["status"], shown["status_since"]) == ("normal", "2026-11-01")
    # Allowed on 2026-08-01 (正常 that day), but it would leave the record 外出流动 although
    # the later transfer-in made him 正常: refused until the later events are voided.
    r = cli(app, "members", "event", "甲五", "mobile_out", "--date", "2026-08-01",
            "--details-json", str(mobile))  # fmt: skip
    refused(
        r,
        "E_EVENT_BACKDATED",
        "早于最近一次事件（2026-11-01 转入组织关系）：请先作废后面的事件再补录",
    )
    r = cli(app, "members", "event", "甲五", "mobile_out", "--date", "2026-11-15",
            "--details-json", str(mobile))  # fmt: skip
    assert r.returncode == 0, r.stderr
    shown = show(app, "甲五")
    assert (shown["status"], shown["status_since"]) == ("mobile", "2026-11-15")


def test_a_stage_dated_while_transferred_out_is_refused(roll):
    _app, s, ids = roll
    s.events.record(ids["庚一"], "transfer_out", "2026-03-01", {"to_org": "外单位"})
    s.events.record(ids["庚一"], "transfer_in", "2026-05-01", {"from_org": "外单位"})
    with pytest.raises(DomainError) as info:
        s.events.record(ids["庚一"], "candidate", "2026-04-01")
    assert info.value.code == "E_EVENT_NOT_ALLOWED_ON"
    assert info.value.params["status"] == "transferred_out"
    assert s.events.record(ids["庚一"], "candidate", "2026-05-10").event_id


def test_sponsors_and_mentors_are_judged_on_the_steps_date(roll):
    app, s, ids = roll
    # 甲三 under 留党察看 2026-10-01 … 2026-11-20; 甲二 from 2026-10-01, still under it today.
    s.events.record(ids["甲三"], "discipline_probation", "2026-10-01")
    s.events.record(ids["甲三"], "discipline_ended", "2026-11-20")
    s.events.record(ids["甲二"], "discipline_probation", "2026-10-01")
    r = cli(app, "members", "step", "戊一", "sponsors", "--date", "2026-11-10",
            "--people", "甲三,甲四")  # fmt: skip
    refused(r, "E_DEV_SPONSOR_SUSPENDED", "甲三在2026-11-10正受留党察看处分")
    # Named before his 留党察看 began: he could sponsor then, though he cannot today.
    r = cli(app, "members", "step", "戊一", "sponsors", "--date", "2026-09-20",
            "--people", "甲二,甲四")  # fmt: skip
    assert r.returncode == 0, r.stderr
    a, b = {"member_id": ids["甲三"]}, {"member_id": ids["甲四"]}
    assert s.development.record_step(ids["戊二"], "sponsors", "2026-11-20", [a, b]).step_id
    # 己一 was 预备党员 on 2025-07-01 (full from 2026-01-01).
    r = cli(app, "members", "step", "戊一", "mentors", "--date", "2025-07-01", "--people", "己一")
    refused(r, "E_DEV_PERSON_NOT_FULL", "己一在2025-07-01为“预备党员”")
    one = {"member_id": ids["己一"]}
    assert code_of(lambda: s.development.record_step(ids["戊二"], "sponsors", "2025-07-01",
                                                     [one, b])) == "E_DEV_PERSON_NOT_FULL"  # fmt: skip
    assert s.development.record_step(ids["戊二"], "mentors", "2026-01-01", [one]).step_id


def test_no_event_before_birth_or_before_joining(roll, tmp_path):
    app, s, ids = roll
    r = cli(app, "members", "event", "丙", "deceased", "--date", "1979-01-01")
    refused(r, "E_EVENT_DATE_BEFORE", "“死亡”的日期（1979-01-01）早于出生日期（1981-03-03）")
    out = tmp_path / "to.json"
    out.write_text('{"to_org": "外单位"}', encoding="utf-8")
    r = cli(app, "members", "event", "己一", "transfer_out", "--date", "2000-01-01",
            "--details-json", str(out))  # fmt: skip
    refused(
        r, "E_EVENT_DATE_BEFORE", "“转出组织关系”的日期（2000-01-01）早于入党日期（2025-01-01）"
    )
    assert show(app, "丙")["status"] == "normal" and show(app, "己一")["status"] == "normal"
    assert s.events.record(ids["丙"], "deceased", "2026-10-01").event_id


def test_an_event_another_device_accepted_still_arrives_by_sync(roll):
    """The date rules guard input on this device; an event the unit's other device already
    accepted arrives by sync as a fact (facts_in) and is stored, not re-judged."""
    from ztclient.services.sync import facts_in
    from ztclient.services.sync.context import SyncContext

    _app, s, ids = roll
    s.events.record(ids["甲五"], "transfer_out", "2026-09-01", {"to_org": "外单位"})
    s.events.record(ids["甲五"], "transfer_in", "2026-11-01", {"from_org": "外单位"})
    ctx = SyncContext(s.store, s.clock, None, None, lambda: "d2", lambda: "u", lambda: None)  # type: ignore[arg-type]
    op = {"entity": "member_event", "op": "event", "record_id": "0190e000-0000-7000-8000-0000000000aa",
          "fields": {"member_id": ids["甲五"], "kind": "mobile_out", "date": "2026-10-01",
                     "details": {"destination": "深圳"}}}  # fmt: skip
    facts_in.apply_fact(ctx, op, lambda *a: None)
    row = s.store.read_one("SELECT kind, date, voided FROM member_events WHERE id = ?",
                           (op["record_id"],))  # fmt: skip
    assert row == {"kind": "mobile_out", "date": "2026-10-01", "voided": 0}
