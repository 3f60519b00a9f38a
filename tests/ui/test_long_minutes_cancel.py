"""打印会议记录 of a 60,000-character record from the 会议 page: the print job hands its progress
to the minutes builder, which reports often, so 取消 stops it midway and leaves no file
(issue 9 item 5's document side, issue 10 item 3)."""

from __future__ import annotations

import pytest

from ztclient.domain.errors import DomainError


def test_the_print_job_reports_progress_and_cancel_stops_it(
    unlocked, settle, monkeypatch, tmp_path
):
    s = unlocked.session
    org = s.store.scalar("SELECT id FROM orgs WHERE kind = 'branch' LIMIT 1")
    text = ("王建国同志传达了上级会议精神，要求全体党员结合岗位实际抓好学习贯彻。" * 2000)[:60000]
    s.meetings.add({"org_id": org, "kind": "lecture", "starts_at": "2026-11-25T09:00",
                    "title": "长篇记录", "minutes": text})  # fmt: skip
    main = unlocked.main
    main.show_page([k for k, _t, _p in main.pages].index("meetings"))
    settle(unlocked.ops)
    meetings = main.page("meetings")
    meetings.period.setCurrentIndex(meetings.period.findData("all"))
    settle(unlocked.ops)
    row = next(i for i in range(meetings.model.rowCount())
               if meetings.model.row(i)["title"] == "长篇记录")  # fmt: skip
    meetings.table.selectRow(row)
    jobs = []
    from ztclient.ui import reports_view

    monkeypatch.setattr(reports_view, "print_pdf", lambda _c, _p, job, _n: jobs.append(job))
    meetings.minutes_button.click()
    calls = []

    def progress(done, total, *_):
        calls.append(done)
        if len(calls) == 40:  # the clerk presses 取消 while the record is being laid out
            raise DomainError("E_CANCELLED")

    folder = tmp_path / "printed"
    folder.mkdir()
    out = folder / "long.pdf"
    with pytest.raises(DomainError) as info:
        jobs[0](out, progress)
    assert info.value.code == "E_CANCELLED" and not out.exists()
    assert list(folder.iterdir()) == []  # no half-made file beside it either
