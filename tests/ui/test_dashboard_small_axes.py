"""工作台 of a new or very small unit: the bar charts' count axis is marked in whole numbers,
each once. With at most one person in any bar, Qt's nice numbers put ticks at 0, 0.5, 1, 1.5,
which the axis's whole-number format showed as 0, 0, 1, 1 (seen on a fresh unit's first day)."""

from __future__ import annotations

from PySide6.QtCharts import QChartView, QValueAxis
from PySide6.QtCore import Qt

PW = "我们支部每月5日学习2026"


def _ticks(axis: QValueAxis) -> list[float]:
    n = axis.tickCount()
    return [axis.min() + i * (axis.max() - axis.min()) / (n - 1) for i in range(n)]


def _count_axes(main) -> list[QValueAxis]:
    page = main.page("dashboard")
    axes = []
    for view in page.findChildren(QChartView):
        axes += [a for a in view.chart().axes(Qt.Orientation.Vertical) if isinstance(a, QValueAxis)]
    return axes


def test_the_count_axes_of_a_unit_with_one_member(qtbot, tmp_path, shell_factory, settle):
    from ztclient.bootstrap import App

    app = App(tmp_path / "unit")
    session, _ = app.create_unit("中共小河社区委员会", "3301060009", PW, "committee")
    branch, _ = session.orgs.add(
        {"name": "第一党支部", "kind": "branch", "parent_id": session.root_org_id}
    )
    session.members.add({"org_id": branch, "name": "王小明", "gender": "1",
                         "birth_date": "1980-03-07", "join_date": "2010-07-01",
                         "full_member_date": "2011-07-01"})  # fmt: skip
    session.close()
    shell = shell_factory(app)
    window = shell.start()
    window.passphrase.setText(PW)
    window.try_unlock()
    qtbot.waitUntil(lambda: shell.main is not None, timeout=30000)
    settle(shell.ops)
    settle(shell.ops)
    axes = _count_axes(shell.main)
    assert axes  # 年龄结构 and 年度学习进度
    for axis in axes:
        ticks = _ticks(axis)
        assert all(t == int(t) for t in ticks), ticks
        assert ticks[-1] >= 1
