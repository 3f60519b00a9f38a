"""工作台: charts of the membership's make-up, meeting compliance and study progress, and the
due list (probation ending, meetings missing, study short, transfer receipts, terms ending)."""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ztclient.services.changes import Changes
from ztclient.services.dashboard import Dashboard, DueItem
from ztclient.ui import development_due, widgets
from ztclient.ui.context import UiContext
from ztclient.ui.i18n import code_label, translate
from ztclient.ui.org_life_due_text import KINDS as ORG_LIFE_KINDS
from ztclient.ui.org_life_due_text import due_text as org_life_due_text
from ztclient.ui.table_model import DictTableModel

PALETTE = ["#c62828", "#ef6c00", "#f9a825", "#2e7d32", "#1565c0", "#6a1b9a", "#00838f", "#8d6e63"]


def due_text(item: DueItem) -> tuple[str, str]:
    """(what, detail) for one due item, in the clerk's words."""
    p = item.params
    if item.kind == "probation_ending":
        what = translate("Dashboard", "预备期满，准备转正")
        detail = translate("Dashboard", "{name}（{org}）").format(
            name=item.subject, org=p.get("org", "")
        )
        if p.get("overdue"):
            what = translate("Dashboard", "预备期已满，尚未讨论转正")
    elif item.kind == "meetings_missing":
        from ztclient.ui.meetings_view import describe_missing

        what = translate("Dashboard", "会议尚未召开")
        late = set(p.get("overdue_items", []))
        over = translate("Meetings", "{meeting}，已过期")
        detail = translate("Dashboard", "{org}：{items}").format(
            org=item.subject,
            items="、".join(
                over.format(meeting=describe_missing(m)) if i in late else describe_missing(m)
                for i, m in enumerate(p.get("items", []))
            ),
        )
    elif item.kind == "study_short":
        what = translate("Dashboard", "学习学时不足")
        detail = translate("Dashboard", "{year}年有 {count} 人未达到目标学时").format(
            year=p.get("year", ""), count=p.get("count", 0)
        )
    elif item.kind in development_due.KINDS:  # 发展党员, transfers, mobility (h6)
        what, detail = development_due.due_text(item)
    elif item.kind == "dues_behind":
        what = translate("Dashboard", "连续{months}个月未交党费").format(months=p.get("months", ""))
        if p.get("overdue"):
            what = translate("Dashboard", "连续{months}个月未交党费，须查明原因").format(
                months=p.get("months", "")
            )
        detail = translate("Dashboard", "{name}（{org}），欠交 {amount} 元").format(
            name=item.subject, org=p.get("org", ""), amount=p.get("amount", "")
        )
    elif item.kind == "dues_no_base":
        what = translate("Dashboard", "党费计算基数未登记")
        detail = translate("Dashboard", "{year}年有 {count} 名党员尚未登记基数").format(
            year=p.get("year", ""), count=p.get("count", 0)
        )
    elif item.kind in ORG_LIFE_KINDS:
        what, detail = org_life_due_text(item)
    else:
        what, detail = item.kind, item.subject
    return what, detail


def _chart(title: str) -> tuple[QChart, QChartView]:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # old PCs: no animations
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(6)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(210)
    return chart, view


class DashboardView(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loaded = False
        self.overview: dict | None = None
        box = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(widgets.title(translate("Dashboard", "工作台")))
        head.addStretch(1)
        self.summary = QLabel()
        head.addWidget(self.summary)
        box.addLayout(head)
        grid = QGridLayout()
        self.make_up, v1 = _chart(translate("Dashboard", "党员队伍构成（人员类别）"))
        self.ages, v2 = _chart(translate("Dashboard", "年龄结构"))
        self.meetings, v3 = _chart(translate("Dashboard", "本月“三会一课”进度（支部数）"))
        self.study, v4 = _chart(translate("Dashboard", "年度学习进度（人数）"))
        for i, view in enumerate((v1, v2, v3, v4)):
            grid.addWidget(view, i // 2, i % 2)
        box.addLayout(grid, 3)
        box.addWidget(QLabel("<b>" + translate("Dashboard", "待办事项") + "</b>"))
        self.due = DictTableModel(
            [
                ("when", translate("Dashboard", "日期"), None),
                ("what", translate("Dashboard", "事项"), None),
                ("detail", translate("Dashboard", "内容"), None),
            ],
            self,
        )
        self.due.highlight = lambda r: r.get("urgent", False)
        self.due_table = QTableView()
        self.due_table.setModel(self.due)
        self.due_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.due_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.due_table.verticalHeader().setVisible(False)
        self.due_table.horizontalHeader().setStretchLastSection(True)
        self.due_table.setColumnWidth(0, 110)
        self.due_table.setColumnWidth(1, 260)
        box.addWidget(self.due_table, 2)

    def activate(self) -> None:
        if not self.loaded:
            self.loaded = True
            self.reload()

    def reload(self) -> None:
        board = Dashboard(self.ctx.session)
        self.ctx.ops.run(
            board.overview,
            self.show_overview,
            label=translate("Dashboard", "正在汇总…"),
            modal=False,
        )

    def on_changed(self, changes: Changes) -> None:
        if self.loaded and (
            changes.members
            or changes.meetings
            or changes.study
            or changes.orgs
            or changes.settings
            or changes.dues
        ):
            self.reload()

    def clear(self) -> None:
        self.overview = None
        self.due.clear()
        for chart in (self.make_up, self.ages, self.meetings, self.study):
            chart.removeAllSeries()
            for axis in chart.axes():
                chart.removeAxis(axis)
        self.summary.clear()
        self.loaded = False

    # -- drawing ---------------------------------------------------------------------------------
    def show_overview(self, data: dict) -> None:
        self.clear()
        self.loaded = True
        self.overview = data
        counts = data["counts"]
        self.summary.setText(
            translate(
                "Dashboard",
                "在册党员 {party} 人（另有入党申请人、积极分子、发展对象 {others} 人）"
                " · 组织 {orgs} 个 · 会议 {meetings} 次",
            ).format(
                party=counts["party"],
                others=counts["members"] - counts["party"],
                orgs=counts["orgs"],
                meetings=counts["meetings"],
            )
        )
        comp = data["composition"]
        self._pie(self.make_up, [(code_label("category", c), n) for c, n in comp["category"]])
        age_labels = {
            "le30": translate("Dashboard", "≤30岁"),  # "30岁及以下" is cut to "30岁及..."
            "31_40": translate("Dashboard", "31–40岁"),
            "41_50": translate("Dashboard", "41–50岁"),
            "51_60": translate("Dashboard", "51–60岁"),
            "61up": translate("Dashboard", "≥61岁"),
        }
        self._bars(
            self.ages, [(age_labels[b], n) for b, n in comp["age"]], translate("Dashboard", "人数")
        )
        missing = sum(1 for c in data["compliance"] if c["missing_month"])
        self._pie(
            self.meetings,
            [
                (translate("Dashboard", "已开齐"), len(data["compliance"]) - missing),
                (translate("Dashboard", "尚未开齐"), missing),
            ],
            # this month is not over: what is still to be held is to do, not missed (orange,
            # as the 党费 page's 待交); 会议 → 落实情况 reds a meeting once its period is over
            colors=["#2e7d32", "#e65100"],
        )
        b = data["study"]["buckets"]
        self._bars(
            self.study,
            [
                (translate("Dashboard", "已达标"), b["met"]),
                (translate("Dashboard", "过半"), b["over_half"]),
                (translate("Dashboard", "不到一半"), b["under_half"]),
                (translate("Dashboard", "尚未学习"), b["none"]),
            ],
            translate("Dashboard", "人数"),
        )
        rows = []
        for item in data["due"]:
            what, detail = due_text(item)
            urgent = bool(item.params.get("overdue")) or item.kind == "transfer_receipt"
            rows.append(
                {
                    "what": what,
                    "detail": detail,
                    "when": item.when or "",
                    "urgent": urgent,
                    "kind": item.kind,
                    "record_id": item.record_id,
                }
            )
        # What needs action now first (missing meetings, receipts, overdue), then by date.
        order = {
            "transfer_receipt": 0,
            "probation_ending": 1,
            "term_ending": 2,
            "meetings_missing": 3,
            "study_short": 4,
        }
        rows.sort(key=lambda r: (not r["urgent"], order.get(r["kind"], 9), r["when"] or "9999"))
        self.due.set_rows(rows)

    def _pie(
        self, chart: QChart, slices: list[tuple[str, int]], colors: list[str] | None = None
    ) -> None:
        series = QPieSeries()
        for i, (label, n) in enumerate(slices):
            if n <= 0:
                continue
            s = series.append(f"{label} {n}", n)
            s.setColor(QColor((colors or PALETTE)[i % len(colors or PALETTE)]))
        chart.addSeries(series)

    def _bars(self, chart: QChart, bars: list[tuple[str, int]], unit: str) -> None:
        bar_set = QBarSet(unit)
        bar_set.setColor(QColor("#c62828"))
        bar_set.setLabelColor(QColor("#333333"))  # labels sit above the bars, on white
        for _label, n in bars:
            bar_set.append(n)
        series = QBarSeries()
        series.append(bar_set)
        series.setLabelsVisible(True)
        # Outside the bar: a tiny bar (93 of 2,880) still shows its number.
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsOutsideEnd)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([label for label, _n in bars])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        top = max([n for _l, n in bars] + [0])
        if top < 2:  # nice numbers would tick at 0, 0.5, 1, 1.5: shown as 0, 0, 1, 1
            axis_y.setRange(0, 2)
            axis_y.setTickCount(3)
        else:
            axis_y.setRange(0, top * 1.15)
            axis_y.applyNiceNumbers()  # 0, 10, 20 … rather than 0, 3.5, 7
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setVisible(False)
