"""同步 → 待核对: a conflict the committee marked 已核对 says so — 上级已核对（张三，…）, with no
已核对 button for the clerk — and does not count in the tab's number."""

from __future__ import annotations

from datetime import UTC, datetime


def _row(pid: int, field: str, **kw) -> dict:
    return {
        "id": pid, "kind": "conflict", "code": "E_MERGE_CONFLICT", "entity": "member",
        "record_id": "m1", "record_name": "李四", "field": field, "yours": "333",
        "theirs": "222", "params": {}, "reviewed": 0, "reviewed_by": None, "reviewed_at": None,
        **kw,
    }  # fmt: skip


def test_a_row_the_committee_closed_says_who_and_when(qtbot):
    from ztclient.ui.sync_review import ReviewTabs

    tabs = ReviewTabs()
    qtbot.addWidget(tabs)
    at = "2026-12-02T11:40:05Z"
    shown = datetime(2026, 12, 2, 11, 40, 5, tzinfo=UTC).astimezone().strftime("%Y-%m-%d %H:%M")
    closed = _row(2, "phone", reviewed=1, reviewed_by="张三", reviewed_at=at)
    tabs.show_state(
        {"problems": [_row(1, "address")], "closed_above": [closed], "notices": [],
         "materials": []}
    )  # fmt: skip

    assert tabs.tabText(0) == "待核对 (1)"  # the open one only
    assert tabs.problems.rowCount() == 2
    assert tabs.problems.item(1, 1).text() == "联系电话"
    assert tabs.problems.item(1, 4).text() == f"上级已核对（张三，{shown}）"
    assert tabs.problems.cellWidget(1, 5) is None  # nothing to press
    assert tabs.problems.cellWidget(0, 5).text() == "已核对"
