"""发展党员工作纪实表 and 组织关系介绍信: rendered, read back with pdftotext, figures by hand; and
the admission vote of a 支部大会, printed in the minutes and read back from the member's record
and its 纪实表, with the same date and meeting (issue 12)."""

from __future__ import annotations

import json
import subprocess

import sample_development_docs as sd
from tests.helpers import run_cli

from ztclient.domain import idnumber
from ztclient.infra.documents.development_pdf import render_development_record
from ztclient.infra.documents.transfer_letter_pdf import render_transfer_letter


def text_of(pdf) -> str:
    """The text in reading order, without spaces or line breaks (a cell's text wraps)."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return "".join(out.stdout.split())


def test_record_sample_lists_the_25_steps_with_what_was_recorded(tmp_path):
    report = render_development_record(sd.development_record(), tmp_path / "r.pdf")
    assert report.pages == 2 and report.missing_glyphs == ()
    text = text_of(tmp_path / "r.pdf")
    assert "发展党员工作纪实表" in text and "刘洋" in text
    for label in (
        "递交入党申请书",
        "确定入党介绍人",
        "进行政治审查",
        "上级党委预审",
        "入党宣誓",
        "材料归档",
    ):
        assert label in text
    # line 15: the meeting, its date and its vote, as written in the sample by hand
    assert "2026年11月20日" in text and "2026年第四季度支部党员大会" in text
    assert "赞成20票" in text and "反对0票" in text and "弃权1票" in text
    assert "（已作废：日期有误）" in text  # a voided entry stays, marked
    assert "3701**********3519" in text  # masked unless asked for


def test_letter_sample_has_three_parts_and_capital_numerals(tmp_path):
    report = render_transfer_letter(sd.transfer_letter(), tmp_path / "l.pdf")
    assert report.pages == 1 and report.missing_glyphs == ()
    text = text_of(tmp_path / "l.pdf")
    assert text.count("第025号") == 3  # 存根, 介绍信, 回执
    assert "党员介绍信存根" in text and "回执联" in text
    assert "党费已交到贰零贰陆年壹拾月" in text and "有效期叁拾天" in text
    assert "370102198503121248" in text and "陈红同志（女），41岁，汉族" in text
    assert "请于2026年12月2日前寄回" in text


def _id(birth: str, seq: int) -> str:
    first = f"110105{birth}{seq:03d}"
    return first + idnumber.check_char(first)


def test_admission_vote_printed_and_read_back_from_the_record(unit, tmp_path):
    app, s, _ = unit
    branch = s.store.get_meta("test_branch_id")
    full = [
        s.members.add(
            {
                "org_id": branch,
                "name": f"党员{i}",
                "gender": "1",
                "id_number": _id("19800101", 11 + 2 * i),
                "category": "full",
                "join_date": "2005-07-01",
                "full_member_date": "2006-07-01",
            }
        )[0]
        for i in range(5)
    ]
    p, _ = s.members.add(
        {
            "org_id": branch,
            "name": "刘洋",
            "gender": "1",
            "id_number": _id("19960814", 35),
            "category": "applicant",
        }
    )
    s.events.record(p, "applied", "2018-03-05")
    s.development.record_step(p, "talk", "2018-03-20", ["王建国"])
    s.events.record(p, "activist", "2018-06-01")
    s.development.record_step(p, "assessment", "2018-12-01")
    s.development.record_step(p, "assessment", "2019-05-20")
    s.events.record(p, "candidate", "2019-06-01")
    for step, day, people, details in [
        ("sponsors", "2019-06-10", [{"member_id": full[0]}, {"member_id": full[1]}], {}),
        ("political_review", "2019-08-01", [], {"result": "qualified"}),
        ("training", "2019-09-10", [], {"days": 3}),
        ("pre_review", "2019-11-15", [], {}),
        ("volunteer_form", "2019-11-20", [], {}),
    ]:
        s.development.record_step(p, step, day, people, details)
    attendance = [{"member_id": m, "status": "present"} for m in full]
    meeting_id, _ = s.meetings.add(
        {
            "org_id": branch,
            "kind": "branch_general",
            "starts_at": "2019-12-01T09:00",
            "title": "2019年第四季度支部党员大会",
            "attendance": attendance,
            "resolutions": [
                {
                    "title": "接收刘洋同志为预备党员",
                    "kind": "admission",
                    "votes_for": 4,
                    "votes_against": 1,
                    "votes_abstain": 0,
                    "subject_member_id": p,
                }
            ],
        }
    )

    minutes = tmp_path / "minutes.pdf"
    s.reports.print_minutes(meeting_id, minutes)
    text = text_of(minutes)
    assert "2019年12月1日" in text and "接收刘洋同志为预备党员" in text

    shown = json.loads(run_cli(app.data_dir, "development", "show", "刘洋", "--json").stdout)
    [admitted] = [e for e in shown["entries"] if e["step"] == "admitted"]
    assert (admitted["date"], admitted["meeting_id"]) == ("2019-12-01", meeting_id)
    assert admitted["meeting_title"] == "2019年第四季度支部党员大会"
    assert shown["member"]["join_date"] == "2019-12-01"

    record = tmp_path / "record.pdf"
    r = run_cli(app.data_dir, "development", "print", "刘洋", "--out", str(record))
    assert r.returncode == 0, r.stderr
    text = text_of(record)
    assert "2019年12月1日" in text and "2019年第四季度支部党员大会" in text
    assert "赞成4票，反对1票，弃权0票" in text
    layout = subprocess.run(
        ["pdftotext", "-layout", str(record), "-"], capture_output=True, text=True
    ).stdout.replace(" ", "")
    assert "入党时间2019年12月1日" in layout  # the header's 入党时间 is the meeting's day


def test_transfer_letter_from_the_cli_names_the_member_in_full(unit, tmp_path):
    app, s, _ = unit
    branch = s.store.get_meta("test_branch_id")
    id_number = _id("19850312", 124)
    m, _ = s.members.add(
        {
            "org_id": branch,
            "name": "陈红",
            "gender": "2",
            "id_number": id_number,
            "ethnicity": "01",
            "category": "full",
            "join_date": "2010-07-01",
            "full_member_date": "2011-07-01",
        }
    )
    event, _ = s.members.record_event(
        m,
        "transfer_out",
        "2026-11-02",
        {
            "to_org": "中共济南市历下区教育局委员会",
            "letter_no": "025",
            "dues_paid_to": "2026-10",
            "valid_days": 90,
        },
    )
    out = tmp_path / "letter.pdf"
    r = run_cli(app.data_dir, "transfers", "letter", event, "--out", str(out), "--json")
    assert r.returncode == 0, r.stderr
    text = text_of(out)
    assert id_number in text and "陈红同志（女），41岁，汉族" in text
    assert "党费已交到贰零贰陆年壹拾月" in text and "有效期玖拾天" in text
    audit = s.store.read("SELECT action FROM audit WHERE action = 'transfer.letter.print'")
    assert len(audit) == 1  # the full ID number on paper is on the record
    # a letter for an event that is not a transfer_out is a coded refusal
    bad = run_cli(app.data_dir, "transfers", "letter", "no-such-event", "--out", str(out))
    assert bad.returncode == 4 and "E_NOT_FOUND" in bad.stderr
