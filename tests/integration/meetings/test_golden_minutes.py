"""Golden minutes and sign-in sheet (issue 10 items 1, 3, 10): a real unit, a meeting with two
resolutions — one passing, one failing — printed to PDF and read back with pdftotext. Every
expected figure and sentence is written here by hand from meeting_world.py's table:

应到 8 (王建国 李文华 陈红 周伟 赵磊 孙丽 刘洋 钱进; 吴新 joined later), 实到 7, 缺席 1 (周伟, 病假);
有表决权 应到 6 (not 孙丽: 留党察看; not 刘洋: 预备), 实到 5; threshold 4.
“同意转正” 4 for, 1 written opinion → 通过; “调整活动经费” 2 for, 2 against → 未通过.
"""

from __future__ import annotations

import re

from meeting_world import add, general_meeting, pdf_text


def flat(text: str) -> str:
    """Without spaces and line breaks: a sentence the layout wrapped reads as one."""
    return re.sub(r"\s", "", text)


def test_minutes_state_each_figure_and_verdict_the_same_everywhere(branch_unit, tmp_path):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    report = s.reports.print_minutes(mid, tmp_path / "m.pdf")
    text = pdf_text(tmp_path / "m.pdf")
    lines = text.splitlines()
    assert "青山镇机关第一党支部党员大会记录" in lines  # the title, 支部 once
    assert "支部支部" not in text and text.count("（第3次）") == 1
    assert "会议名称 2026年第三季度支部党员大会（第3次）" in text
    assert "主持人 王建国（书记） 记录人 李文华（组织委员）" in text
    assert "应到人数 8人 实到人数 7人" in text
    assert "缺席人数 1人 列席人数 0人" in text
    assert "周伟（病假）" in text
    assert flat("应到 8 人，实到 7 人，缺席 1 人") in flat(text)
    assert flat("应到会有表决权 6 人，实到 5 人，超过半数，符合开会要求") in flat(text)
    # Each resolution: its own table row of figures and verdict, then its own sentences.
    assert "6 5 4 0 0 1 通过" in lines
    assert "6 5 2 2 0 0 未通过" in lines
    assert flat("“同意转正”赞成票超过应到会有表决权人数的半数（至少 4 票），通过") in flat(text)
    assert flat(
        "“调整活动经费”赞成2票，未超过应到会有表决权人数的半数（至少需4票），未通过"
    ) in flat(text)
    # 决议事项 states the same verdicts; nothing says 未表决.
    assert "1 同意转正 通过 — —" in lines and "2 调整活动经费 未通过 — —" in lines
    assert "未表决" not in text
    # Order of the numbered sections; signatures at the end.
    heads = [line for line in lines if line[:2] in ("一、", "二、", "三、", "四、")]
    assert heads == ["一、会议内容", "二、表决情况", "三、决议（决定）事项"]
    assert "主持人（签字）：____________ 记录人（签字）：____________" in text
    assert report.pages == int(text.split("共 ")[-1].split(" 页")[0])


def test_every_typed_line_is_an_indented_paragraph(branch_unit, tmp_path):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    doc = s.reports.minutes_doc(mid)
    from ztclient.infra.documents.fonts import default_fonts
    from ztclient.infra.documents.minutes_pdf import build_story
    from ztclient.infra.documents.pdf_common import Kit

    story = build_story(Kit(default_fonts()), doc)
    body = [f for f in story if getattr(f, "style", None) is not None and f.style.name == "body"]
    texts = [f.getPlainText() for f in body]
    # both typed lines are paragraphs of their own, each indented by two characters (32 pt)
    assert "王建国同志主持会议。" in texts and "李文华同志介绍情况。" in texts
    assert all(f.style.firstLineIndent == 32 for f in body)


def test_sign_in_sheet_and_reprint_after_roster_changes(branch_unit, tmp_path):
    s, ids = branch_unit
    mid, _ = s.meetings.add(general_meeting(ids))
    s.reports.print_signin(mid, tmp_path / "a.pdf")
    first = pdf_text(tmp_path / "a.pdf")
    assert "青山镇机关第一党支部党员大会签到表" in first
    assert "应到人数： 8人 实到人数：______人" in first
    expected = [  # roster order (syllable by syllable: li wen hua < liu yang), group and post
        "1 陈红 第二党小组", "2 李文华 第一党小组 · 组织委员", "3 刘洋 第二党小组",
        "4 钱进", "5 孙丽 第二党小组", "6 王建国 第一党小组 · 书记", "7 赵磊 第二党小组",
        "8 周伟 第二党小组",
    ]  # fmt: skip
    rows = [line for line in first.splitlines() if line[:2].strip().isdigit()]
    assert rows[:8] == expected  # (李文华's group and post fit one line of the cell)
    assert "吴新" not in first
    # The roster changes; the reprint of both documents gives the same text.
    s.reports.print_minutes(mid, tmp_path / "m1.pdf")
    add(s, ids["branch"], "后来者", "2015-01-05", group=ids["g1"])
    s.members.record_event(ids["陈红"], "transfer_out", "2026-11-01", {"to_org": "某县委"})
    s.orgs.assign_post(ids["branch"], ids["赵磊"], "publicity", "2026-11-01")
    s.reports.print_signin(mid, tmp_path / "b.pdf")
    s.reports.print_minutes(mid, tmp_path / "m2.pdf")
    assert pdf_text(tmp_path / "b.pdf") == first
    assert pdf_text(tmp_path / "m2.pdf") == pdf_text(tmp_path / "m1.pdf")


def test_a_long_record_is_a_readable_document_and_can_be_cancelled(branch_unit, tmp_path):

    import pytest

    from ztclient.domain.errors import DomainError

    s, ids = branch_unit
    sentence = "李文华同志介绍了发展对象的培养考察情况、政审情况和公示情况，大家认真讨论。"
    record = (sentence * 1700)[:60000]  # one 60,000-character paragraph, as pasted
    mid, _ = s.meetings.add(general_meeting(ids, minutes=record))
    calls = []
    # its 10-second budget is measured in bench/documents.py, not timed here
    report = s.reports.print_minutes(mid, tmp_path / "long.pdf", lambda d, t: calls.append(d))
    text = re.sub(r"第\d+页共\d+页", "", flat(pdf_text(tmp_path / "long.pdf")))
    # 60,000 characters of a 37-character sentence: 1,621 whole sentences, every one readable
    # (page footers removed), in order, nothing lost or doubled.
    assert text.count(flat(sentence)) == 1621
    assert flat(record) in text
    assert 80 < report.pages < 160  # ~530 characters a page at 三号, not hundreds of pages
    assert len(calls) > 100 and calls == sorted(calls)  # often, and only forwards

    def cancel(done, total):
        if done > 400:
            raise DomainError("E_CANCELLED")

    with pytest.raises(DomainError) as info:
        s.reports.print_minutes(mid, tmp_path / "gone.pdf", cancel)
    assert info.value.code == "E_CANCELLED" and not (tmp_path / "gone.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".gone")] == []
