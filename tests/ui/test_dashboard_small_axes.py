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


def test_the_count_axes_of_a_unit_with_one_member(tmp_path, open_main):
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
    shell = open_main(app, PW)
    axes = _count_axes(shell.main)
    assert axes  # 年龄结构 and 年度学习进度
    for axis in axes:
        ticks = _ticks(axis)
        assert all(t == int(t) for t in ticks), ticks
        assert ticks[-1] >= 1


def test_the_age_labels_are_whole_and_this_month_s_meetings_are_not_red(tmp_path, open_main):
    """年龄结构's end bands read "30岁及..." and "61岁及..." at 1366 px (Qt elides a category
    label wider than its bar's slot): they are ≤30岁 and ≥61岁 now, each within its slot. And the
    本月"三会一课"进度 pie showed this month's meetings still to hold in red on the 3rd, when
    nothing was missed yet: they are orange (to do), as the 党费 page's 待交."""
    from PySide6.QtCharts import QBarCategoryAxis, QPieSeries
    from PySide6.QtGui import QFontMetrics

    from ztclient.bootstrap import App

    app = App(tmp_path / "unit")
    session, _ = app.create_unit("中共小河社区委员会", "3301060009", PW, "committee")
    session.orgs.add({"name": "第一党支部", "kind": "branch", "parent_id": session.root_org_id})
    session.close()
    shell = open_main(app, PW)
    shell.main.resize(1366, 768)
    views = shell.main.page("dashboard").findChildren(QChartView)
    ages = next(v for v in views if v.chart().title() == "年龄结构")
    axis = next(a for a in ages.chart().axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories()[0] == "≤30岁" and axis.categories()[-1] == "≥61岁"
    slot = ages.chart().plotArea().width() / axis.count()
    metrics = QFontMetrics(axis.labelsFont())
    # Qt elided "30岁及以下" at 0.68 of its slot (73 of 107 px here): keep well under that
    assert max(metrics.horizontalAdvance(c) for c in axis.categories()) < slot * 0.6
    meetings = next(v for v in views if "三会一课" in v.chart().title())
    series = next(s for s in meetings.chart().series() if isinstance(s, QPieSeries))
    colours = {s.label(): s.color().name() for s in series.slices()}
    assert colours == {"尚未开齐 1": "#e65100"}
